// OGC API – Processes plumbing: list, descriptions, conformance, links, methods, and the 400s
// that tell a client what is wrong with its request.
#include "domain_fixture.h"

#include <gtest/gtest.h>

#include <set>

using namespace onemap::testing;
using nlohmann::json;

namespace {

json body(const onemap::http::Response& r) { return json::parse(r.body().read_all()); }

std::string error_of(const std::string& process, const json& inputs) {
  json r = domain_fixture().execute(process, inputs, 400);
  return r["description"].get<std::string>();
}

}  // namespace

TEST(ProcessesApi, ListsTheFourProcessesWithLinks) {
  auto r = domain_fixture().get("/processes");
  ASSERT_EQ(r.result_int(), 200);
  std::set<std::string> ids;
  json list = body(r);
  for (const json& p : list["processes"]) {
    ids.insert(p["id"].get<std::string>());
    EXPECT_EQ(p["jobControlOptions"], json({"sync-execute", "async-execute", "dismiss"}));
    bool execute = false;
    for (const json& l : p["links"]) execute = execute || l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/execute";
    EXPECT_TRUE(execute) << p["id"];
  }
  EXPECT_EQ(ids, (std::set<std::string>{"within-distance", "plot-restrictions", "screening", "zonal-summary"}));
}

TEST(ProcessesApi, DescriptionHasInputsAndOutputs) {
  json d = body(domain_fixture().get("/processes/within-distance"));
  EXPECT_EQ(d["id"], "within-distance");
  EXPECT_EQ(d["inputs"]["source"]["minOccurs"], 1);
  EXPECT_TRUE(d["inputs"]["source"]["schema"]["enum"].size() >= 10);
  EXPECT_TRUE(d["outputs"].contains("result"));
  json plot = body(domain_fixture().get("/processes/plot-restrictions"));
  EXPECT_TRUE(plot["inputs"]["planned_use"]["schema"]["enum"].size() >= 8);
  // The rules each process applies, titled, so clients need not parse the description.
  json screening = body(domain_fixture().get("/processes/screening"));
  for (const json* d : {&plot, &screening}) {
    const json& rules = (*d)["x-onemap-rules"];
    ASSERT_EQ(rules.size(), domain_fixture().snapshot->catalog.rules.rules.size());
    const onemap::catalog::Rule& first = domain_fixture().snapshot->catalog.rules.rules.front();
    EXPECT_EQ(rules[0]["id"], first.id);
    EXPECT_EQ(rules[0]["title"], first.title);
    EXPECT_EQ(rules[0]["text"], first.text);
  }
  auto missing = domain_fixture().get("/processes/nope");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(body(missing)["type"], "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-process");
  auto job = domain_fixture().get("/jobs/42");
  EXPECT_EQ(job.result_int(), 404);
  EXPECT_EQ(body(job)["type"], "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-job");
}

TEST(ProcessesApi, ConformanceLandingPageAndOpenApi) {
  json conf = body(domain_fixture().get("/conformance"));
  std::set<std::string> classes(conf["conformsTo"].begin(), conf["conformsTo"].end());
  for (const char* c : {"core", "ogc-process-description", "json", "oas30"})
    EXPECT_TRUE(classes.count(std::string("http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/") + c)) << c;
  bool linked = false;
  json landing = body(domain_fixture().get("/"));
  for (const json& l : landing["links"])
    linked = linked || (l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/processes" &&
                        l["href"] == "http://example.org/processes");
  EXPECT_TRUE(linked);
  json api = body(domain_fixture().get("/api"));
  EXPECT_TRUE(api["paths"]["/processes/{processId}/execution"].contains("post"));
  EXPECT_TRUE(api["paths"].contains("/processes"));
}

TEST(ProcessesApi, PostOnlyOnExecutionAndOnlyThere) {
  auto get_exec = domain_fixture().get("/processes/screening/execution");
  EXPECT_EQ(get_exec.result_int(), 405);
  EXPECT_EQ(get_exec[boost::beast::http::field::allow], "POST");
  auto post_items = domain_fixture().post("/collections/farmland/items", "{}");
  EXPECT_EQ(post_items.result_int(), 405);
  EXPECT_EQ(post_items[boost::beast::http::field::allow], "GET, HEAD");
  EXPECT_EQ(domain_fixture().post("/processes/nope/execution", "{}").result_int(), 404);
}

