#pragma once
// `onemap key add ROLE | list | revoke ID`: manages the API keys file of a configuration.
#include <filesystem>
#include <string>
#include <vector>

namespace onemap::app {

// Returns the process exit code; messages go to stderr, a new key (alone) to stdout.
int key_command(const std::filesystem::path& config, const std::vector<std::string>& args);

}  // namespace onemap::app
