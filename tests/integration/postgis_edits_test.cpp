// Edits in PostGIS reaching a replica (issue P9), against the private PostgreSQL of
// `scripts/postgis.sh start`: the trigger's NOTIFY is heard when the edit commits and never for
// one rolled back, bursts are folded, a dropped connection is re-made and reported, a PG: source
// is served in id order whatever order the table returns, and an edit reloads its layer only.
#include "api/router.h"
#include "catalog/catalog.h"
#include "geo/gdal_handles.h"
#include "live/edit_follower.h"
#include "live/edit_listener.h"
#include "live/pg_connection.h"
#include "store/layer_loader.h"
#include "store/reloader.h"
#include "store/snapshot.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace onemap {
namespace {

using namespace std::chrono_literals;

std::string conninfo() {
  const char* port = std::getenv("ONEMAP_PG_PORT");
  return std::string("host=127.0.0.1 port=") + (port ? port : "55432") + " dbname=onemap user=postgres";
}

live::PgConnPtr connect() {
  live::PgConnPtr c(PQconnectdb(conninfo().c_str()));
  if (PQstatus(c.get()) != CONNECTION_OK)
    throw std::runtime_error("no PostgreSQL (scripts/postgis.sh start): " + std::string(PQerrorMessage(c.get())));
  return c;
}

std::string exec(PGconn* c, const std::string& sql) {
  live::PgResultPtr r(PQexec(c, sql.c_str()));
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(sql.substr(0, 80) + ": " + PQerrorMessage(c));
  return status == PGRES_TUPLES_OK && PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the listener reported, for the test thread to wait on.
struct Heard {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<std::set<std::string>, bool>> calls;
  std::size_t refuse_first = 0;  // calls answered "not taken in"

  live::EditListener::OnEdits callback() {
    return [this](const std::set<std::string>& tables, bool everything) {
      std::lock_guard lock(mutex);
      calls.emplace_back(tables, everything);
      changed.notify_all();
      return calls.size() > refuse_first;
    };
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return calls.size() >= n; });
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return calls.size();
  }
};

class PostgisEdits : public ::testing::Test {
 protected:
  void SetUp() override {
    geo::register_gdal_drivers();
    db_ = connect();
    exec(db_.get(), "SET client_min_messages = warning");
    exec(db_.get(), read_file(ONEMAP_SOURCE_DIR "/scripts/sql/onemap_publish.sql"));
    exec(db_.get(), "DROP SCHEMA IF EXISTS edits_test CASCADE; CREATE SCHEMA edits_test");
    for (const char* t : {"edits_test.points", "edits_test.others"}) {
      exec(db_.get(), std::string("CREATE TABLE ") + t +
                          " (fid serial PRIMARY KEY, name text, geom geometry(Point, 4326));"
                          "INSERT INTO " +
                          t +
                          " (name, geom) SELECT 'p' || i, ST_SetSRID(ST_MakePoint(112.5 + i * 0.001, 35.1), 4326) "
                          "FROM generate_series(1, 20) i;"
                          "SELECT onemap_publish('" +
                          t + "')");
    }
  }
  void TearDown() override { exec(db_.get(), "DROP SCHEMA IF EXISTS edits_test CASCADE"); }

  static live::EditListenerOptions options() {
    live::EditListenerOptions o;
    o.conninfo = conninfo();
    o.application_name = "onemap-edits-test";  // what the test's pg_terminate_backend aims at
    o.quiet = 100ms;
    o.max_delay = 500ms;
    return o;
  }

  catalog::LayerConfig pg_layer(const std::string& id, const std::string& table) {
    catalog::LayerConfig c;
    c.id = id;
    c.source = "PG:" + conninfo();
    c.source_layer = table;
    c.defined_in = "test.yaml";
    return c;
  }

  live::PgConnPtr db_;
};

TEST_F(PostgisEdits, ACommittedEditIsHeardAtCommitAndARolledBackOneNever) {
  Heard heard;
  live::EditListener listener(options(), heard.callback());
  exec(db_.get(), "BEGIN; INSERT INTO edits_test.points (name) VALUES ('uncommitted')");
  listener.arm();
  EXPECT_FALSE(heard.wait_for(1, 600ms));  // inside the transaction: nothing yet
  exec(db_.get(), "COMMIT");
  ASSERT_TRUE(heard.wait_for(1, 3s));
  EXPECT_EQ(heard.calls[0].first, std::set<std::string>{"edits_test.points"});
  EXPECT_FALSE(heard.calls[0].second);

  exec(db_.get(), "BEGIN; DELETE FROM edits_test.others; ROLLBACK");
  EXPECT_FALSE(heard.wait_for(2, 800ms));
}

