// Rule scope under any visible set of layers (P9b item 1): a rule reads its source, its target
// and the layers a plot's properties are derived from, and must be run for a caller only when
// all of them are visible. The first two bytes choose which of the city's layers are hidden (any
// set a configuration of roles could give), the next the process, the planned use and the plot
// (drawn, from the following bytes, or a feature of a layer); every process must then answer
// without a crash and without a 5xx, and a plot check may list only rules whose layers all show.
#include "api/errors.h"
#include "api/processes/processes.h"
#include "domain_city.h"
#include "fuzz_city.h"

#include <algorithm>

using namespace onemap;
using nlohmann::json;

ONEMAP_FUZZ_LOAD_CITY_FIRST

namespace {

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::uint8_t next() {
    if (!size) return 0;
    --size;
    return *data++;
  }
};

json plot_inputs(Reader& in, const store::Snapshot& snapshot) {
  const catalog::RuleSet& rules = snapshot.catalog.rules;
  json inputs = json::object();
  const std::uint8_t use = in.next();
  if (use < rules.planned_uses.size()) inputs["planned_use"] = rules.planned_uses[use];
  if (in.next() % 2) {  // a feature of a layer, hidden or not
    const auto& layer = snapshot.layers[in.next() % snapshot.layers.size()];
    inputs["collection"] = layer->config.id;
    inputs["feature_id"] = 1 + in.next() % 8;
  } else {  // a rectangle drawn somewhere over the city (offsets in 100 m)
    const double x0 = in.next() * 100.0, y0 = in.next() * 100.0;
    inputs["geometry"] = testing::rect_geojson(x0, y0, x0 + 50 + in.next() * 20.0, y0 + 50 + in.next() * 20.0);
    inputs["crs"] = "http://www.opengis.net/def/crs/EPSG/0/4547";
  }
  return inputs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::City& city = fuzz::city();
  const store::Snapshot& snapshot = *city.snapshot;
  Reader in{data, size};
  const unsigned hidden = in.next() | (in.next() << 8);
  std::vector<std::string> hidden_ids;
  for (std::size_t i = 0; i < snapshot.layers.size() && i < 16; ++i)
    if (hidden & (1u << i)) hidden_ids.push_back(snapshot.layers[i]->config.id);
  auto is_hidden = [&](const std::string& id) {
    return std::find(hidden_ids.begin(), hidden_ids.end(), id) != hidden_ids.end();
  };

  const auto& processes = api::process_definitions();
  const api::ProcessDefinition& process = processes[in.next() % processes.size()];
  json inputs = json::object();
  if (process.id == "plot-restrictions") {
    inputs = plot_inputs(in, snapshot);
  } else if (process.id == "within-distance") {
    inputs = {{"source", snapshot.layers[in.next() % snapshot.layers.size()]->config.id},
              {"target", snapshot.layers[in.next() % snapshot.layers.size()]->config.id},
              {"distance", 100 * (1 + in.next())}};
  }

  const std::string target = "/processes/" + process.id + "/execution";
  http::Request request{http::beast_http::verb::post, target, 11};
  const api::RequestContext ctx{
      .request = request,
      .snapshot = city.snapshot,
      .target = api::parse_target(target),
      .base_url = "http://example.org",
      .route = "fuzz",
      .remote_address = "127.0.0.1",
      .caller = {},
      .visible = store::LayerSet(snapshot, [&](const store::Layer& l) { return !is_hidden(l.config.id); }),
      .services = city.api->services()};
  try {
    const api::ProcessInputs checked(inputs, process.inputs);
    process.validate(ctx, checked);
    http::Response r = process.execute(ctx, checked, api::OutputFormat::Json);
    if (r.result_int() >= 500) fuzz::fail(process.id + " answered " + std::to_string(r.result_int()));
    if (process.id != "plot-restrictions" || r.result_int() != 200) return 0;
    const json report = json::parse(r.body().read_all());
    for (const char* list : {"rules_checked", "rules_not_applicable"})
      for (const json& id : report[list]) {
        const catalog::Rule* rule = snapshot.catalog.rules.find(id.get<std::string>());
        if (!rule) fuzz::fail("plot check lists an unknown rule " + id.dump());
        for (const std::string& layer : rule->layers())
          if (is_hidden(layer)) fuzz::fail("plot check lists rule " + rule->id + ", which reads hidden " + layer);
      }
  } catch (const api::ApiError& e) {
    if (e.status() >= 500) fuzz::fail(process.id + ": status " + std::to_string(e.status()) + ": " + e.what());
  }
  return 0;
}
