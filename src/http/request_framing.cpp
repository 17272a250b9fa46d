#include "http/request_framing.h"

#include "http/problem.h"
#include "util/text.h"

#include <algorithm>
#include <string>
#include <vector>

namespace onemap::http {

std::optional<Response> framing_problem(const beast_http::request_header<>& header) {
  const auto [begin, end] = header.equal_range(beast_http::field::transfer_encoding);
  if (begin == end) return std::nullopt;
  // The codings of every Transfer-Encoding line in order, without parameters or empty elements.
  std::string said;
  std::vector<std::string_view> codings;
  for (auto field = begin; field != end; ++field) {
    const std::string_view value = field->value();
    said += (said.empty() ? "" : ", ") + std::string(value);
    for (std::size_t at = 0; at <= value.size();) {
      const std::size_t comma = std::min(value.find(',', at), value.size());
      const std::string_view element = value.substr(at, comma - at);
      const std::string_view coding = util::trim(element.substr(0, element.find(';')));
      if (!coding.empty()) codings.push_back(coding);
      at = comma + 1;
    }
  }
  said = "'" + said.substr(0, 100) + "'";
  if (header.version() < 11)
    return bad_framing_problem("Transfer-Encoding " + said + " in an HTTP/1.0 request, which has no transfer codings");
  if (header.count(beast_http::field::content_length) > 0)
    return bad_framing_problem("Transfer-Encoding " + said +
                               " beside Content-Length: two readers could end the body in different places");
  const auto is_chunked = [](std::string_view coding) { return util::iequals(coding, "chunked"); };
  if (codings.empty() || !is_chunked(codings.back()))
    return bad_framing_problem("Transfer-Encoding " + said +
                               " does not end in chunked, so where the body ends is unknown");
  if (std::count_if(codings.begin(), codings.end(), is_chunked) > 1)
    return bad_framing_problem("Transfer-Encoding " + said + " applies chunked more than once");
  if (codings.size() > 1) return unsupported_transfer_coding_problem(codings.front());
  return std::nullopt;
}

}  // namespace onemap::http
