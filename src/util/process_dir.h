#pragma once
// A directory of this server process's own, for files that must not outlive it (job results,
// exports): `{prefix}{pid}-XXXXXX` under a parent directory, made 0700 by mkdtemp. A server
// that is killed cannot remove its directory, so making one first removes those under the same
// parent whose pid names a process that no longer runs.
#include <filesystem>
#include <string_view>

namespace onemap::util {

// Sweeps `{prefix}{pid}-*` directories of processes that are gone from `parent` (made when
// missing; empty: the system temp dir), then makes this process's. Throws std::runtime_error
// naming the parent when the directory cannot be made.
std::filesystem::path make_process_dir(const std::filesystem::path& parent, std::string_view prefix);

}  // namespace onemap::util
