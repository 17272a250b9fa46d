#pragma once
// Pieces of process results: feature ids as the features API writes them, a representative
// point for ledgers, findings as JSON, CSV responses.
#include "analysis/findings.h"
#include "api/request_context.h"
#include "geo/geometry.h"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>

namespace onemap::api {

// A number when the layer's ids are numeric (as in /items), else a string.
nlohmann::json feature_id_json(const store::Layer& layer, std::uint32_t index);

// rule, title, severity, relation, distance_m/overlap_m2, text, summary, and the features:
// `source` (when set) as layer/feature_id/name and `other` as target_layer/target_id/target_name,
// or — for plot checks — `other` as layer/feature_id/name.
nlohmann::json finding_json(const analysis::Finding& finding, bool plot_check);

// finding_json as text, byte for byte its dump(-1, ' ', false, replace), written straight into
// `out`: results of tens of thousands of findings spend their time here otherwise. The texts of
// rules and layers (titles, plan text) are encoded once per writer.
class FindingText {
 public:
  explicit FindingText(bool plot_check) : plot_check_(plot_check) {}
  void append(std::string& out, const analysis::Finding& finding);

 private:
  const std::string& encoded(const std::string& text);  // `text` must outlive the writer

  bool plot_check_;
  std::unordered_map<const std::string*, std::string> encoded_;
};

// server.max_result_features: a result of `rows` rows (features or findings) over it is refused
// with LimitExceeded before its response starts, naming the limit, the process and `narrow`
// (how to ask for less).
void require_within_result_limit(const RequestContext& ctx, std::string_view process, std::size_t rows,
                                 std::string_view narrow);

// text/csv, offered as a download named `filename`. The body starts with the UTF-8 BOM Excel
// needs (encode::kUtf8Bom): the caller writes it, so a streamed body can too.
http::Response csv_response(const RequestContext& ctx, http::Payload body, const std::string& filename);

// A body written `rows` rows at a time as the connection takes it, so a large result is never
// held whole: head, row(out, 0) … row(out, rows - 1), tail. `row` must own (capture) whatever
// it reads — the snapshot, the result — since it runs after the handler has returned.
http::Payload row_stream(std::string head, std::size_t rows, std::function<void(std::string& out, std::size_t i)> row,
                         std::string tail);

// prefix + body + suffix, streamed when the body is a stream (a results document around a raw
// result, without reading the result back).
http::Payload framed(std::string prefix, http::Payload body, std::string suffix);

}  // namespace onemap::api
