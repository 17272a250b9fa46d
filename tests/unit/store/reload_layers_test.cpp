// A reload of the layers an edit touched (issue P9): the edited layer gets a new version, every
// other layer is the very same object (its caches stay warm), and versions follow the contents.
#include "fixtures.h"
#include "layer_writer.h"
#include "load_helpers.h"

#include "store/fingerprint.h"
#include "store/reloader.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace onemap {
namespace {

using testing::LayerRows;

// Points named by `names`, in a GeoPackage of their own (rewritten whole).
void write_points(const std::filesystem::path& gpkg, const std::string& layer, const std::vector<std::string>& names) {
  std::filesystem::remove(gpkg);
  LayerRows rows{layer, {{"name", 's'}}, {}, wkbPoint};
  for (std::size_t i = 0; i < names.size(); ++i)
    rows.rows.push_back({"POINT (" + std::to_string(112.5 + 0.01 * i) + " 35.1)", {names[i]}});
  testing::write_layer(gpkg, 4326, rows);
}

class ReloadLayers : public ::testing::Test {
 protected:
  ReloadLayers() {
    write_points(a_, "a", {"甲", "乙"});
    write_points(b_, "b", {"丙"});
    catalog::Catalog catalog;
    catalog.layers = {testing::config_for(a_, "a"), testing::config_for(b_, "b")};
    first_ = store::load_snapshot(catalog);
  }

  testing::TempDir dir_;
  std::filesystem::path a_ = dir_.path() / "a.gpkg", b_ = dir_.path() / "b.gpkg";
  std::shared_ptr<const store::Snapshot> first_;
};

TEST_F(ReloadLayers, OnlyTheEditedLayerIsNewAndTheOthersAreShared) {
  write_points(a_, "a", {"甲", "乙", "丁"});
  auto next = store::reload_layers(*first_, {"a"});
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->find("a")->feature_count(), 3u);
  EXPECT_NE(next->find("a")->version, first_->find("a")->version);
  EXPECT_EQ(next->find("b"), first_->find("b"));  // the same object: nothing of it reloaded
  EXPECT_EQ(next->derived_cache, first_->derived_cache);
  EXPECT_EQ(next->find("a")->derived, first_->derived_cache);
  EXPECT_EQ(next->version, first_->version + 1);
  EXPECT_EQ(next->config_version, first_->config_version);
  EXPECT_NE(next->data_fingerprint, first_->data_fingerprint);
  // Tiles of b keep their cache key; tiles of a, and of both, do not.
  EXPECT_EQ(next->tile_version({next->find("b")}), first_->tile_version({first_->find("b")}));
  EXPECT_NE(next->tile_version({next->find("a")}), first_->tile_version({first_->find("a")}));
  EXPECT_NE(next->tile_version({next->find("a"), next->find("b")}),
            first_->tile_version({first_->find("a"), first_->find("b")}));
}

TEST_F(ReloadLayers, NothingChangedSwapsNothing) {
  EXPECT_EQ(store::reload_layers(*first_, {"a", "b"}), nullptr);
  write_points(b_, "b", {"丙"});  // written again, the same contents
  EXPECT_EQ(store::reload_layers(*first_, {"b"}), nullptr);
  EXPECT_EQ(store::reload_layers(*first_, {"no-such-layer"}), nullptr);
}

TEST_F(ReloadLayers, VersionsFollowTheContentsNotTheLoads) {
  write_points(a_, "a", {"甲", "改"});
  auto edited = store::reload_layers(*first_, {"a"});
  ASSERT_NE(edited, nullptr);
  write_points(a_, "a", {"甲", "乙"});  // the edit undone
  auto undone = store::reload_layers(*edited, {"a"});
  ASSERT_NE(undone, nullptr);
  EXPECT_EQ(undone->find("a")->version, first_->find("a")->version);
  EXPECT_EQ(undone->data_fingerprint, first_->data_fingerprint);
  EXPECT_EQ(undone->version, first_->version + 2);
  // A whole load of the same data (another replica, a restart) gives the same versions.
  catalog::Catalog catalog;
  catalog.layers = {testing::config_for(a_, "a"), testing::config_for(b_, "b")};
  EXPECT_EQ(store::load_snapshot(catalog)->data_fingerprint, first_->data_fingerprint);
  // A wider tile buffer changes what every tile holds: new versions, so no cache keeps the old.
  catalog.server.tile_buffer += 64;
  auto wider = store::load_snapshot(catalog);
  EXPECT_NE(wider->find("a")->version, first_->find("a")->version);
  EXPECT_NE(wider->find("b")->version, first_->find("b")->version);
}

TEST_F(ReloadLayers, ReloaderSwapsCountsAndRefusesKeepingTheData) {
  store::SnapshotHolder holder(first_);
  store::Reloader reloader(holder, [] { return catalog::Catalog{}; });
  int told = 0;
  reloader.on_reloaded([&](const store::Snapshot&) { ++told; });

  write_points(a_, "a", {"戊"});
  store::Reloader::Outcome out = reloader.reload_layers({"a"});
  EXPECT_TRUE(out.reloaded) << out.message;
  EXPECT_EQ(holder.get()->find("a")->feature_count(), 1u);
  EXPECT_EQ(holder.get()->find("b"), first_->find("b"));
  EXPECT_EQ(out.version, first_->version + 1);
  EXPECT_EQ(told, 1);

  out = reloader.reload_layers({"a"});
  EXPECT_TRUE(out.unchanged);
  EXPECT_FALSE(out.reloaded);

  std::filesystem::remove(a_);  // the source is gone: refused, the data keeps serving
  const auto serving = holder.get();
  out = reloader.reload_layers({"a"});
  EXPECT_FALSE(out.reloaded);
  EXPECT_NE(out.message.find("'a'"), std::string::npos) << out.message;
  EXPECT_EQ(holder.get(), serving);
  EXPECT_EQ(reloader.layer_reloads(), 1u);
  EXPECT_EQ(reloader.layer_reloads_refused(), 1u);
  EXPECT_EQ(reloader.reloads(), 0u);
  EXPECT_EQ(told, 1);
}

// SIGHUP's path (P9b item 4): an ask returns at once and never waits for a request queue; asks
// while a reload waits or runs are coalesced into one more, so the last ask is always applied.
TEST_F(ReloadLayers, AskedReloadsRunOnTheirOwnThreadAndCoalesce) {
  store::SnapshotHolder holder(first_);
  std::mutex mutex;
  std::condition_variable cv;
  int reads = 0;
  bool release = false;
  catalog::Catalog catalog;
  catalog.layers = {testing::config_for(a_, "a"), testing::config_for(b_, "b")};
  store::Reloader reloader(holder, [&] {
    std::unique_lock lock(mutex);
    ++reads;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });  // the first reload is slow
    return catalog;
  });
  reloader.request_reload();
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return reads == 1; });
  }
  write_points(a_, "a", {"己", "庚", "辛"});  // changed while the first reload runs
  for (int i = 0; i < 5; ++i) reloader.request_reload();
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  cv.notify_all();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (reloader.reloads() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(reloader.reloads(), 2u) << "one reload, then one for the five asks made while it ran";
  EXPECT_EQ(holder.get()->find("a")->feature_count(), 3u) << "the last ask saw the last change";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard lock(mutex);
  EXPECT_EQ(reads, 2);
}

}  // namespace
}  // namespace onemap
