#include "app/key_command.h"

#include "catalog/catalog_loader.h"
#include "catalog/keys_file.h"
#include "util/clock.h"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace onemap::app {
namespace {

constexpr const char* kKeyUsage =
    "Usage: onemap key add ROLE     a new API key for ROLE, printed once (only its salted hash is kept)\n"
    "       onemap key list         the keys' ids, roles and creation times\n"
    "       onemap key revoke ID    removes a key (its URL tokens stop working)\n"
    "  A running server reads the keys file again on SIGHUP or POST /admin/reload.\n";

}  // namespace

int key_command(const std::filesystem::path& config, const std::vector<std::string>& args) {
  if (args.empty() || (args[0] == "add" && args.size() != 2) || (args[0] == "revoke" && args.size() != 2) ||
      (args[0] == "list" && args.size() != 1) || (args[0] != "add" && args[0] != "list" && args[0] != "revoke")) {
    std::cerr << kKeyUsage;
    return 2;
  }
  catalog::Catalog catalog;
  try {
    catalog = catalog::load_catalog(config);
  } catch (const std::exception& e) {
    std::cerr << "onemap: " << e.what() << "\n";
    return 2;
  }
  catalog::Access& access = catalog.access;
  try {
    if (args[0] == "list") {
      for (const auth::ApiKey& k : access.keys.keys()) std::cout << k.id << "\t" << k.role << "\t" << k.created << "\n";
      return 0;
    }
    if (args[0] == "revoke") {
      if (!access.keys.revoke(args[1])) {
        std::cerr << "onemap: no key " << args[1] << " in " << access.keys_file.string() << "\n";
        return 1;
      }
      catalog::write_keys_file(access.keys_file, access.keys);
      std::cerr << "revoked " << args[1] << "; reload the server (SIGHUP) to apply\n";
      return 0;
    }
    const std::string& role = args[1];
    if (std::find(access.roles.begin(), access.roles.end(), role) == access.roles.end()) {
      std::string list;
      for (const std::string& r : access.roles) list += (list.empty() ? "" : ", ") + r;
      std::cerr << "onemap: '" << role << "' is not a role of access.roles (" << list << ")\n";
      return 2;
    }
    const std::string key = access.keys.add(role, util::rfc3339(std::chrono::system_clock::now()));
    catalog::write_keys_file(access.keys_file, access.keys);
    std::cout << key << std::endl;
    std::cerr << "a key for role '" << role << "' (id " << access.keys.keys().back().id
              << "); it is shown only now, and " << access.keys_file.string()
              << " keeps its salted hash. Send it as the X-API-Key header; reload the server (SIGHUP) to apply.\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "onemap: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace onemap::app
