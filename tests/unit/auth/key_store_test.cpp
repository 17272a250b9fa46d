#include "auth/key_store.h"
#include "auth/crypto.h"

#include <gtest/gtest.h>

namespace onemap::auth {
namespace {

TEST(Crypto, KnownVectors) {
  // FIPS 180-2 "abc"; RFC 4231 test case 2.
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(from_hex("00ff7A"), std::string("\x00\xff\x7a", 3));
  EXPECT_FALSE(from_hex("0g"));
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_TRUE(constant_time_equal("same", "same"));
  EXPECT_FALSE(constant_time_equal("same", "sam"));
  EXPECT_FALSE(constant_time_equal("same", "sane"));
}

TEST(KeyStore, AKeyVerifiesOnlyAsIssued) {
  KeyStore store;
  const std::string key = store.add("planner", "2026-11-30T00:00:00Z");
  ASSERT_EQ(store.keys().size(), 1u);
  const ApiKey entry = store.keys()[0];
  EXPECT_TRUE(key.starts_with("om_" + entry.id + "_"));
  EXPECT_EQ(key.find(entry.hash), std::string::npos);  // the store keeps a hash, not the key
  ASSERT_NE(store.verify_key(key), nullptr);
  EXPECT_EQ(store.verify_key(key)->role, "planner");
  std::string altered = key;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(store.verify_key(altered), nullptr);
  EXPECT_EQ(store.verify_key(key + "x"), nullptr);
  EXPECT_EQ(store.verify_key("om_" + entry.id), nullptr);
  EXPECT_EQ(store.verify_key(""), nullptr);
  // Two keys for one role differ in id, salt and secret.
  const std::string second = store.add("planner", "");
  EXPECT_NE(second, key);
  EXPECT_NE(store.keys()[0].salt, store.keys()[1].salt);
  EXPECT_TRUE(store.revoke(entry.id));
  EXPECT_EQ(store.verify_key(key), nullptr);
  EXPECT_NE(store.verify_key(second), nullptr);
  EXPECT_FALSE(store.revoke("nope"));
}

TEST(KeyStore, UrlTokensExpireAndDieWithTheirKey) {
  KeyStore store;
  store.add("field", "");
  const ApiKey key = store.keys()[0];
  const std::string token = store.url_token(key, 1000);
  using O = KeyStore::TokenOutcome;
  EXPECT_EQ(store.verify_url_token(token, 999).outcome, O::valid);
  EXPECT_EQ(store.verify_url_token(token, 999).key->role, "field");
  EXPECT_EQ(store.verify_url_token(token, 1000).outcome, O::expired);
  // A longer life written into the token breaks its signature.
  std::string extended = token;
  extended.replace(extended.find(".1000.") + 1, 4, "9999");
  EXPECT_EQ(store.verify_url_token(extended, 999).outcome, O::bad_signature);
  EXPECT_EQ(store.verify_url_token("x.y", 0).outcome, O::malformed);
  EXPECT_EQ(store.verify_url_token(key.id + ".abc.sig", 0).outcome, O::malformed);
  // Another store (another secret) does not accept it.
  KeyStore other({key}, std::string(32, 'k'));
  EXPECT_EQ(other.verify_url_token(token, 999).outcome, O::bad_signature);
  store.revoke(key.id);
  EXPECT_EQ(store.verify_url_token(token, 999).outcome, O::unknown_key);
}

}  // namespace
}  // namespace onemap::auth
