#include "http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <future>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace onemap::http {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

std::string big_json() {
  std::string body = "[";
  for (int i = 0; i < 200; ++i) body += R"({"id":)" + std::to_string(i) + R"(,"name":"plot"},)";
  body.back() = ']';
  return body;
}

constexpr std::size_t kHugeBytes = 32 << 20;

// What the test client reads: the plain string body.
using ClientResponse = beast_http::response<beast_http::string_body>;

Response make_response(const Request& req, std::string content_type, std::string body) {
  Response res{beast_http::status::ok, req.version()};
  res.set(beast_http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

// Knows nothing of HEAD or gzip, as real handlers don't have to.
Response test_handler(const Request& req, std::atomic<bool>& slow_started) {
  const std::string_view target = req.target();
  if (target == "/small") return make_response(req, "text/plain", "hello");
  if (target == "/big") return make_response(req, "application/json", big_json());
  if (target == "/echo") return make_response(req, "text/plain", req.body());
  // More than the sockets' buffers take: a client that does not read leaves most of it unsent.
  if (target == "/huge") return make_response(req, "application/octet-stream", std::string(kHugeBytes, 'h'));
  if (target == "/throw") throw std::runtime_error("boom");
  if (target == "/stream") {  // 100 chunks of 1000 bytes
    Response res = make_response(req, "text/plain", "");
    auto sent = std::make_shared<int>(0);
    res.body() = Payload::stream([sent](std::string& out) {
      out.append(1000, 'x');
      return ++*sent < 100;
    });
    return res;
  }
  if (target == "/slow") {
    slow_started = true;
    std::this_thread::sleep_for(300ms);
    return make_response(req, "text/plain", "done");
  }
  return Response{beast_http::status::not_found, req.version()};
}

// A Server running on a free port in its own thread; stopping and joining is the destructor's.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions opts = options())
      : server_(std::move(opts),
                inline_handler([this](const Request& req) { return test_handler(req, slow_started); })),
        thread_([this] { server_.run(); }) {}
  ~RunningServer() { stop_and_join(); }

  static ServerOptions options() {
    return {.bind_address = "127.0.0.1",
            .port = 0,
            .threads = 2,
            .request_timeout = 5s,
            .body_limit = 1024,
            .header_limit = 1024,
            .gzip_min_bytes = 256};
  }

  void stop_and_join() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::uint16_t port() const { return server_.port(); }
  std::atomic<bool> slow_started{false};

 private:
  Server server_;
  std::thread thread_;
};

// A synchronous Beast client holding one connection, so keep-alive can be observed.
class Client {
 public:
  explicit Client(std::uint16_t port) { socket_.connect({net::ip::make_address("127.0.0.1"), port}); }

  ClientResponse send(Request req) {
    req.prepare_payload();
    beast_http::write(socket_, req);
    return receive(req.method() == beast_http::verb::head);
  }

  ClientResponse send_raw(const std::string& bytes) {
    net::write(socket_, net::buffer(bytes));
    return receive(false);
  }

  void write_raw(const std::string& bytes) { net::write(socket_, net::buffer(bytes)); }

  // A response the server sends without (or before) a request.
  ClientResponse read_response() { return receive(false); }

  // Waits for the first bytes of a response, and keeps them for read_response.
  void await_response_start() {
    const std::size_t n = socket_.read_some(buffer_.prepare(1));
    buffer_.commit(n);
  }

  // Reads a response whose body may end early; the error says how the read ended.
  boost::system::error_code send_and_read_body(Request req, std::string& body) {
    req.prepare_payload();
    beast_http::write(socket_, req);
    beast_http::response_parser<beast_http::string_body> parser;
    parser.body_limit(boost::none);
    boost::system::error_code ec;
    beast_http::read(socket_, buffer_, parser, ec);
    body = parser.get().body();
    return ec;
  }

  // True once the server has closed its side (a read returns eof rather than data).
  bool closed_by_server() {
    char byte = 0;
    boost::system::error_code ec;
    socket_.read_some(net::buffer(&byte, 1), ec);
    return ec == net::error::eof;
  }

 private:
  ClientResponse receive(bool head) {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head);  // a response to HEAD has headers only, whatever Content-Length says
    beast_http::read(socket_, buffer_, parser);
    return parser.release();
  }

  net::io_context ioc_;
  tcp::socket socket_{ioc_};
  beast::flat_buffer buffer_;
};

