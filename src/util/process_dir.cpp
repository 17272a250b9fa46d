#include "util/process_dir.h"

#include <spdlog/spdlog.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace onemap::util {
namespace fs = std::filesystem;
namespace {

// Directories of servers that died without cleaning up (killed, crashed): their name holds
// their process id, and a process that no longer exists will never use those files.
void sweep_stale(const fs::path& parent, std::string_view prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    fs::remove_all(entry.path(), rm);
    if (!rm) spdlog::info("removed {}, left by server process {} that no longer runs", entry.path().string(), pid);
  }
}

}  // namespace

fs::path make_process_dir(const fs::path& parent, std::string_view prefix) {
  const fs::path base = parent.empty() ? fs::temp_directory_path() : parent;
  std::error_code ec;
  fs::create_directories(base, ec);
  sweep_stale(base, prefix);
  std::string templ = (base / (std::string(prefix) + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!::mkdtemp(templ.data()))
    throw std::runtime_error("cannot make " + fs::path(templ).filename().string() + " in " + base.string() + ": " +
                             std::strerror(errno));
  return templ;
}

}  // namespace onemap::util
