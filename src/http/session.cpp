#include "http/session.h"

#include "http/finish.h"
#include "http/loggable_target.h"
#include "http/problem.h"
#include "http/request_framing.h"

#include <spdlog/spdlog.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <optional>
#include <string>

namespace onemap::http {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;

using Clock = std::chrono::steady_clock;

// How long a closing connection may keep sending before we stop draining it (see close()).
constexpr std::chrono::seconds kLingerLimit{2};
// What a kept-alive connection reads at once when the next request begins, and at most at once
// while a header comes in.
constexpr std::size_t kIdleReadBytes = 4096;
constexpr std::size_t kReadBytes = 65536;
// server.max_unsent_mb refuses bodies from this size up: smaller ones (health checks, errors,
// small pages) are counted but always sent, since max_connections already bounds what they hold.
constexpr std::uint64_t kAlwaysSentBytes = 64 * 1024;
// What a client refused for server.max_unsent_mb is told to wait: slow readers take a while.
constexpr unsigned kUnsentRetryAfterSeconds = 5;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(net::ip::tcp::socket&& socket, std::shared_ptr<SessionContext> context)
      : stream_(std::move(socket)), context_(std::move(context)) {
    ++context_->connections;
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_address_ = ec ? "" : endpoint.address().to_string();
    remote_ = ec ? "-" : remote_address_ + ":" + std::to_string(endpoint.port());
  }

  ~Session() {
    release_unsent();
    --context_->connections;
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

 private:
  const ServerOptions& options() const { return context_->options; }

  // A request is read in up to three steps. On a kept-alive connection, first its first bytes,
  // idle for at most request_timeout. Then its header, within header_timeout of those bytes (of
  // the accept, for a connection's first request): timed by header_timer_ rather than by the
  // stream, so that a header still trickling in can be answered 408 before closing. Then its
  // body, within request_timeout.
  void do_read() {
    // A fresh parser per request: limits and state never leak from one request to the next.
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    parser_->header_limit(options().header_limit);
    if (first_request_ || buffer_.size() > 0) return read_header();
    stream_.expires_after(options().request_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                            beast::bind_front_handler(&Session::on_idle_read, shared_from_this()));
  }

  void on_idle_read(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec == net::error::eof) ec = beast_http::error::end_of_stream;  // left between requests
    if (ec) return answer_read_error(ec);
    read_header();
  }

  void read_header() {
    stream_.expires_never();
    reading_header_ = true;
    header_timed_out_ = false;
    header_timer_.expires_after(options().header_timeout);
    header_timer_.async_wait(beast::bind_front_handler(&Session::on_header_timer, shared_from_this()));
    header_bytes_ = 0;
    read_header_some();
  }

  // The header read and parsed here a piece at a time, as Beast's own read does, so that its
  // whole size is weighed: Beast's header limit bounds the piece not yet parsed, not the sum of
  // the fields parsed so far (a header of many short lines would pass it).
  void read_header_some() {
    if (buffer_.size() > 0) {
      beast::error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      header_bytes_ += used;
      if (ec != beast_http::error::need_more) return on_header(ec);  // the header is in, or bad
      if (header_bytes_ + buffer_.size() > options().header_limit) return on_header(beast_http::error::header_limit);
    }
    stream_.async_read_some(buffer_.prepare(beast::read_size(buffer_, kReadBytes)),
                            beast::bind_front_handler(&Session::on_header_bytes, shared_from_this()));
  }