Request get(std::string target, beast_http::verb verb = beast_http::verb::get) {
  Request req{verb, target, 11};
  req.set(beast_http::field::host, "127.0.0.1");
  return req;
}

void expect_problem(const ClientResponse& res, beast_http::status status, std::string_view code) {
  EXPECT_EQ(res.result(), status);
  EXPECT_EQ(res[beast_http::field::content_type], "application/json");
  EXPECT_NE(res.body().find(R"("code": ")" + std::string(code) + '"'), std::string::npos) << res.body();
  EXPECT_NE(res.body().find(R"("description": )"), std::string::npos) << res.body();
  EXPECT_FALSE(res.keep_alive());
}

TEST(HttpServer, ServesTwoRequestsOnOneKeepAliveConnection) {
  RunningServer server;
  Client client(server.port());
  for (int i = 0; i < 2; ++i) {
    const ClientResponse res = client.send(get("/small"));
    EXPECT_EQ(res.result(), beast_http::status::ok);
    EXPECT_EQ(res.body(), "hello");
    EXPECT_EQ(res[beast_http::field::server], "OneMap");
    EXPECT_TRUE(res.keep_alive());
  }
  // A third request asking to close gets its answer, then the server closes.
  Request last = get("/small");
  last.keep_alive(false);
  const ClientResponse res = client.send(last);
  EXPECT_EQ(res.body(), "hello");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

// A kept-alive connection may idle between requests for the request timeout, not the (shorter)
// header timeout: the next request's header is timed from its first byte.
TEST(HttpServer, ClosesAnIdleConnectionAfterTheTimeout) {
  ServerOptions options = RunningServer::options();
  options.request_timeout = 2s;
  options.header_timeout = 1s;
  RunningServer server(options);
  Client client(server.port());
  EXPECT_EQ(client.send(get("/small")).body(), "hello");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1900ms);
}

// The limits the transport keeps, each told to on_limit by its setting's name.
struct LimitLog {
  std::mutex mutex;
  std::vector<std::string> hits;
  std::function<void(std::string_view)> callback() {
    return [this](std::string_view setting) {
      std::lock_guard lock(mutex);
      hits.emplace_back(setting);
    };
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return hits;
  }
};

void expect_limit(const ClientResponse& res, std::string_view setting, std::uint64_t value) {
  EXPECT_NE(res.body().find(R"("limit": ")" + std::string(setting) + '"'), std::string::npos) << res.body();
  EXPECT_NE(res.body().find(R"("limit_value": )" + std::to_string(value)), std::string::npos) << res.body();
  EXPECT_NE(res.body().find(std::string(setting).substr(7)), std::string::npos) << res.body();
}

TEST(HttpServer, AHeaderNotInWithinTheHeaderTimeoutGets408AndIsClosed) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.header_timeout = 1s;
  options.on_limit = log.callback();
  RunningServer server(options);
  Client client(server.port());
  const auto started = std::chrono::steady_clock::now();
  const ClientResponse res = client.send_raw("GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  const auto waited = std::chrono::steady_clock::now() - started;
  expect_problem(res, beast_http::status::request_timeout, "header_timeout");
  expect_limit(res, "server.header_timeout_s", 1);
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 3s);  // the header timeout, not the request timeout (5 s)
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(log.seen(), std::vector<std::string>{"server.header_timeout_s"});
}

TEST(HttpServer, ANewConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout) {
  ServerOptions options = RunningServer::options();
  options.header_timeout = 1s;
  RunningServer server(options);
  Client client(server.port());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());  // closed without an answer: no request to answer
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 3s);
}

