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
  std::uint16_t port = 8080;                 // 0 picks a free port; see Server::port()
  unsigned threads = 0;                      // 0 = std::thread::hardware_concurrency()
  std::chrono::seconds request_timeout{30};  // per read and per write
  std::uint64_t body_limit = 1 << 20;        // bytes of request body
  std::uint32_t header_limit = 16 * 1024;    // bytes of request header
  std::size_t gzip_min_bytes = 512;          // smaller bodies are sent as they are
  // Told of every response once written (route name, status, bytes, seconds since the request
  // was read), from the I/O thread: metrics. Empty: nothing told.
  std::function<void(std::string_view, unsigned, std::uint64_t, double)> on_response;
  // Called on an I/O thread at each SIGHUP (it must not block: hand the work off). Empty: SIGHUP
  // keeps its default action.
  std::function<void()> on_hangup;
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
