#include "auth/key_store.h"

#include "auth/crypto.h"

#include <charconv>

namespace onemap::auth {
namespace {

constexpr std::string_view kPrefix = "om_";
constexpr std::size_t kIdBytes = 4, kSecretBytes = 32, kSaltBytes = 16;

std::string key_hash(std::string_view salt_hex, std::string_view key) {
  const std::optional<std::string> salt = from_hex(salt_hex);
  return to_hex(sha256((salt ? *salt : std::string()) + std::string(key)));
}

}  // namespace

KeyStore::KeyStore(std::vector<ApiKey> keys, std::string url_secret)
    : keys_(std::move(keys)), url_secret_(std::move(url_secret)) {}

std::string KeyStore::add(const std::string& role, std::string created) {
  if (url_secret_.empty()) url_secret_ = random_bytes(kSecretBytes);
  std::string id;
  do id = to_hex(random_bytes(kIdBytes));
  while (find(id));
  const std::string key = std::string(kPrefix) + id + "_" + base64url(random_bytes(kSecretBytes));
  ApiKey entry{id, role, to_hex(random_bytes(kSaltBytes)), "", std::move(created)};
  entry.hash = key_hash(entry.salt, key);
  keys_.push_back(std::move(entry));
  return key;
}

bool KeyStore::revoke(std::string_view id) {
  return std::erase_if(keys_, [&](const ApiKey& k) { return k.id == id; }) > 0;
}

const ApiKey* KeyStore::find(std::string_view id) const {
  for (const ApiKey& k : keys_)
    if (k.id == id) return &k;
  return nullptr;
}

const ApiKey* KeyStore::verify_key(std::string_view key) const {
  if (!key.starts_with(kPrefix)) return nullptr;
  const std::string_view rest = key.substr(kPrefix.size());
  const std::size_t cut = rest.find('_');
  if (cut == std::string_view::npos) return nullptr;
  const ApiKey* entry = find(rest.substr(0, cut));
  if (!entry || !constant_time_equal(key_hash(entry->salt, key), entry->hash)) return nullptr;
  return entry;
}

std::string KeyStore::signature(std::string_view id, std::int64_t expires) const {
  return base64url(hmac_sha256(url_secret_, "onemap-url-token\n" + std::string(id) + "." + std::to_string(expires)));
}

std::string KeyStore::url_token(const ApiKey& key, std::int64_t expires_unix) const {
  return key.id + "." + std::to_string(expires_unix) + "." + signature(key.id, expires_unix);
}

KeyStore::TokenCheck KeyStore::verify_url_token(std::string_view token, std::int64_t now_unix) const {
  TokenCheck out;
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return out;
  const std::string_view id = token.substr(0, first), expiry = token.substr(first + 1, second - first - 1);
  auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), out.expires);
  if (ec != std::errc() || end != expiry.data() + expiry.size()) return out;
  const ApiKey* key = find(id);
  if (!key || url_secret_.empty()) {
    out.outcome = TokenOutcome::unknown_key;
    return out;
  }
  if (!constant_time_equal(token.substr(second + 1), signature(id, out.expires))) {
    out.outcome = TokenOutcome::bad_signature;
    return out;
  }
  if (out.expires <= now_unix) {
    out.outcome = TokenOutcome::expired;
    return out;
  }
  out.outcome = TokenOutcome::valid;
  out.key = key;
  return out;
}

}  // namespace onemap::auth
