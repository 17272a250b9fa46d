#include "api/accept.h"

#include "util/text.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace onemap::api {

double accept_quality(std::string_view accept, std::string_view type) {
  double best = -1;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    const auto semi = item.find(';');
    if (!util::iequals(util::trim(item.substr(0, semi)), type)) continue;
    double q = 1;
    for (std::string_view rest = semi == std::string_view::npos ? "" : item.substr(semi + 1); !rest.empty();) {
      const auto next = rest.find(';');
      const std::string_view param = util::trim(rest.substr(0, next));
      rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        try {
          q = std::stod(std::string(param.substr(2)));
        } catch (const std::exception&) {
          q = 0;
        }
      }
    }
    best = std::max(best, q);
  }
  return best;
}

}  // namespace onemap::api
