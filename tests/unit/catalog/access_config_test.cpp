// The access section of onemap.yaml, layer roles, and the keys file.
#include "catalog/catalog_loader.h"
#include "catalog/keys_file.h"

#include "fixtures.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <iterator>

using namespace onemap;
using onemap::testing::catalog_load_error;
using onemap::testing::TempDir;
using onemap::testing::write_text;

TEST(AccessConfig, LayerRolesAndDefaults) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nroles: [planner, land_bureau]\n");
  write_text(dir / "layers/b.yaml", "id: b\nsource: b.gpkg\n");
  catalog::Catalog c = catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.access.keys_file, dir.path() / "keys.yaml");
  EXPECT_TRUE(c.access.keys.keys().empty());  // no keys file yet: no keys
  EXPECT_TRUE(c.has_restricted_layers());
  EXPECT_FALSE(catalog::may_see(c.layers[0], "public"));
  EXPECT_FALSE(catalog::may_see(c.layers[0], "field"));
  EXPECT_TRUE(catalog::may_see(c.layers[0], "planner"));
  EXPECT_TRUE(catalog::may_see(c.layers[0], "admin"));
  EXPECT_TRUE(catalog::may_see(c.layers[1], "public"));
}

TEST(AccessConfig, MistakesAreNamed) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\naccess: {roles: [editor]}\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nroles: [planner]\n");
  std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("'planner' is not a role of access.roles"), std::string::npos) << message;

  write_text(dir / "onemap.yaml", "title: x\naccess: {cors_origins: [example.org]}\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("is not an origin"), std::string::npos) << message;

  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "keys.yaml", "url_secret: zz\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("keys.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("url_secret must be hex"), std::string::npos) << message;
}

// P9b item 10: configurations that failed open. `roles: []` made a layer public; a repeated key
// was read as its first copy, so a second `roles:` (or any key) was silently ignored.
TEST(AccessConfig, AnEmptyRoleListIsRefusedNotReadAsPublic) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nroles: []\n");
  const std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("a.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("roles: an empty list"), std::string::npos) << message;
}

TEST(AccessConfig, ARepeatedKeyIsRefusedInEveryYamlFile) {
  TempDir dir;
  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nroles: [admin]\nmin_zoom: 3\nroles: [planner]\n");
  std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("a.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("line 5: key 'roles' is given more than once"), std::string::npos) << message;

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\nfields: {x: {title: A}, x: {title: B}}\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("key 'x' is given more than once"), std::string::npos) << message;

  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  write_text(dir / "onemap.yaml", "title: x\nserver:\n  port: 9000\n  port: 9001\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("onemap.yaml: line 4: key 'port' is given more than once"), std::string::npos) << message;

  write_text(dir / "onemap.yaml", "title: x\n");
  write_text(dir / "keys.yaml", "keys:\n  - {id: a1, id: a2}\n");
  message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("keys.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("key 'id' is given more than once"), std::string::npos) << message;
}

TEST(KeysFile, RoundTripKeepsHashesOnlyAndIsPrivate) {
  TempDir dir;
  auth::KeyStore keys;
  const std::string key = keys.add("field", "2026-11-30T00:00:00Z");
  catalog::write_keys_file(dir / "keys.yaml", keys);
  struct stat st {};
  ASSERT_EQ(stat((dir / "keys.yaml").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(dir / "keys.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(key.substr(12)), std::string::npos) << "the secret part of the key was written";

  const auth::KeyStore read = catalog::read_keys_file(dir / "keys.yaml");
  ASSERT_NE(read.verify_key(key), nullptr);
  EXPECT_EQ(read.verify_key(key)->role, "field");
  // The URL secret survives: a token made before a restart still verifies after it.
  const std::string token = keys.url_token(keys.keys()[0], 4'000'000'000);
  EXPECT_EQ(read.verify_url_token(token, 0).outcome, auth::KeyStore::TokenOutcome::valid);

  // A key whose role the configuration does not list is refused at load.
  write_text(dir / "onemap.yaml", "title: x\naccess: {roles: [planner]}\n");
  write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  const std::string message = catalog_load_error(dir / "onemap.yaml");
  EXPECT_NE(message.find("gives role 'field'"), std::string::npos) << message;
}
