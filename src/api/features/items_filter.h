#pragma once
// The features a request selects, one reading shared by the features API (items) and downloads:
// `bbox` (with `bbox-crs`), `{property}=value`, and `township=NAME_OR_ID` (the features that
// intersect that township's polygon) with `clip=true` (cut to it). Paging is the items page's
// own: a download is the whole selection.
#include "api/request_context.h"
#include "query/items_query.h"

#include <optional>
#include <set>
#include <string>

namespace onemap::api {

struct ItemsFilter {
  query::ItemsQuery query;  // offset and limit left as they are: the caller pages, or not
  std::string township;     // the township's name (its id when it has none); empty: none asked for
  bool clip = false;        // cut each feature to the township (query.area)
};

// The query parameters the filter reads on `layer`: bbox, bbox-crs, township, clip and each
// property. A property named like one of these is selected through the parameter's own meaning.
std::set<std::string> filter_params(const store::Layer& layer);

// A township found by name or id in the township layer (rules.yaml township_layer, else
// "townships"): its feature id, name (the id when it has none) and CRS84 polygon.
struct Township {
  std::string id;
  std::string name;
  std::optional<geo::GeometryView> area;
};
// Throws NotFound naming some townships when none has this name or id.
Township find_township(const RequestContext& ctx, const std::string& name_or_id);

// Reads the filter from the request. Throws BadRequest for a malformed value, NotFound for a
// township that does not exist (naming some that do).
ItemsFilter items_filter(const RequestContext& ctx, const store::Layer& layer);

}  // namespace onemap::api
