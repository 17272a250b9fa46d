// Request targets: the path split into decoded segments and the query string into decoded
// parameters (api::parse_target), as every request is read. Whatever parses must read back the
// same after percent_encode.
#include "api/errors.h"
#include "api/query_params.h"
#include "fuzz_city.h"

using namespace onemap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  api::ParsedTarget parsed;
  try {
    parsed = api::parse_target(fuzz::as_text(data, size));
  } catch (const api::ApiError&) {
    return 0;  // malformed percent-encoding, a repeated parameter: a 400
  }
  std::string again;
  for (const std::string& segment : parsed.segments) again += "/" + api::percent_encode(segment);
  again += "?";
  for (const auto& [name, value] : parsed.params)
    again += api::percent_encode(name) + "=" + api::percent_encode(value) + "&";
  api::ParsedTarget back = api::parse_target(again);
  if (back.segments != parsed.segments) fuzz::fail("path segments differ after percent_encode: " + again);
  if (back.params != parsed.params) fuzz::fail("query parameters differ after percent_encode: " + again);
  try {
    api::reject_unknown_params(parsed.params, {"bbox", "bbox-crs", "crs", "f", "limit", "offset"});
  } catch (const api::ApiError&) {
  }
  return 0;
}