TEST_F(PostgisEdits, NothingIsReportedBeforeArmingAndNothingIsLostMeanwhile) {
  Heard heard;
  live::EditListener listener(options(), heard.callback());
  exec(db_.get(), "UPDATE edits_test.others SET name = 'x' WHERE fid = 1");
  EXPECT_FALSE(heard.wait_for(1, 500ms));
  listener.arm();
  ASSERT_TRUE(heard.wait_for(1, 3s));
  EXPECT_EQ(heard.calls[0].first, std::set<std::string>{"edits_test.others"});
}

TEST_F(PostgisEdits, ABurstOfEditsIsFoldedIntoFewCalls) {
  Heard heard;
  live::EditListener listener(options(), heard.callback());
  listener.arm();
  for (int i = 0; i < 40; ++i)
    exec(db_.get(), std::string("UPDATE edits_test.") + (i % 2 ? "points" : "others") + " SET name = 'burst" +
                        std::to_string(i) + "' WHERE fid = 2");
  ASSERT_TRUE(heard.wait_for(1, 3s));
  std::this_thread::sleep_for(700ms);  // longer than max_delay: anything still waiting is reported
  std::set<std::string> all;
  for (const auto& [tables, everything] : heard.calls) all.insert(tables.begin(), tables.end());
  EXPECT_EQ(all, (std::set<std::string>{"edits_test.points", "edits_test.others"}));
  EXPECT_LE(heard.count(), 4u) << "40 edits, debounced by 100 ms, reported at least every 500 ms";
}

TEST_F(PostgisEdits, ADroppedConnectionIsMadeAgainAndReportedAsEverything) {
  Heard heard;
  live::EditListener listener(options(), heard.callback());
  listener.arm();
  ASSERT_TRUE(listener.connected());
  // As a database restart does to it.
  exec(db_.get(),
       "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'onemap-edits-test'");
  ASSERT_TRUE(heard.wait_for(1, 10s));
  EXPECT_TRUE(heard.calls[0].second);
  EXPECT_EQ(listener.reconnects(), 1u);
  EXPECT_TRUE(listener.connected());
  exec(db_.get(), "DELETE FROM edits_test.points WHERE fid = 3");
  ASSERT_TRUE(heard.wait_for(2, 3s));
  EXPECT_EQ(heard.calls[1].first, std::set<std::string>{"edits_test.points"});
  EXPECT_FALSE(heard.calls[1].second);
}

TEST_F(PostgisEdits, EditsNotTakenInAreReportedAgainWithTheOnesThatCameMeanwhile) {
  Heard heard;
  heard.refuse_first = 1;
  auto o = options();
  o.retry_min = 300ms;
  live::EditListener listener(o, heard.callback());
  listener.arm();
  exec(db_.get(), "DELETE FROM edits_test.points WHERE fid = 4");
  ASSERT_TRUE(heard.wait_for(1, 3s));
  exec(db_.get(), "DELETE FROM edits_test.others WHERE fid = 4");
  ASSERT_TRUE(heard.wait_for(2, 3s));
  EXPECT_EQ(heard.calls[1].first, (std::set<std::string>{"edits_test.points", "edits_test.others"}));
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(heard.count(), 2u) << "taken in: not reported again";
}

TEST_F(PostgisEdits, APgSourceIsServedInIdOrderWhateverOrderTheTableReturns) {
  // An update writes the row anew at the end of the heap: a plain SELECT returns 5 last.
  exec(db_.get(), "UPDATE edits_test.points SET name = 'moved' WHERE fid = 5");
  ASSERT_EQ(exec(db_.get(), "SELECT fid FROM edits_test.points OFFSET 19 LIMIT 1"), "5");
  auto layer = store::load_layer(pg_layer("points", "edits_test.points"));
  ASSERT_EQ(layer->feature_count(), 20u);
  for (std::uint32_t i = 0; i < 20; ++i) EXPECT_EQ(layer->feature_id(i), std::to_string(i + 1));
  EXPECT_EQ(std::get<std::string_view>(layer->value(4, *layer->field_index("name"))), "moved");
}

