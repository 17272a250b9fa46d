#pragma once
// One HTTP/1.1 connection, served on its own strand until the peer leaves, an error, or shutdown.
// The Session class itself lives in session.cpp: only the listener starts sessions, and keeping
// tcp_stream and the parser out of this header keeps server.cpp's compile light.
#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <memory>
#include <string_view>

namespace onemap::http {

// What every session of one server shares. Sessions hold it by shared_ptr, so it outlives any
// session still parked in the io_context when the server is torn down.
struct SessionContext {
  ServerOptions options;
  Handler handler;  // called concurrently from many threads, so it must be thread-safe
  // Requests read but not yet answered; shutdown waits (briefly) for this to reach zero.
  std::atomic<int> in_flight{0};
  // Sessions alive (options.max_connections), and connections being turned away.
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> refusing{0};
  // Bytes of text bodies answered but not yet written out (options.max_unsent_bytes).
  std::atomic<std::uint64_t> unsent_bytes{0};

  void limit_hit(std::string_view setting) const {
    if (options.on_limit) options.on_limit(setting);
  }
};

// Serves HTTP on an accepted socket. The socket's executor must be a strand of its own, which
// is what makes every step of the session (including the handler call) run one at a time.
void start_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<SessionContext> context);

// Turns away a connection accepted beyond options.max_connections (refusal.cpp): a 503 problem
// naming the limit, with Retry-After, at once, then closed.
void refuse_connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<SessionContext> context);

// The one place transport errors are logged: the ordinary ends of a connection (eof, reset,
// aborted, timeout) at debug, anything else (say, out of file descriptors) as a warning.
void log_transport_error(std::string_view where, const boost::system::error_code& ec);

}  // namespace onemap::http