TEST(ProcessesApi, CorsPreflightBeforeAPost) {
  onemap::http::Request request{boost::beast::http::verb::options, "/processes/screening/execution", 11};
  request.set(boost::beast::http::field::origin, "https://map.example.org");
  auto r = domain_fixture().handle(request);
  EXPECT_EQ(r.result_int(), 204);
  EXPECT_EQ(r[boost::beast::http::field::access_control_allow_methods], "POST");
  // Prefer: respond-async asks for a job; If-None-Match revalidates job results; an anonymous
  // caller proves a job its own with X-OneMap-Job-Token.
  EXPECT_EQ(r[boost::beast::http::field::access_control_allow_headers],
            "Content-Type, Prefer, If-None-Match, X-API-Key, Authorization, X-OneMap-Job-Token");
  EXPECT_EQ(r[boost::beast::http::field::access_control_allow_origin], "*");
}

TEST(ProcessesApi, MalformedBodiesAre400) {
  // 1e400: found by fuzz/process_inputs; beyond a double, nlohmann throws out_of_range rather
  // than parse_error, which escaped as a 500.
  for (const char* bad : {"{", "[1,2]", R"({"inputs": 3})", R"({"inputs": {}, "extra": 1})", R"({"response": "both"})",
                          R"({"inputs": {"rules": [1e400]}})"}) {
    auto r = domain_fixture().post("/processes/screening/execution", bad);
    EXPECT_EQ(r.result_int(), 400) << bad;
    EXPECT_EQ(r[boost::beast::http::field::content_type], "application/json") << bad;
  }
  auto doc = domain_fixture().post("/processes/zonal-summary/execution", R"({"inputs": {}, "response": "document"})");
  ASSERT_EQ(doc.result_int(), 200);
  EXPECT_TRUE(body(doc)["result"].contains("zones"));
}

TEST(ProcessesApi, DeeplyNestedBodiesAre400NotAStackOverflow) {
  // Found while writing fuzz/process_inputs (its inputs stay too small to reach it): an input
  // nested 200,000 arrays deep was shown in the 400's message by nlohmann's recursive dump,
  // which overflowed the stack and took the server down.
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  for (const auto& [process, text] : std::vector<std::pair<std::string, std::string>>{
           {"within-distance",
            R"({"inputs": {"source": "enterprises", "target": "farmland", "distance": )" + deep + "}}"},
           {"screening", R"({"inputs": {"rules": )" + deep + "}}"},
           {"zonal-summary", R"({"inputs": {}, "outputs": )" + deep + "}"}}) {
    auto r = domain_fixture().post("/processes/" + process + "/execution", text);
    EXPECT_EQ(r.result_int(), 400) << process;
    EXPECT_NE(body(r)["description"].get<std::string>().find("nests deeper than 32 levels"), std::string::npos);
  }
  // 32 levels are plenty: a Feature as an inline value is eight deep.
  json plot = {
      {"value",
       {{"type", "Feature"}, {"properties", json::object()}, {"geometry", rect_geojson(1500, 1500, 2500, 2500)}}}};
  domain_fixture().execute("plot-restrictions", {{"geometry", plot}, {"crs", "EPSG:4547"}});
}

TEST(ProcessesApi, WithinDistanceInputErrorsSayWhatIsWrong) {
  json ok = {{"source", "enterprises"}, {"target", "farmland"}, {"distance", 1000}};
  EXPECT_NE(error_of("within-distance", {{"source", "factories"}, {"target", "farmland"}, {"distance", 10}})
                .find("unknown collection 'factories'"),
            std::string::npos);
  EXPECT_NE(
      error_of("within-distance", {{"source", "enterprises"}, {"target", "farmland"}, {"distance", -5}}).find("≥ 0"),
      std::string::npos);
  EXPECT_NE(error_of("within-distance", {{"source", "enterprises"}, {"target", "farmland"}, {"distance", 250000}})
                .find("200 km"),
            std::string::npos);
  EXPECT_NE(error_of("within-distance", {{"source", "enterprises"}, {"target", "farmland"}, {"distance", "10km"}})
                .find("must be a number"),
            std::string::npos);
  EXPECT_NE(error_of("within-distance", {{"source", "enterprises"}, {"target", "farmland"}}).find("one of"),
            std::string::npos);
  json bad_property = ok;
  bad_property["source_filter"] = {{"heavy", true}};
  EXPECT_NE(error_of("within-distance", bad_property).find("no property 'heavy'"), std::string::npos);
  json bad_type = ok;
  bad_type["source_filter"] = {{"heavy_metal", "yes"}};
  EXPECT_NE(error_of("within-distance", bad_type).find("boolean"), std::string::npos);
  json bad_by = {{"source", "enterprises"},
                 {"target", "farmland"},
                 {"distance_by", {{"property", "soil"}, {"values", {{"plain", 1}}}}}};
  EXPECT_NE(error_of("within-distance", bad_by).find("no property 'soil'"), std::string::npos);
  json unknown = ok;
  unknown["radius"] = 3;
  EXPECT_NE(error_of("within-distance", unknown).find("unknown input 'radius'"), std::string::npos);
  domain_fixture().execute("within-distance", ok);
}

