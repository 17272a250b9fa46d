// The query parameters that select features, read as the items page and downloads read them:
// crs, bbox with bbox-crs (api/features/crs_params), {property}=value, township= and clip=
// (api/features/items_filter); then the selection itself (query::matching_features). The
// first byte picks the collection, the rest is the query string.
#include "api/errors.h"
#include "api/features/crs_params.h"
#include "api/features/items_filter.h"
#include "fuzz_city.h"
#include "query/items_query.h"

#include <cmath>

using namespace onemap;

ONEMAP_FUZZ_LOAD_CITY_FIRST

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& layers = fuzz::city().snapshot->layers;
  const store::Layer& layer = *layers[data[0] % layers.size()];
  const std::string target =
      "/collections/" + layer.config.id + "/items?" + std::string(fuzz::as_text(data + 1, size - 1));
  try {
    fuzz::with_context(target, [&](const api::RequestContext& ctx) {
      api::output_crs(ctx);
      api::ItemsFilter filter = api::items_filter(ctx, layer);
      if (const auto& box = filter.query.bbox) {
        if (!(box->min_x <= box->max_x && box->min_y <= box->max_y) || !std::isfinite(box->min_x) ||
            !std::isfinite(box->max_x) || !std::isfinite(box->min_y) || !std::isfinite(box->max_y))
          fuzz::fail("bbox read as a box that is empty or not finite, from " + target);
      }
      query::matching_features(layer, filter.query);
    });
  } catch (const api::ApiError& e) {
    if (e.status() >= 500) fuzz::fail("status " + std::to_string(e.status()) + ": " + e.what());
  }
  return 0;
}