TEST(HttpServer, ConnectionsBeyondTheLimitGet503AndAreClosed) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.max_connections = 2;
  options.on_limit = log.callback();
  RunningServer server(options);
  auto first = std::make_unique<Client>(server.port());
  Client second(server.port());
  EXPECT_EQ(first->send(get("/small")).body(), "hello");  // both accepted by now
  EXPECT_EQ(second.send(get("/small")).body(), "hello");

  Client third(server.port());
  const ClientResponse refused = third.read_response();  // answered before it asks anything
  expect_problem(refused, beast_http::status::service_unavailable, "too_many_connections");
  expect_limit(refused, "server.max_connections", 2);
  EXPECT_EQ(refused[beast_http::field::retry_after], "5");
  EXPECT_TRUE(third.closed_by_server());
  EXPECT_EQ(log.seen(), std::vector<std::string>{"server.max_connections"});

  // A connection that leaves makes room.
  first.reset();
  std::string answer;
  for (int attempt = 0; attempt < 50 && answer != "hello"; ++attempt) {
    std::this_thread::sleep_for(20ms);
    Client next(server.port());
    std::string body;
    if (!next.send_and_read_body(get("/small"), body)) answer = body;  // a 503 until there is room
  }
  EXPECT_EQ(answer, "hello");
}

