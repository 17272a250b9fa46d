#include "api/base_url.h"

#include "util/text.h"

#include <algorithm>
#include <vector>

namespace onemap::api {
namespace {

// The first value of a comma-separated X-Forwarded-* list: the one the outermost proxy set
// (a trusted proxy of ours is the only one whose word we take, and it appends).
std::string_view first_value(std::string_view header) { return util::trim(header.substr(0, header.find(','))); }

}  // namespace

bool is_plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':' || c == '[' || c == ']';
  });
}

bool from_trusted_proxy(std::string_view remote_address, const catalog::ServerSettings& server) {
  const auto& trusted = server.trusted_proxies;
  return !remote_address.empty() && std::find(trusted.begin(), trusted.end(), remote_address) != trusted.end();
}

std::string client_address(const http::Request& request, std::string_view remote_address,
                           const catalog::ServerSettings& server) {
  const bool forwarded = request.count("X-Forwarded-For") || request.count(http::beast_http::field::forwarded);
  if (!from_trusted_proxy(remote_address, server)) return forwarded ? "" : std::string(remote_address);
  // Every X-Forwarded-For line, read right to left: the nearest hop first.
  std::vector<std::string_view> hops;
  const auto [first, last] = request.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) {
    const std::string_view list = field->value();
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t end = std::min(list.find(',', start), list.size());
      hops.push_back(util::trim(list.substr(start, end - start)));
      start = end + 1;
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop)
    if (!from_trusted_proxy(*hop, server)) return std::string(*hop);
  // Every hop a proxy of ours (a client on the proxy's own machine): the first is the client.
  return hops.empty() ? "" : std::string(hops.front());
}

std::string base_url(const http::Request& request, const std::string& remote_address,
                     const catalog::ServerSettings& server, const std::string& bind_url) {
  if (!server.public_url.empty()) return server.public_url;
  if (from_trusted_proxy(remote_address, server)) {
    const std::string_view host = first_value(request["X-Forwarded-Host"]);
    const std::string_view proto = first_value(request["X-Forwarded-Proto"]);
    if (is_plain_host(host)) {
      const bool https = proto == "https";
      return std::string(https ? "https://" : "http://") + std::string(host);
    }
  }
  return bind_url;
}

}  // namespace onemap::api
