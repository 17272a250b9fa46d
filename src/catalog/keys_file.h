#pragma once
// The API keys file (access.keys_file, default keys.yaml beside onemap.yaml): salted hashes of
// the keys and the secret that signs URL tokens, never a key itself. Written only by
// `onemap key …`, read at startup and at every reload.
#include "auth/key_store.h"

#include <filesystem>

namespace onemap::catalog {

// A missing file is no keys; an unreadable or malformed one is a CatalogError naming it.
auth::KeyStore read_keys_file(const std::filesystem::path& file);

// Replaces the file atomically (a temporary file renamed over it), readable by its owner only.
void write_keys_file(const std::filesystem::path& file, const auth::KeyStore& keys);

}  // namespace onemap::catalog
