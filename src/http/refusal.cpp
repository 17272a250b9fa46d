// A connection beyond server.max_connections: answered 503 at once and closed, never queued
// silently behind the others. The answer goes out before the request is read; then, as a
// closing session does, the socket is half-closed and drained briefly, so the client reads the
// 503 rather than a reset caused by its unread request.
#include "http/problem.h"
#include "http/session.h"

#include <spdlog/spdlog.h>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <chrono>
#include <memory>

namespace onemap::http {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;

// How long a refused client may keep sending before the socket is closed.
constexpr std::chrono::seconds kRefusalLinger{1};
// Connections being turned away at once; beyond it (a flood) they are closed without an answer.
constexpr std::size_t kMaxRefusing = 64;
constexpr unsigned kRetryAfterSeconds = 5;

class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  Refusal(net::ip::tcp::socket&& socket, std::shared_ptr<SessionContext> context)
      : stream_(std::move(socket)), context_(std::move(context)) {
    ++context_->refusing;
  }
  ~Refusal() { --context_->refusing; }
  Refusal(const Refusal&) = delete;
  Refusal& operator=(const Refusal&) = delete;

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->send(); });
  }

 private:
  void send() {
    response_ = too_many_connections_problem(context_->options.max_connections, kRetryAfterSeconds);
    response_.content_length(response_.body().text().size());
    stream_.expires_after(kRefusalLinger);
    beast_http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;  // the socket closes with the last owner
      beast::error_code ignored;
      self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
      self->stream_.expires_after(kRefusalLinger);
      self->drain();
    });
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->drain();
    });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<SessionContext> context_;
  Response response_;
  std::array<char, 4096> drain_{};
};

}  // namespace

void refuse_connection(net::ip::tcp::socket socket, std::shared_ptr<SessionContext> context) {
  context->limit_hit("server.max_connections");
  beast::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  const std::string remote = ec ? "-" : peer.address().to_string() + ":" + std::to_string(peer.port());
  if (context->refusing.load() >= kMaxRefusing) {
    spdlog::info("{} closed: {} connections open (server.max_connections), {} being refused already", remote,
                 context->connections.load(), kMaxRefusing);
    socket.close(ec);
    return;
  }
  spdlog::info("{} refused: 503, {} connections open (server.max_connections: {})", remote, context->connections.load(),
               context->options.max_connections);
  std::make_shared<Refusal>(std::move(socket), std::move(context))->start();
}

}  // namespace onemap::http
