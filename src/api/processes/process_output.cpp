#include "api/processes/process_output.h"

#include "analysis/attributes.h"
#include "api/errors.h"
#include "encode/csv_writer.h"

namespace onemap::api {

using nlohmann::json;

json feature_id_json(const store::Layer& layer, std::uint32_t index) {
  if (const std::optional<std::int64_t> n = layer.numeric_id(index)) return *n;
  return layer.feature_id(index);
}

json finding_json(const analysis::Finding& f, bool plot_check) {
  json out = {{"rule", f.rule->id},
              {"title", f.rule->title},
              {"severity", catalog::to_string(f.severity)},
              {"relation", analysis::to_string(f.relation)}};
  auto describe = [&](const analysis::FeatureRef& ref, const char* layer_key, const char* id_key,
                      const char* name_key) {
    out[layer_key] = ref ? json(ref.layer->config.id) : json();
    out[id_key] = ref ? feature_id_json(*ref.layer, ref.index) : json();
    std::string name = ref ? analysis::feature_name(*ref.layer, ref.index) : "";
    out[name_key] = name.empty() ? json() : json(name);
  };
  if (plot_check) {
    describe(f.other, "layer", "feature_id", "name");
  } else {
    describe(f.source, "layer", "feature_id", "name");
    describe(f.other, "target_layer", "target_id", "target_name");
  }
  out["distance_m"] = f.distance_m ? json(*f.distance_m) : json();
  out["overlap_m2"] = f.overlap_m2 ? json(*f.overlap_m2) : json();
  out["text"] = f.rule->text;
  out["summary"] = f.rule->summary;
  return out;
}

namespace {

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

const std::string& FindingText::encoded(const std::string& text) {
  auto it = encoded_.find(&text);
  if (it == encoded_.end()) it = encoded_.emplace(&text, dumped(json(text))).first;
  return it->second;
}

// The keys in finding_json's dump order (a json object keeps its keys sorted).
void FindingText::append(std::string& out, const analysis::Finding& f) {
  const analysis::FeatureRef& feature = plot_check_ ? f.other : f.source;
  auto id = [&](const analysis::FeatureRef& ref) {  // feature_id_json's, without the json
    const std::optional<std::int64_t> n = ref ? ref.layer->numeric_id(ref.index) : std::nullopt;
    out += !ref ? "null" : n ? std::to_string(*n) : dumped(json(ref.layer->feature_id(ref.index)));
  };
  auto layer = [&](const analysis::FeatureRef& ref) { out += ref ? encoded(ref.layer->config.id) : "null"; };
  auto name = [&](const analysis::FeatureRef& ref) {
    std::string n = ref ? analysis::feature_name(*ref.layer, ref.index) : "";
    out += n.empty() ? "null" : dumped(json(n));
  };
  auto number = [&](const std::optional<double>& v) { out += v ? dumped(json(*v)) : "null"; };
  out += "{\"distance_m\":";
  number(f.distance_m);
  out += ",\"feature_id\":";
  id(feature);
  out += ",\"layer\":";
  layer(feature);
  out += ",\"name\":";
  name(feature);
  out += ",\"overlap_m2\":";
  number(f.overlap_m2);
  out += ",\"relation\":\"";
  out += analysis::to_string(f.relation);
  out += "\",\"rule\":";
  out += encoded(f.rule->id);
  out += ",\"severity\":\"";
  out += catalog::to_string(f.severity);
  out += "\",\"summary\":";
  out += encoded(f.rule->summary);
  if (!plot_check_) {
    out += ",\"target_id\":";
    id(f.other);
    out += ",\"target_layer\":";
    layer(f.other);
    out += ",\"target_name\":";
    name(f.other);
  }
  out += ",\"text\":";
  out += encoded(f.rule->text);
  out += ",\"title\":";
  out += encoded(f.rule->title);
  out += "}";
}

void require_within_result_limit(const RequestContext& ctx, std::string_view process, std::size_t rows,
                                 std::string_view narrow) {
  const std::size_t max = ctx.snapshot->catalog.server.max_result_features;
  if (rows <= max) return;
  throw LimitExceeded(std::string(process) + " found " + std::to_string(rows) + " rows, over the server's limit of " +
                          std::to_string(max) + " per result (server.max_result_features); " + std::string(narrow),
                      "server.max_result_features", max);
}

http::Response csv_response(const RequestContext& ctx, http::Payload body, const std::string& filename) {
  http::Response res = make_response(ctx, std::move(body), "text/csv; charset=utf-8");
  res.set(http::beast_http::field::content_disposition, "attachment; filename=\"" + filename + "\"");
  return res;
}

namespace {
// Rows per chunk: large enough that chunk framing is noise, small enough to stay a few
// hundred kilobytes.
constexpr std::size_t kRowsPerChunk = 256;
}  // namespace

http::Payload row_stream(std::string head, std::size_t rows, std::function<void(std::string& out, std::size_t i)> row,
                         std::string tail) {
  struct State {
    std::string head, tail;
    std::size_t rows, next = 0;
    std::function<void(std::string&, std::size_t)> row;
    bool head_sent = false;
  };
  auto st = std::make_shared<State>(State{std::move(head), std::move(tail), rows, 0, std::move(row), false});
  return http::Payload::stream([st](std::string& out) {
    if (!st->head_sent) {
      out += st->head;
      st->head_sent = true;
    }
    const std::size_t end = std::min(st->rows, st->next + kRowsPerChunk);
    for (; st->next < end; ++st->next) st->row(out, st->next);
    if (st->next < st->rows) return true;
    out += st->tail;
    return false;
  });
}

http::Payload framed(std::string prefix, http::Payload body, std::string suffix) {
  if (body.kind() != http::Payload::Kind::Stream) return prefix + std::string(body.text()) + suffix;
  struct State {
    std::string prefix, suffix;
    http::ChunkSource inner;
    bool started = false;
  };
  auto st = std::make_shared<State>(State{std::move(prefix), std::move(suffix), std::move(body.source()), false});
  return http::Payload::stream([st](std::string& out) {
    if (!st->started) {
      out += st->prefix;
      st->started = true;
    }
    if (st->inner(out)) return true;
    out += st->suffix;
    return false;
  });
}

}  // namespace onemap::api