TEST_F(PostgisEdits, AnEditReloadsOnlyTheLayerOfItsTable) {
  catalog::Catalog catalog;
  catalog.server.edit_quiet_ms = 100;
  catalog.layers = {pg_layer("points", "edits_test.points"), pg_layer("others", "edits_test.others")};
  live::EditFollower follower(catalog);
  EXPECT_EQ(follower.databases(), 1u);
  store::SnapshotHolder holder(store::load_snapshot(catalog));
  store::Reloader reloader(holder, [catalog] { return catalog; });
  api::Api api(holder);
  api.set_reloader(&reloader);
  follower.attach(reloader, holder);
  const auto before = holder.get();
  // A tile of the layer that will not change, cached (the body shares the cached bytes).
  auto tile = [&](const std::string& layer) {
    http::Request request{http::beast_http::verb::get, "/tiles/" + layer + "/12/3328/1621.mvt", 11};
    http::Response r = api.handle(request);
    EXPECT_EQ(r.result_int(), 200) << layer;
    return r.body().text().data();
  };
  const char* others_tile = tile("others");
  ASSERT_EQ(tile("others"), others_tile);
  const char* points_tile = tile("points");

  exec(db_.get(),
       "INSERT INTO edits_test.points (name, geom) VALUES ('新增', ST_SetSRID(ST_MakePoint(112.515, 35.1), 4326))");
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (holder.get() == before && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
  const auto after = holder.get();
  ASSERT_NE(after, before) << "the edit was not seen within 5 s";
  EXPECT_EQ(after->find("points")->feature_count(), 21u);
  EXPECT_EQ(after->find("others"), before->find("others"));
  EXPECT_EQ(reloader.layer_reloads(), 1u);
  EXPECT_EQ(tile("others"), others_tile) << "the unchanged layer's tile is still the cached one";
  EXPECT_NE(tile("points"), points_tile) << "the edited layer's tile is made anew";
}

TEST(PgConnection, GdalSourcesBecomeLibpqConninfoWithoutGdalKeys) {
  EXPECT_EQ(live::conninfo_of("PG:host=db port=5432 dbname=gis user=u password='a b\\'c' active_schema=onemap"),
            "host='db' port='5432' dbname='gis' user='u' password='a b\\'c'");
  EXPECT_EQ(live::conninfo_of("data/x.gpkg"), std::nullopt);
  EXPECT_EQ(live::qualified_table("PG:dbname=gis", "farmland"), "public.farmland");
  EXPECT_EQ(live::qualified_table("PG:dbname=gis active_schema=onemap", "farmland"), "onemap.farmland");
  EXPECT_EQ(live::qualified_table("PG:dbname=gis", "city.farmland"), "city.farmland");
  const std::vector<catalog::LayerConfig> layers = {
      {.id = "a", .source = "PG:dbname=gis", .source_layer = "onemap.a"},
      {.id = "b", .source = "PG:dbname=gis", .source_layer = "b"},
      {.id = "c", .source = "PG:dbname=other", .source_layer = "onemap.a"},
      {.id = "d", .source = "x.gpkg", .source_layer = "a"},
      {.id = "e", .source = "PG:dbname=gis", .source_layer = "onemap.a_view", .edit_tables = {"onemap.a", "b"}}};
  const std::string gis = *live::conninfo_of("PG:dbname=gis");
  EXPECT_EQ(live::layers_edited(layers, gis, {"onemap.a"}, false), (std::vector<std::string>{"a", "e"}));
  EXPECT_EQ(live::layers_edited(layers, gis, {"public.b", "x.y"}, false), (std::vector<std::string>{"b", "e"}));
  EXPECT_EQ(live::layers_edited(layers, gis, {"onemap.a_view"}, false), std::vector<std::string>{})
      << "a view sends no NOTIFY; its layer follows the tables it names";
  EXPECT_EQ(live::layers_edited(layers, gis, {}, true), (std::vector<std::string>{"a", "b", "e"}));
}

}  // namespace
}  // namespace onemap
