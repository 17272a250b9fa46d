#pragma once
// Reading an Accept header (RFC 9110 §12.5.1), for content negotiation.
#include <string_view>

namespace onemap::api {

// The q value the header gives the media type `type` by name (wildcards are not matched);
// -1 when the header does not name it.
double accept_quality(std::string_view accept, std::string_view type);

}  // namespace onemap::api
