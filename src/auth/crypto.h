#pragma once
// The few cryptographic primitives access control needs, from OpenSSL's libcrypto: random
// bytes, SHA-256, HMAC-SHA-256, and encodings. Nothing here is home-made cryptography.
#include <optional>
#include <string>
#include <string_view>

namespace onemap::auth {

std::string random_bytes(std::size_t n);                               // from the OS's CSPRNG; throws when it fails
std::string sha256(std::string_view data);                             // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes

std::string to_hex(std::string_view bytes);
// The bytes of lower- or upper-case hex text; nullopt when it is not hex of whole bytes.
std::optional<std::string> from_hex(std::string_view text);
std::string base64url(std::string_view bytes);  // RFC 4648 §5, no padding

// Equal length and bytes, in time that does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace onemap::auth
