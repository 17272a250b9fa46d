#include "catalog/keys_file.h"

#include "auth/crypto.h"
#include "catalog/catalog.h"
#include "catalog/yaml_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace onemap::catalog {
namespace fs = std::filesystem;

auth::KeyStore read_keys_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};
  YamlReader r(file);
  YAML::Node root = r.load();
  if (!root || root.IsNull()) return {};
  r.check_keys(root, "", {"url_secret", "keys"});
  const std::optional<std::string> secret = auth::from_hex(r.get<std::string>(root, "url_secret", ""));
  if (!secret) r.fail("url_secret must be hex");
  std::vector<auth::ApiKey> keys;
  if (const YAML::Node list = root["keys"]) {
    if (!list.IsSequence()) r.fail("'keys' must be a list");
    for (const YAML::Node& k : list) {
      r.at("key " + (k.IsMap() && k["id"] ? k["id"].as<std::string>("?") : std::string("?")));
      if (!k.IsMap()) r.fail("each key is {id, role, salt, hash, created}");
      r.check_keys(k, "", {"id", "role", "salt", "hash", "created"});
      auth::ApiKey key{r.required(k, "id"), r.required(k, "role"), r.required(k, "salt"), r.required(k, "hash"),
                       r.get<std::string>(k, "created", "")};
      if (!auth::from_hex(key.salt) || !auth::from_hex(key.hash) || key.hash.size() != 64)
        r.fail("salt and hash must be hex (hash: SHA-256)");
      keys.push_back(std::move(key));
    }
  }
  if (!keys.empty() && secret->empty()) r.fail("url_secret is missing");
  return auth::KeyStore(std::move(keys), *secret);
}

void write_keys_file(const fs::path& file, const auth::KeyStore& keys) {
  YAML::Emitter out;
  out << YAML::Comment(
      "OneMap API keys: salted SHA-256 hashes only. Managed by `onemap key add ROLE | list | revoke ID`.");
  out << YAML::BeginMap << YAML::Key << "url_secret" << YAML::Value << auth::to_hex(keys.url_secret());
  out << YAML::Key << "keys" << YAML::Value << YAML::BeginSeq;
  for (const auth::ApiKey& k : keys.keys()) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << k.id << YAML::Key << "role"
        << YAML::Value << k.role << YAML::Key << "salt" << YAML::Value << k.salt << YAML::Key << "hash" << YAML::Value
        << k.hash << YAML::Key << "created" << YAML::Value << k.created << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  const std::string text = std::string(out.c_str()) + "\n";

  const fs::path temporary = file.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw CatalogError(file.string() + ": cannot write the keys file");
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || std::rename(temporary.c_str(), file.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw CatalogError(file.string() + ": cannot write the keys file");
  }
}

}  // namespace onemap::catalog