  void on_header_bytes(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec == net::error::eof)
      ec = parser_->got_some() ? beast_http::error::partial_message : beast_http::error::end_of_stream;
    if (ec) return on_header(ec);
    read_header_some();
  }

  void on_header_timer(beast::error_code ec) {
    if (ec || !reading_header_) return;  // cancelled, or the header is in
    header_timed_out_ = true;
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // the header read ends with operation_aborted
  }

  void on_header(beast::error_code ec) {
    reading_header_ = false;
    header_timer_.cancel();
    if (ec && header_timed_out_) return header_timeout();
    if (ec) return answer_read_error(ec);
    if (std::optional<Response> problem = framing_problem(parser_->get())) return reply_error(std::move(*problem), "");
    if (parser_->is_done()) return dispatch();
    stream_.expires_after(options().request_timeout);
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return answer_read_error(ec);
    dispatch();
  }

  // A header still incomplete at header_timeout: 408 when some of it came (a slow client, or
  // slowloris), a quiet close when nothing did (a connection opened and never used).
  void header_timeout() {
    const auto seconds = static_cast<std::uint64_t>(options().header_timeout.count());
    if (!parser_->got_some() && buffer_.size() == 0) {
      spdlog::debug("{} closed: no request within {} s (server.header_timeout_s)", remote_, seconds);
      return;
    }
    spdlog::info("{} cut: its request header did not arrive within {} s (server.header_timeout_s)", remote_, seconds);
    context_->limit_hit("server.header_timeout_s");
    reply_error(header_timeout_problem(seconds), "server.header_timeout_s");
  }

  void answer_read_error(beast::error_code ec) {
    if (ec == beast_http::error::end_of_stream) {
      beast::error_code ignored;  // the peer finished cleanly; answer its FIN with ours
      stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
      return;
    }
    if (ec == beast_http::error::body_limit) {
      context_->limit_hit("server.max_body_kb");
      return reply_error(body_too_large_problem(options().body_limit), "server.max_body_kb");
    }
    if (ec == beast_http::error::header_limit) {
      context_->limit_hit("server.max_header_kb");
      return reply_error(header_too_large_problem(options().header_limit), "server.max_header_kb");
    }
    // Content-Length beside chunked, in either order, or a length that is not one number.
    if (ec == beast_http::error::bad_transfer_encoding || ec == beast_http::error::bad_content_length) {
      return reply_error(bad_framing_problem("its Content-Length or Transfer-Encoding is malformed, or both are sent"),
                         "");
    }
    if (ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category() &&
        ec != beast_http::error::partial_message) {
      return reply_error(
          transport_problem(beast_http::status::bad_request, "bad_request", "The request is not valid HTTP/1.1."), "");
    }
    log_transport_error("read", ec);  // includes the idle timeout: tcp_stream has closed
  }

  void dispatch() {
    first_request_ = false;
    auto req = std::make_shared<const Request>(parser_->release());
    note_exchange(*req);
    ++context_->in_flight;
    counted_ = true;
    answered_ = false;
    client_gone_ = std::make_shared<util::StopFlag>();
    Exchange exchange{req, remote_address_,
                      [self = shared_from_this(), req](Response res, std::string route) {
                        // On this strand already (an inline answer) this runs at once; from a
                        // worker it is queued to the strand.
                        net::dispatch(self->stream_.get_executor(),
                                      [self, req, res = std::move(res), route = std::move(route)]() mutable {
                                        self->on_response(*req, std::move(res), std::move(route));
                                      });
                      },
                      client_gone_};
    try {
      context_->handler(std::move(exchange));
    } catch (const std::exception& e) {
      spdlog::error("handler failed on {} {}: {}", req->method_string(), loggable_target(req->target()), e.what());
      if (!answered_) on_response(*req, internal_error(), "");
      return;
    }
    if (!answered_) watch_peer();
  }

  static Response internal_error() {
    Response res = transport_problem(beast_http::status::internal_server_error, "internal_error",
                                     "The server failed to handle the request.");
    res.keep_alive(true);  // the handler failed, not the connection
    return res;
  }

  // While a worker has the request, the only thing to learn from the socket is whether the peer
  // left: then the work is stopped. Pipelined bytes end the watch (the peer is still there).
  void watch_peer() {
    stream_.expires_never();
    stream_.socket().async_wait(net::socket_base::wait_read,
                                beast::bind_front_handler(&Session::on_peer_readable, shared_from_this()));
  }

  void on_peer_readable(beast::error_code ec) {
    if (answered_ || ec) return;  // answered (the wait was cancelled) or the socket is gone
    char byte = 0;
    const ssize_t n = ::recv(stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
      spdlog::debug("{} left before its answer to {} {}; stopping the work", remote_, method_, target_);
      client_gone_->stop(util::StopReason::ClientGone);
      return;
    }
    if (n < 0) watch_peer();  // a spurious wake-up
  }

  void on_response(const Request& req, Response res, std::string route) {
    if (answered_) return;  // a handler answered twice: the first answer stands
    answered_ = true;
    route_ = std::move(route);
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // ends watch_peer's wait
    try {
      if (!finalize(res, req, options())) {
        spdlog::info("{} {} {}: the response is over server.max_response_mb; answered 400", remote_, method_, target_);
        context_->limit_hit("server.max_response_mb");
      }
    } catch (const std::exception& e) {
      spdlog::error("response to {} {} failed: {}", req.method_string(), loggable_target(req.target()), e.what());
      res = internal_error();
      finalize(res, req, options());
    }
    hold_unsent(res, req);
    const bool keep_alive = res.keep_alive();  // finalize() has weighed request and handler
    send(std::move(res), keep_alive);
  }

  // server.max_unsent_mb: a body built whole waits in memory until its client takes it, counted
  // server-wide while it does, so many slow readers cannot make the server hold more. A large body
  // that would pass the budget while others wait is answered 503 instead; one alone always goes.
  void hold_unsent(Response& res, const Request& req) {
    const std::uint64_t budget = options().max_unsent_bytes;
    const std::uint64_t bytes = res.body().held_bytes();
    if (budget == 0 || bytes == 0) return;
    const std::uint64_t before = context_->unsent_bytes.fetch_add(bytes);
    if (bytes < kAlwaysSentBytes || before == 0 || before + bytes <= budget) {
      unsent_held_ = bytes;
      return;
    }
    context_->unsent_bytes.fetch_sub(bytes);
    spdlog::info("{} {} {}: {} MB of answers wait for their readers (server.max_unsent_mb); answered 503", remote_,
                 method_, target_, before >> 20);
    context_->limit_hit("server.max_unsent_mb");
    res = unsent_over_budget_problem(budget, kUnsentRetryAfterSeconds);
    finalize(res, req, options());
  }

  void release_unsent() {
    if (unsent_held_ == 0) return;
    context_->unsent_bytes.fetch_sub(unsent_held_);
    unsent_held_ = 0;
  }

  // Errors found while reading: answer and close, since the rest of the stream can't be trusted.
  // `limit`, the setting of the limit hit, ends the log line where a route's name would.
  void reply_error(Response res, std::string_view limit) {
    note_exchange(parser_->get());
    answered_ = true;
    route_ = limit;
    res.keep_alive(false);
    set_framing(res);
    send(std::move(res), false);
  }

  // Remembers what the log line will need once the write completes.
  // After a 413 the start line is known even though the header is not done; after a 400 or
  // 431 it may be empty.
  void note_exchange(const Request& req) {
    method_ = req.method_string().empty() ? "-" : std::string(req.method_string());
    target_ = req.target().empty() ? "-" : loggable_target(req.target());
    started_ = Clock::now();
  }

  void send(Response res, bool keep_alive) {
    response_ = std::move(res);
    stream_.expires_after(options().request_timeout);
    beast_http::async_write(stream_, response_,
                            beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes) {
    if (counted_) {
      --context_->in_flight;
      counted_ = false;
    }
    const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    spdlog::info("{} {} {} {} {}B {:.1f}ms {}", remote_, method_, target_, response_.result_int(), bytes, ms,
                 route_.empty() ? "-" : route_);
    if (options().on_response) options().on_response(route_, response_.result_int(), bytes, ms / 1000);
    response_.body().clear();  // sent, or never to be: its memory goes now, not at the next answer
    release_unsent();
    if (ec == Payload::over_budget()) {
      spdlog::warn("{} {} {}: the streamed response passed server.max_response_mb ({} MB) and was cut", remote_,
                   method_, target_, options().max_response_bytes >> 20);
      context_->limit_hit("server.max_response_mb");
      return;
    }
    if (ec) return log_transport_error("write", ec);
    if (!keep_alive) return close();
    do_read();
  }

  // Half-close, then read and discard until the peer closes too. Closing outright with unread
  // input (say, the rest of an oversized body) makes the kernel send RST, and the client may
  // lose our response. One deadline for the whole drain, so a trickling peer can't hold us.
  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::min<std::chrono::seconds>(options().request_timeout, kLingerLimit));
    do_drain();
  }

  void do_drain() {
    stream_.async_read_some(net::buffer(drain_), beast::bind_front_handler(&Session::on_drain, shared_from_this()));
  }

  void on_drain(beast::error_code ec, std::size_t /*bytes*/) {
    if (!ec) do_drain();  // on any error (eof included) the session ends and the socket closes
  }

  beast::tcp_stream stream_;
  net::steady_timer header_timer_{stream_.get_executor()};
  beast::flat_buffer buffer_;  // outlives each parser: it may hold the next pipelined request
  std::shared_ptr<SessionContext> context_;
  bool first_request_ = true;
  bool reading_header_ = false;
  bool header_timed_out_ = false;
  std::size_t header_bytes_ = 0;  // of the header being read, parsed so far
  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  Response response_;  // must stay alive until async_write completes
  std::string remote_;
  std::string remote_address_;
  std::string route_;
  std::shared_ptr<util::StopFlag> client_gone_;
  bool answered_ = true;
  std::string method_;
  std::string target_;
  Clock::time_point started_{};
  bool counted_ = false;
  std::uint64_t unsent_held_ = 0;  // this response's share of context_->unsent_bytes
  std::array<char, 4096> drain_{};
};

}  // namespace

Handler inline_handler(std::function<Response(const Request&)> handle) {
  return [handle = std::move(handle)](Exchange exchange) { exchange.respond(handle(*exchange.request), ""); };
}

void start_session(net::ip::tcp::socket socket, std::shared_ptr<SessionContext> context) {
  std::make_shared<Session>(std::move(socket), std::move(context))->start();
}

void log_transport_error(std::string_view where, const boost::system::error_code& ec) {
  const bool ordinary =
      ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::operation_aborted ||
      ec == net::error::broken_pipe || ec == net::error::connection_aborted || ec == net::error::not_connected ||
      ec == beast::error::timeout || ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message;
  if (ordinary) {
    spdlog::debug("{}: {}", where, ec.message());
  } else {
    spdlog::warn("{}: {}", where, ec.message());
  }
}

}  // namespace onemap::http
