#pragma once
// The base URL that links, TileJSON tile URLs and Location headers are built on. Never taken
// from what an arbitrary client names (a forged Host would reach the next reader of a cached
// document): it is the configured public_url, else what a trusted proxy forwards, else the
// address the server is bound to.
#include "catalog/catalog.h"
#include "http/types.h"

#include <string>

namespace onemap::api {

std::string base_url(const http::Request& request, const std::string& remote_address,
                     const catalog::ServerSettings& server, const std::string& bind_url);

// Whether the peer is one of server.trusted_proxies (whose headers we believe).
bool from_trusted_proxy(std::string_view remote_address, const catalog::ServerSettings& server);

// The address of the client a request comes from: the peer itself; from a trusted proxy, the
// last X-Forwarded-For entry that is not a trusted proxy (a client forges the entries it sends,
// not the one our proxy appends). Empty when it cannot be told: a trusted proxy naming no one,
// or a request forwarded by a proxy we do not trust (it carries X-Forwarded-For or Forwarded:
// its peer is not its client, so an address-based rule such as metrics_allow must not admit it).
std::string client_address(const http::Request& request, std::string_view remote_address,
                           const catalog::ServerSettings& server);

// Whether text is a plausible host[:port] (letters, digits, '.', '-', ':' and IPv6 brackets).
bool is_plain_host(std::string_view host);

}  // namespace onemap::api
