#include "http/loggable_target.h"

#include "util/percent.h"

namespace onemap::http {

std::string loggable_target(std::string_view target) {
  const std::size_t query = target.find('?');
  if (query == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, query + 1));
  const std::string_view params = target.substr(query + 1);
  for (std::size_t start = 0; start <= params.size();) {
    const std::size_t end = std::min(params.find('&', start), params.size());
    const std::string_view pair = params.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    const std::string_view name = pair.substr(0, eq);
    // Read as the API reads it; a name that does not decode is refused there, and masked here.
    const std::optional<std::string> decoded = util::percent_decode(name, true);
    const bool credential = !decoded || *decoded == "token" || *decoded == "job_token";
    if (credential && eq != std::string_view::npos)
      out.append(name).append("=***");
    else
      out.append(pair);
    if (end < params.size()) out.push_back('&');
    start = end + 1;
  }
  return out;
}

}  // namespace onemap::http
