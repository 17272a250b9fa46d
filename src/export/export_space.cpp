#include "export/export_space.h"

#include "util/process_dir.h"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <system_error>

namespace onemap::exports {
namespace fs = std::filesystem;

ExportSpace::ExportSpace(const fs::path& parent, std::size_t max_exports)
    : dir_(util::make_process_dir(parent, "onemap-exports-")), max_(max_exports) {}

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