TEST(ProcessesApi, PlotInputErrorsSayWhatIsWrong) {
  json bowtie = {
      {"type", "Polygon"},
      {"coordinates", {{{kX0, kY0}, {kX0 + 100, kY0 + 100}, {kX0 + 100, kY0}, {kX0, kY0 + 100}, {kX0, kY0}}}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", bowtie}, {"crs", "EPSG:4547"}}).find("Self-intersection"),
            std::string::npos);
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", rect_geojson(0, 0, 10, 10)}, {"crs", "EPSG:99999999"}})
                .find("EPSG:99999999"),
            std::string::npos);
  EXPECT_NE(
      error_of("plot-restrictions", {{"geometry", rect_geojson(0, 0, 10, 10)}, {"crs", "not a crs"}}).find("not a CRS"),
      std::string::npos);
  // Gauss-Kruger metres sent without a crs: not longitude/latitude.
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", rect_geojson(0, 0, 10, 10)}}).find("crs"), std::string::npos);
  // Right CRS, wrong place (axis order swapped): far outside the data.
  json swapped = {{"type", "Polygon"}, {"coordinates", {{{35.1, 112.6}, {35.2, 112.6}, {35.2, 112.7}, {35.1, 112.6}}}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", swapped}}).find("outside"), std::string::npos);
  json germany = {{"type", "Polygon"}, {"coordinates", {{{10.0, 50.0}, {10.1, 50.0}, {10.1, 50.1}, {10.0, 50.0}}}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", germany}}).find("outside the area of the data"),
            std::string::npos);
  json open_ring = {{"type", "Polygon"},
                    {"coordinates", {{{112.6, 35.1}, {112.7, 35.1}, {112.7, 35.2}, {112.6, 35.2}}}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", open_ring}}).find("not closed"), std::string::npos);
  json point = {{"type", "Point"}, {"coordinates", {112.6, 35.1}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", point}}).find("Polygon or MultiPolygon"), std::string::npos);
  EXPECT_NE(error_of("plot-restrictions",
                     {{"geometry", rect_geojson(0, 0, 10, 10)}, {"crs", "EPSG:4547"}, {"planned_use", "casino"}})
                .find("not a planned use"),
            std::string::npos);
  EXPECT_NE(error_of("plot-restrictions", {{"collection", "enterprises"}, {"feature_id", 1}}).find("not a polygon"),
            std::string::npos);
  EXPECT_NE(error_of("plot-restrictions", {{"collection", "farmland"}, {"feature_id", 99}}).find("no feature '99'"),
            std::string::npos);
  EXPECT_NE(error_of("plot-restrictions", json::object()).find("one of the two"), std::string::npos);
  // Found by fuzz/geojson_geometry: valid in Web Mercator, but one corner lies six worlds east,
  // and in the analysis CRS the ring crosses itself. The rules' overlay threw GEOS's
  // TopologyException, a 500.
  json folded = {
      {"type", "Polygon"},
      {"coordinates",
       {{{12534574, 4177479}, {12536801, 4177479}, {125368010, 4180200}, {12534574, 4180200}, {12534574, 4177479}}}}};
  EXPECT_NE(error_of("plot-restrictions", {{"geometry", folded}, {"crs", "EPSG:3857"}}).find("in the analysis CRS"),
            std::string::npos);
}