TEST(HttpServer, AResponseOverTheByteBudgetGets400BeforeItsHeaders) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.max_response_bytes = 2048;
  options.on_limit = log.callback();
  RunningServer server(options);
  Client client(server.port());
  const ClientResponse res = client.send(get("/big"));  // 5 KB of JSON
  EXPECT_EQ(res.result(), beast_http::status::bad_request);
  EXPECT_NE(res.body().find(R"("code": "response_too_large")"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find(R"("limit": "server.max_response_mb")"), std::string::npos) << res.body();
  EXPECT_TRUE(res.keep_alive());  // nothing is wrong with the connection

  // The budget counts the bytes as sent: gzipped, the same answer fits.
  Request gzip = get("/big");
  gzip.set(beast_http::field::accept_encoding, "gzip");
  const ClientResponse zipped = client.send(gzip);
  EXPECT_EQ(zipped.result(), beast_http::status::ok);
  EXPECT_EQ(zipped[beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(log.seen(), std::vector<std::string>{"server.max_response_mb"});
}

TEST(HttpServer, AStreamPassingTheByteBudgetIsCutAndTheConnectionClosed) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.max_response_bytes = 10000;
  options.on_limit = log.callback();
  RunningServer server(options);
  Client client(server.port());
  std::string body;
  const boost::system::error_code ec = client.send_and_read_body(get("/stream"), body);
  EXPECT_EQ(ec, beast_http::error::partial_message) << ec.message();  // the chunked body never ends
  EXPECT_LE(body.size(), 10000U);
  for (int i = 0; i < 100 && log.seen().empty(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(log.seen(), std::vector<std::string>{"server.max_response_mb"});

  // Within the budget, the same stream is whole.
  options.max_response_bytes = 200000;
  options.on_limit = {};
  RunningServer roomy(options);
  Client other(roomy.port());
  EXPECT_FALSE(other.send_and_read_body(get("/stream"), body));
  EXPECT_EQ(body.size(), 100000U);
}

// A body built whole waits in memory until its client reads it; server.max_unsent_mb bounds what
// all of them hold together, so many slow readers cannot make the server hold more. A body that
// would pass it is answered 503 (Retry-After) instead; one alone is always sent, however large.
TEST(HttpServer, BodiesWaitingForTheirReadersAreBoundedServerWide) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.max_unsent_bytes = kHugeBytes + kHugeBytes / 4;
  options.on_limit = log.callback();
  RunningServer server(options);
  Client slow(server.port());
  slow.write_raw("GET /huge HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  slow.await_response_start();  // answered: its body is held until the slow reader takes it all

  // A second huge body would pass the budget.
  Client other(server.port());
  const ClientResponse refused = other.send(get("/huge"));
  EXPECT_EQ(refused.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(refused[beast_http::field::content_type], "application/json");
  EXPECT_NE(refused.body().find(R"("code": "unsent_responses_over_budget")"), std::string::npos) << refused.body();
  expect_limit(refused, "server.max_unsent_mb", 40);
  EXPECT_FALSE(refused[beast_http::field::retry_after].empty());
  EXPECT_TRUE(refused.keep_alive());                     // nothing is wrong with this connection
  EXPECT_EQ(other.send(get("/small")).body(), "hello");  // small bodies still fit

  // The slow reader reads at last: its bytes are no longer held, and the next huge body goes out.
  EXPECT_EQ(slow.read_response().body().size(), kHugeBytes);
  std::size_t served = 0;
  for (int attempt = 0; attempt < 50 && served != kHugeBytes; ++attempt) {
    std::this_thread::sleep_for(20ms);
    served = other.send(get("/huge")).body().size();
  }
  EXPECT_EQ(served, kHugeBytes);
  const std::vector<std::string> hits = log.seen();
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front(), "server.max_unsent_mb");
}

TEST(HttpServer, BodyAndHeaderLimitsNameTheirSettings) {
  LimitLog log;
  ServerOptions options = RunningServer::options();
  options.on_limit = log.callback();
  RunningServer server(options);
  {
    Client client(server.port());
    Request req = get("/echo", beast_http::verb::post);
    req.body() = std::string(4096, 'x');
    expect_limit(client.send(req), "server.max_body_kb", 1);
  }
  {
    Client client(server.port());
    Request req = get("/small");
    req.set("X-Padding", std::string(2000, 'p'));
    expect_limit(client.send(req), "server.max_header_kb", 1);
  }
  EXPECT_EQ(log.seen(), (std::vector<std::string>{"server.max_body_kb", "server.max_header_kb"}));
}

TEST(HttpServer, GzipsWhenAskedAndWorthIt) {
  RunningServer server;
  Client client(server.port());
  Request req = get("/big");
  req.set(beast_http::field::accept_encoding, "deflate, gzip");
  const ClientResponse res = client.send(req);
  EXPECT_EQ(res[beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(res[beast_http::field::vary], "Accept-Encoding");
  ASSERT_GE(res.body().size(), 2U);
  EXPECT_EQ(static_cast<unsigned char>(res.body()[0]), 0x1f);
  EXPECT_LT(res.body().size(), big_json().size());
  EXPECT_EQ(res[beast_http::field::content_length], std::to_string(res.body().size()));
}

TEST(HttpServer, DoesNotGzipUnlessAskedOrWorthIt) {
  RunningServer server;
  Client client(server.port());
  const ClientResponse plain = client.send(get("/big"));
  EXPECT_TRUE(plain[beast_http::field::content_encoding].empty());
  EXPECT_EQ(plain.body(), big_json());

  Request refused = get("/big");
  refused.set(beast_http::field::accept_encoding, "gzip;q=0");
  EXPECT_EQ(client.send(refused).body(), big_json());

  Request small = get("/small");
  small.set(beast_http::field::accept_encoding, "gzip");
  const ClientResponse res = client.send(small);
  EXPECT_TRUE(res[beast_http::field::content_encoding].empty());
  EXPECT_EQ(res.body(), "hello");
}

TEST(HttpServer, HeadSendsHeadersWithFullContentLengthAndNoBody) {
  RunningServer server;
  Client client(server.port());
  const ClientResponse head = client.send(get("/big", beast_http::verb::head));
  EXPECT_EQ(head.result(), beast_http::status::ok);
  EXPECT_EQ(head[beast_http::field::content_length], std::to_string(big_json().size()));
  EXPECT_TRUE(head.body().empty());

  // Had any body bytes followed the HEAD response, this GET would read them instead.
  const ClientResponse after = client.send(get("/big"));
  EXPECT_EQ(after.body(), big_json());

  Request gzip_head = get("/big", beast_http::verb::head);
  gzip_head.set(beast_http::field::accept_encoding, "gzip");
  Request gzip_get = get("/big");
  gzip_get.set(beast_http::field::accept_encoding, "gzip");
  EXPECT_EQ(client.send(gzip_head)[beast_http::field::content_length],
            std::to_string(client.send(gzip_get).body().size()));
}

TEST(HttpServer, BodyOverLimitGets413) {
  RunningServer server;
  Client client(server.port());
  Request within = get("/echo", beast_http::verb::post);
  within.body() = std::string(1000, 'x');
  EXPECT_EQ(client.send(within).body(), within.body());

  Request req = get("/echo", beast_http::verb::post);
  req.body() = std::string(1 << 20, 'x');  // big enough that unread input would reset the socket
  expect_problem(client.send(req), beast_http::status::payload_too_large, "payload_too_large");
}

TEST(HttpServer, HeaderOverLimitGets431) {
  RunningServer server;
  Client client(server.port());
  Request req = get("/small");
  req.set("X-Padding", std::string(2000, 'p'));
  expect_problem(client.send(req), beast_http::status::request_header_fields_too_large, "header_too_large");
}

// Beast bounds each unparsed piece of a header; the server bounds the whole of it.
TEST(HttpServer, AHeaderOfManyShortLinesOverTheLimitGets431) {
  RunningServer server;
  Client client(server.port());
  std::string many;
  for (int i = 0; i < 3000; ++i) many += "X-A: b\r\n";
  const ClientResponse res = client.send_raw("GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + "\r\n");
  expect_problem(res, beast_http::status::request_header_fields_too_large, "header_too_large");
}

TEST(HttpServer, MalformedRequestGets400) {
  RunningServer server;
  Client client(server.port());
  expect_problem(client.send_raw("GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"), beast_http::status::bad_request,
                 "bad_request");
}

// RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked has a body of unknown
// length. Read as having none, its body would be parsed as the next request: a smuggled request
// a proxy in front never saw. It is answered 400 and the connection closed, unanswered beyond.
TEST(HttpServer, ATransferEncodingNotEndingInChunkedGets400AndTheBodyIsNeverARequest) {
  RunningServer server;
  const std::string smuggled = "GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (const std::string coding : {"gzip", "identity", "foo", "chunked, gzip", "chunked, chunked", ""}) {
    SCOPED_TRACE("Transfer-Encoding: " + coding);
    Client client(server.port());
    client.write_raw("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: " + coding + "\r\n\r\n" + smuggled);
    const ClientResponse res = client.read_response();
    expect_problem(res, beast_http::status::bad_request, "bad_framing");
    EXPECT_NE(res.body().find("Transfer-Encoding"), std::string::npos) << res.body();
    EXPECT_TRUE(client.closed_by_server());  // never "hello": the smuggled request is not read
  }
  // A coding before chunked: the length is known but the coding is not one the server decodes.
  Client client(server.port());
  client.write_raw(
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  expect_problem(client.read_response(), beast_http::status::not_implemented, "unsupported_transfer_coding");
  EXPECT_TRUE(client.closed_by_server());
}

// Transfer-Encoding beside Content-Length (RFC 9112 §6.3: "ought to be handled as an error"), in
// either order, and Transfer-Encoding in an HTTP/1.0 request (§6.1: faulty framing): two readers
// could disagree on where the body ends, so neither is guessed. Chunked alone is read as ever.
TEST(HttpServer, TransferEncodingBesideContentLengthOrInHttp10Gets400AndIsClosed) {
  RunningServer server;
  const std::string smuggled = "GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const std::string requests[] = {
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /echo HTTP/1.0\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  };
  for (const std::string& request : requests) {
    SCOPED_TRACE(request);
    Client client(server.port());
    client.write_raw(request + smuggled);
    const ClientResponse res = client.read_response();
    expect_problem(res, beast_http::status::bad_request, "bad_framing");
    EXPECT_TRUE(client.closed_by_server());
  }
  Client client(server.port());
  const ClientResponse res = client.send_raw(
      "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(res.result(), beast_http::status::ok);
  EXPECT_EQ(res.body(), "hello");
  EXPECT_TRUE(res.keep_alive());
}

TEST(HttpServer, HandlerExceptionGets500) {
  RunningServer server;
  Client client(server.port());
  const ClientResponse res = client.send(get("/throw"));
  EXPECT_EQ(res.result(), beast_http::status::internal_server_error);
  EXPECT_EQ(res[beast_http::field::content_type], "application/json");
  EXPECT_NE(res.body().find(R"("code": "internal_error")"), std::string::npos);
  EXPECT_EQ(res.body().find("boom"), std::string::npos);  // internals stay in the log
  // The connection survives a handler failure.
  EXPECT_EQ(client.send(get("/small")).body(), "hello");
}

TEST(HttpServer, StopReturnsFromRunEvenWithAnIdleConnection) {
  auto server = std::make_unique<RunningServer>();
  Client client(server->port());
  EXPECT_EQ(client.send(get("/small")).body(), "hello");
  const auto started = std::chrono::steady_clock::now();
  auto stopped = std::async(std::launch::async, [&] { server->stop_and_join(); });
  ASSERT_EQ(stopped.wait_for(10s), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);  // idle connections are not waited for
}

TEST(HttpServer, SigtermMakesRunReturn) {
  RunningServer server;
  // A served request proves run() is past installing its signal_set.
  EXPECT_EQ(Client(server.port()).send(get("/small")).body(), "hello");
  std::raise(SIGTERM);
  auto joined = std::async(std::launch::async, [&] { server.stop_and_join(); });
  ASSERT_EQ(joined.wait_for(10s), std::future_status::ready);
}

TEST(HttpServer, StopLetsAnInFlightRequestFinish) {
  RunningServer server;
  Client client(server.port());
  auto response = std::async(std::launch::async, [&] { return client.send(get("/slow")); });
  while (!server.slow_started) std::this_thread::sleep_for(1ms);
  server.stop_and_join();
  ASSERT_EQ(response.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(response.get().body(), "done");
}

TEST(HttpServer, ConstructorNamesAddressWhenPortIsTaken) {
  RunningServer first;
  ServerOptions options = RunningServer::options();
  options.port = first.port();
  try {
    Server second(options, inline_handler([](const Request&) { return Response{}; }));
    FAIL() << "expected the second bind to fail";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << e.what();
  }
}

TEST(Server, UrlTokensNeverReachTheLog) {
  auto stream = std::make_shared<std::ostringstream>();
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream)));
  {
    RunningServer server;
    Client client(server.port());
    EXPECT_EQ(client.send(get("/small?x=1&token=SECRET.123.sig&stoken=keep")).result_int(), 404);
    EXPECT_EQ(client.send(get("/small?token=OTHER")).result_int(), 404);
    // An anonymous caller's job token is one too.
    EXPECT_EQ(client.send(get("/small?f=json&job_token=JOBSECRET&x_job_token=keep")).result_int(), 404);
    server.stop_and_join();
  }
  spdlog::set_default_logger(previous);
  const std::string log = stream->str();
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_EQ(log.find("OTHER"), std::string::npos) << log;
  EXPECT_NE(log.find("/small?x=1&token=***&stoken=keep"), std::string::npos) << log;
  EXPECT_NE(log.find("/small?f=json&job_token=***&x_job_token=keep"), std::string::npos) << log;
}

}  // namespace
}  // namespace onemap::http
