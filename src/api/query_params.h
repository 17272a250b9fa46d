#pragma once
// The request target split into decoded path segments and query parameters.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::api {

struct ParsedTarget {
  std::vector<std::string> segments;          // "/collections/a/items" → {"collections","a","items"}
  std::map<std::string, std::string> params;  // decoded; a repeated name is a BadRequest
  // The path as sent without its empty segments ("/metrics//" → "/metrics"), when it had any:
  // one resource has one spelling, so a proxy's rule for a path cannot be passed by another.
  std::optional<std::string> canonical_path;
};

// Throws BadRequest for malformed percent-encoding or a repeated parameter.
ParsedTarget parse_target(std::string_view target);

std::string percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);  // for building query strings

// Throws BadRequest naming the first parameter not in `allowed`.
void reject_unknown_params(const std::map<std::string, std::string>& params, const std::set<std::string>& allowed);

}  // namespace onemap::api
