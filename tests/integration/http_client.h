#pragma once
// A minimal synchronous HTTP/1.1 client for tests, over one keep-alive connection.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <string>

namespace onemap::testing {

using TestResponse = boost::beast::http::response<boost::beast::http::string_body>;

class HttpClient {
 public:
  explicit HttpClient(unsigned short port);
  TestResponse get(const std::string& target, const std::map<std::string, std::string>& headers = {});
  TestResponse post(const std::string& target, const std::string& json_body);

 private:
  TestResponse read_response();
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
};

// One request on a fresh connection.
TestResponse http_post(unsigned short port, const std::string& target, const std::string& json_body);
TestResponse http_get(unsigned short port, const std::string& target,
                      const std::map<std::string, std::string>& headers = {});

}  // namespace onemap::testing
