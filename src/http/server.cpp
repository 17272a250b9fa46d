#include "http/server.h"

#include "http/session.h"

#include <spdlog/spdlog.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace onemap::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// How long shutdown waits for requests already being handled; idle keep-alive connections
// are not waited for.
constexpr std::chrono::seconds kShutdownGrace{2};
// Pause before accepting again after an accept error such as EMFILE, instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

std::string describe(const std::string& address, std::uint16_t port) {
  const bool ipv6 = address.find(':') != std::string::npos;
  return (ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

// Accepts connections and hands each to a session on a strand of its own.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens here, so a bad address or a taken port fails the Server's constructor.
  Listener(net::io_context& ioc, std::shared_ptr<SessionContext> context)
      : ioc_(ioc),
        acceptor_(net::make_strand(ioc)),
        retry_timer_(acceptor_.get_executor()),
        context_(std::move(context)) {
    const ServerOptions& options = context_->options;
    const auto fail = [&](const std::string& reason) {
      throw std::runtime_error("cannot listen on " + describe(options.bind_address, options.port) + ": " + reason);
    };
    boost::system::error_code ec;
    const auto address = net::ip::make_address(options.bind_address, ec);
    if (ec) fail("invalid address (" + ec.message() + ")");
    const tcp::endpoint endpoint{address, options.port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) fail(ec.message());
    port_ = acceptor_.local_endpoint().port();
  }

  std::uint16_t port() const { return port_; }

  void start() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
  }

  // The acceptor belongs to its strand, so closing it must happen there too.
  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_timer_.cancel();
    });
  }

 private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
                             self->on_accept(ec, std::move(socket));
                           });
  }

  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;  // stop() closed it
    if (!ec) {
      // Responses go out as header and body writes; without TCP_NODELAY, Nagle's algorithm
      // holds the tail of each back for the client's delayed ACK on keep-alive connections.
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      // Only this strand adds connections, so the count cannot pass the limit between the
      // check and the session's start.
      if (context_->connections.load() >= context_->options.max_connections) {
        refuse_connection(std::move(socket), context_);
      } else {
        start_session(std::move(socket), context_);
      }
      return do_accept();
    }
    log_transport_error("accept", ec);
    if (ec == net::error::connection_aborted) return do_accept();  // the peer gave up; harmless
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec && self->acceptor_.is_open()) self->do_accept();
    });
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::shared_ptr<SessionContext> context_;
  std::uint16_t port_ = 0;
};

unsigned thread_count(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler)
      : context(std::make_shared<SessionContext>()),
        threads(thread_count(options.threads)),
        ioc(static_cast<int>(threads)) {
    if (!handler) throw std::invalid_argument("onemap::http::Server needs a handler");
    context->options = std::move(options);
    context->handler = std::move(handler);
    listener = std::make_shared<Listener>(ioc, context);
  }

  void request_stop() {
    {
      std::lock_guard lock(mutex);
      stop_requested = true;
    }
    stop_cv.notify_all();
  }

  void wait_for_stop() {
    std::unique_lock lock(mutex);
    stop_cv.wait(lock, [this] { return stop_requested; });
  }

  // Declaration order is destruction order in reverse: the listener (and its acceptor) must go
  // before the io_context it was created on.
  std::shared_ptr<SessionContext> context;
  unsigned threads;
  net::io_context ioc;
  std::shared_ptr<Listener> listener;
  std::mutex mutex;
  std::condition_variable stop_cv;
  bool stop_requested = false;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->listener->port(); }

void Server::stop() { impl_->request_stop(); }

void Server::run() {
  Impl& s = *impl_;
  net::signal_set signals(s.ioc, SIGINT, SIGTERM);
  signals.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, shutting down", signal);
    stop();
  });
  // SIGHUP: told to on_hangup, every time (a reload), never a shutdown.
  net::signal_set hangups(s.ioc);
  std::function<void()> wait_for_hangup = [&] {
    hangups.async_wait([&](boost::system::error_code ec, int) {
      if (ec) return;
      s.context->options.on_hangup();
      wait_for_hangup();
    });
  };
  if (s.context->options.on_hangup) {
    hangups.add(SIGHUP);
    wait_for_hangup();
  }
  s.listener->start();
  spdlog::info("listening on {} with {} threads", describe(s.context->options.bind_address, port()), s.threads);

  std::vector<std::thread> pool;
  pool.reserve(s.threads);
  for (unsigned i = 0; i < s.threads; ++i) {
    pool.emplace_back([&s] {
      try {
        s.ioc.run();
      } catch (const std::exception& e) {
        // Nothing should escape a completion handler; if something does, stop cleanly rather
        // than leave a server running on fewer threads.
        spdlog::critical("I/O thread failed: {}", e.what());
        s.request_stop();
      }
    });
  }

  s.wait_for_stop();
  if (s.context->options.on_stop) s.context->options.on_stop();
  s.listener->stop();
  const auto deadline = std::chrono::steady_clock::now() + kShutdownGrace;
  while (s.context->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  s.ioc.stop();
  for (auto& thread : pool) thread.join();
  spdlog::info("HTTP server stopped");
}

}  // namespace onemap::http
