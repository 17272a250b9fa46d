// Whole requests through Api::handle, as the server answers them (every route on the calling
// thread): query strings, tile paths, bbox and crs, filters, downloads, glyph ranges, web map
// files, and POST bodies to /processes/{id}/execution. The input reads like an HTTP request:
//   METHOD /target
//   Header: value        (any number, up to an empty line)
//
//   body
// A crash, a sanitizer report, an exception escaping the Api, a 5xx (a client's mistake must
// never be a server error) or a web map file served from outside web/ (or hidden) is a failure.
// FUZZ_VERBOSE=1 prints each response's status and start (to check what seeds reach).
#include "api/query_params.h"
#include "fuzz_city.h"

#include <boost/beast/http/verb.hpp>

#include <cstdio>
#include <cstdlib>

using namespace onemap;
namespace bh = boost::beast::http;

namespace {

// The next line of `text` (without its \n or \r\n), consuming it.
std::string_view next_line(std::string_view& text) {
  const std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

ONEMAP_FUZZ_LOAD_CITY_FIRST

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  const std::string_view first = next_line(text);
  const std::size_t space = first.find(' ');
  if (space == std::string_view::npos) return 0;
  const bh::verb method = bh::string_to_verb(first.substr(0, space));
  const std::string_view target = first.substr(space + 1);
  // Beast's parser takes no control characters or spaces in a target: such a request never
  // reaches the Api.
  if (method == bh::verb::unknown || target.empty() ||
      target.find_first_of(std::string_view(" \x7f\0\t\r", 5)) != std::string_view::npos)
    return 0;
  for (unsigned char c : target)
    if (c < 0x20) return 0;

  http::Request request{method, target, 11};
  request.set(bh::field::host, "example.org");
  for (std::string_view line = next_line(text); !line.empty(); line = next_line(text)) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return 0;
    for (unsigned char c : line)
      if ((c < 0x20 && c != '\t') || c == 0x7f) return 0;  // the parser refuses those too
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.insert(line.substr(0, colon), value);
  }
  if (method == bh::verb::post && request.find(bh::field::content_type) == request.end())
    request.set(bh::field::content_type, "application/json");
  request.body() = std::string(text);
  request.prepare_payload();

  const http::Response response = fuzz::city().api->handle(request);
  const std::string body = response.body().read_all();                 // a streamed body is made here
  static const bool verbose = std::getenv("FUZZ_VERBOSE") != nullptr;  // for writing seeds
  if (verbose) std::fprintf(stderr, "%d %s: %.200s\n", response.result_int(), std::string(first).c_str(), body.c_str());
  if (response.result_int() >= 500)
    fuzz::fail("status " + std::to_string(response.result_int()) + " for " + std::string(first) + ": " +
               body.substr(0, 400));
  // The routes that read files (the web map's page and files) never serve one outside web/ or
  // hidden. (Error messages may echo the request, which may spell the secret itself.)
  if (response.result_int() < 300 && body.find(fuzz::kSecret) != std::string::npos) {
    const std::vector<std::string> segments = api::parse_target(target).segments;
    if (segments.empty() || segments[0] == "web" || segments[0] == "map")
      fuzz::fail("a response carries the secret kept outside web/: " + std::string(first));
  }
  return 0;
}
