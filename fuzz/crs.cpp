// CRS names as clients give them in crs=, bbox-crs= and process inputs (geo::parse_crs): OGC
// URIs, safe CURIEs, EPSG:n. A CRS that parses must parse again from its own URI and EPSG name.
#include "geo/crs.h"
#include "fuzz_city.h"

using namespace onemap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<geo::Crs> crs = geo::parse_crs(fuzz::as_text(data, size));
  if (!crs) return 0;
  if (crs->epsg < 0) fuzz::fail("negative EPSG code " + std::to_string(crs->epsg));
  if (geo::parse_crs(crs->uri()) != crs) fuzz::fail("its URI reads as another CRS: " + crs->uri());
  if (geo::parse_crs("[" + crs->authority_order().definition + "]") != crs)
    fuzz::fail("its CURIE reads as another CRS: " + crs->authority_order().definition);
  return 0;
}
