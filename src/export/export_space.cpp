#include "export/export_space.h"

#include <spdlog/spdlog.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace onemap::exports {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPrefix = "onemap-exports-";

// Exports directories of servers that died without cleaning up (killed, crashed): their name
// holds their process id, and a process that no longer exists will never send those files.
void sweep_stale(const fs::path& base) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kPrefix)) continue;
    const long pid = std::strtol(name.c_str() + kPrefix.size(), nullptr, 10);
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    fs::remove_all(entry.path(), rm);
    if (!rm) spdlog::info("removed {}, left by server process {} that no longer runs", entry.path().string(), pid);
  }
}

}  // namespace

ExportSpace::ExportSpace(const fs::path& parent, std::size_t max_exports) : max_(max_exports) {
  const fs::path base = parent.empty() ? fs::temp_directory_path() : parent;
  std::error_code ec;
  fs::create_directories(base, ec);
  sweep_stale(base);
  std::string templ = (base / (std::string(kPrefix) + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!::mkdtemp(templ.data()))
    throw std::runtime_error("cannot make an exports directory in " + base.string() + ": " + std::strerror(errno));
  dir_ = templ;
}

ExportSpace::~ExportSpace() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) spdlog::warn("cannot remove the exports directory {}: {}", dir_.string(), ec.message());
}

std::optional<ExportSpace::Slot> ExportSpace::try_acquire() {
  std::size_t now = busy_.load();
  do {
    if (now >= max_) return std::nullopt;
  } while (!busy_.compare_exchange_weak(now, now + 1));
  return std::optional<Slot>(std::in_place, busy_);
}

ExportSpace::Scratch ExportSpace::scratch(std::string_view extension) { return Scratch(dir_, next_++, extension); }

ExportSpace::Scratch::Scratch(const fs::path& space, std::uint64_t n, std::string_view extension)
    : dir_(space / std::to_string(n)), result_(space / (std::to_string(n) + "." + std::string(extension))) {
  std::error_code ec;
  if (!fs::create_directory(dir_, ec))
    throw std::runtime_error("cannot make the export directory " + dir_.string() + ": " + ec.message());
}

ExportSpace::Scratch::~Scratch() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (!handed_over_) fs::remove(result_, ec);
}

}  // namespace onemap::exports
