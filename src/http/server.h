#pragma once
// Asynchronous Boost.Beast HTTP/1.1 server: a listener accepting connections and one
// session per connection, run on a pool of threads sharing one io_context.
#include "http/types.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace onemap::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  unsigned threads = 0;       // 0 = std::thread::hardware_concurrency()
  // Per body read and per write, and how long a kept-alive connection may idle between requests.
  std::chrono::seconds request_timeout{30};
  std::uint64_t body_limit = 1 << 20;      // bytes of request body; beyond: 413
  std::uint32_t header_limit = 16 * 1024;  // bytes of request header; beyond: 431
  std::size_t gzip_min_bytes = 512;        // smaller bodies are sent as they are
  // The whole header of a request, from its first byte (from the accept for a connection's first
  // request), so a client trickling its header (slowloris) holds a connection no longer: 408.
  std::chrono::seconds header_timeout{10};
  // Connections open at once; a new one beyond it is answered 503 (Retry-After) and closed.
  std::size_t max_connections = 1024;
  // Bytes of a response body as sent (after gzip); 0: no budget. A body of known size over it is
  // answered 400 instead; a stream is cut (the connection closed) when it passes it.
  std::uint64_t max_response_bytes = 0;
  // Bytes of bodies built whole (text) that wait, server-wide, for their clients to read them; 0:
  // no budget. A body of 64 KB or more that would pass it while others wait is answered 503
  // (Retry-After); one alone, or a smaller one, always goes out. Streams, files and cached bodies
  // hold no copy of their own and are not counted.
  std::uint64_t max_unsent_bytes = 0;
  // Told of every response once written (route name, status, bytes, seconds since the request
  // was read), from the I/O thread: metrics. Empty: nothing told.
  std::function<void(std::string_view, unsigned, std::uint64_t, double)> on_response;
  // Called on an I/O thread at each SIGHUP (it must not block: hand the work off). Empty: SIGHUP
  // keeps its default action.
  std::function<void()> on_hangup;
  // Called once when the server begins to stop (a signal or stop()), on the thread in run(),
  // before it waits for the requests in flight: tell their work to stop. Must not block.
  std::function<void()> on_stop;
  // Told each time a limit above refuses or cuts a connection or a response, by the name of its
  // setting ("server.max_connections"), from an I/O thread: metrics. Empty: nothing told.
  std::function<void(std::string_view setting)> on_limit;
};

class Server {
 public:
  // Binds and listens immediately; throws std::runtime_error naming address and cause.
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;  // the bound port (useful with port 0)

  // Runs until SIGINT/SIGTERM or stop(); returns after every thread has joined.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onemap::http
