#pragma once
// API keys and signed URL tokens, in memory. A key is "om_<id>_<secret>": the id finds its
// entry, and only a salted SHA-256 of the whole key is kept (keys are 256 random bits, so a
// fast hash is enough; no password-style stretching is needed). A URL token,
// "<key id>.<expiry, Unix seconds>.<HMAC-SHA-256>", lets clients that cannot send a header
// (QField, tile URLs) act with a key's role until it expires or the key is revoked.
// Reading and writing the keys file is catalog/keys_file's job.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::auth {

struct ApiKey {
  std::string id;  // 8 hex digits, public (shown by `onemap key list`, named in tokens)
  std::string role;
  std::string salt;     // hex
  std::string hash;     // hex SHA-256 of salt bytes + key
  std::string created;  // RFC 3339, for people
};

class KeyStore {
 public:
  KeyStore() = default;
  // `url_secret`: raw bytes signing URL tokens; empty: a fresh one is drawn (first key).
  KeyStore(std::vector<ApiKey> keys, std::string url_secret);

  // Adds a key for `role` and returns it: the only time the key exists in the clear.
  std::string add(const std::string& role, std::string created);
  // Removes the key with this id (its URL tokens die with it); false when there is none.
  bool revoke(std::string_view id);

  // The entry of a presented key, or null (unknown, malformed or wrong).
  const ApiKey* verify_key(std::string_view key) const;

  std::string url_token(const ApiKey& key, std::int64_t expires_unix) const;
  enum class TokenOutcome { valid, malformed, unknown_key, bad_signature, expired };
  struct TokenCheck {
    TokenOutcome outcome = TokenOutcome::malformed;
    const ApiKey* key = nullptr;  // set when valid
    std::int64_t expires = 0;
  };
  TokenCheck verify_url_token(std::string_view token, std::int64_t now_unix) const;

  const ApiKey* find(std::string_view id) const;  // by id; null when there is none
  const std::vector<ApiKey>& keys() const { return keys_; }
  const std::string& url_secret() const { return url_secret_; }

 private:
  std::string signature(std::string_view id, std::int64_t expires) const;

  std::vector<ApiKey> keys_;
  std::string url_secret_;
};

}  // namespace onemap::auth
