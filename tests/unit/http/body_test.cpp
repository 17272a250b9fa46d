// Answers that are not plain strings, and answers given later from another thread: shared
// buffers, files, streamed chunks (gzipped on the fly), and work that stops when its client
// leaves.
#include "gunzip.h"
#include "http/server.h"
#include "util/job_control.h"
#include "util/worker_pool.h"

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

namespace onemap::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
using ClientResponse = beast_http::response<beast_http::string_body>;

class RunningServer {
 public:
  explicit RunningServer(Handler handler)
      : server_({.bind_address = "127.0.0.1", .port = 0, .threads = 1, .request_timeout = 5s}, std::move(handler)),
        thread_([this] { server_.run(); }) {}
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_.port(); }

 private:
  Server server_;
  std::thread thread_;
};

ClientResponse fetch(std::uint16_t port, const std::string& target, bool gzip = false) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), port});
  Request req{beast_http::verb::get, target, 11};
  req.set(beast_http::field::host, "127.0.0.1");
  if (gzip) req.set(beast_http::field::accept_encoding, "gzip");
  beast_http::write(socket, req);
  boost::beast::flat_buffer buffer;
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(boost::none);
  beast_http::read(socket, buffer, parser);
  return parser.release();
}

Response ok(Payload body, std::string type = "text/plain") {
  Response res{beast_http::status::ok, 11};
  res.set(beast_http::field::content_type, type);
  res.body() = std::move(body);
  return res;
}

// 2,000 numbered lines, 10 per chunk.
Payload counting_stream() {
  auto next = std::make_shared<int>(0);
  return Payload::stream([next](std::string& out) {
    for (int i = 0; i < 10 && *next < 2000; ++i) out += "line " + std::to_string((*next)++) + "\n";
    return *next < 2000;
  });
}

std::string counting_text() {
  std::string s;
  for (int i = 0; i < 2000; ++i) s += "line " + std::to_string(i) + "\n";
  return s;
}

TEST(HttpBody, StreamIsSentChunkedAndWhole) {
  RunningServer server(inline_handler([](const Request&) { return ok(counting_stream()); }));
  ClientResponse res = fetch(server.port(), "/");
  EXPECT_TRUE(res.chunked());
  EXPECT_EQ(res[beast_http::field::content_length], "");
  EXPECT_EQ(res.body(), counting_text());
}

TEST(HttpBody, StreamIsGzippedOnTheFlyWhenAsked) {
  RunningServer server(inline_handler([](const Request&) { return ok(counting_stream()); }));
  ClientResponse res = fetch(server.port(), "/", true);
  EXPECT_EQ(res[beast_http::field::content_encoding], "gzip");
  EXPECT_LT(res.body().size(), counting_text().size() / 3);
  EXPECT_EQ(onemap::testing::gunzip(res.body()), counting_text());
}

TEST(HttpBody, SharedBufferIsSentWithItsLength) {
  auto bytes = std::make_shared<const std::string>(std::string(100000, 'x'));
  RunningServer server(inline_handler([bytes](const Request&) { return ok(Payload::shared(bytes), "image/png"); }));
  ClientResponse res = fetch(server.port(), "/");
  EXPECT_EQ(res[beast_http::field::content_length], "100000");
  EXPECT_EQ(res.body(), *bytes);
}

TEST(HttpBody, TemporaryFileIsSentThenRemoved) {
  const auto path = std::filesystem::temp_directory_path() / ("onemap-body-test-" + std::to_string(::getpid()));
  std::string content;
  for (int i = 0; i < 50000; ++i) content += static_cast<char>('a' + i % 26);
  std::ofstream(path, std::ios::binary) << content;
  RunningServer server(inline_handler([path](const Request&) {
    return ok(Payload::file(std::make_shared<const BodyFile>(path, true)), "application/zip");
  }));
  ClientResponse res = fetch(server.port(), "/");
  EXPECT_EQ(res[beast_http::field::content_length], std::to_string(content.size()));
  EXPECT_EQ(res.body(), content);
  for (int i = 0; i < 100 && std::filesystem::exists(path); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(HttpBody, AnswerFromAWorkerThreadReachesTheClient) {
  util::WorkerPool pool(1, 4);
  RunningServer server([&pool](Exchange exchange) {
    ASSERT_TRUE(pool.try_submit([exchange] {
      std::this_thread::sleep_for(50ms);
      exchange.respond(ok(std::string("from a worker")), "test.worker");
    }));
  });
  EXPECT_EQ(fetch(server.port(), "/").body(), "from a worker");
}

TEST(HttpBody, ClientThatLeavesStopsItsJobAndFreesTheWorker) {
  util::WorkerPool pool(1, 4);
  std::promise<util::StopReason> ended;
  RunningServer server([&](Exchange exchange) {
    ASSERT_TRUE(pool.try_submit([&ended, exchange] {
      util::JobControl job(exchange.client_gone, std::nullopt);
      util::JobScope scope(&job);
      const auto give_up = std::chrono::steady_clock::now() + 20s;
      try {
        while (std::chrono::steady_clock::now() < give_up) {
          util::checkpoint();
          std::this_thread::sleep_for(1ms);
        }
        ended.set_value(util::StopReason::None);
      } catch (const util::Stopped& s) {
        ended.set_value(s.reason());
      }
      exchange.respond(ok(std::string("too late")), "test.long");
    }));
  });
  {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({net::ip::make_address("127.0.0.1"), server.port()});
    Request req{beast_http::verb::get, "/long", 11};
    req.set(beast_http::field::host, "127.0.0.1");
    beast_http::write(socket, req);
    std::this_thread::sleep_for(100ms);
  }  // the client hangs up mid-job
  auto f = ended.get_future();
  ASSERT_EQ(f.wait_for(3s), std::future_status::ready) << "the job did not learn that its client left";
  EXPECT_EQ(f.get(), util::StopReason::ClientGone);
  for (int i = 0; i < 100 && pool.stats().running > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(pool.stats().running, 0u);
}

}  // namespace
}  // namespace onemap::http
