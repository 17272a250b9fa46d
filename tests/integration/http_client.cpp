#include "http_client.h"

#include <boost/beast/core/flat_buffer.hpp>

namespace onemap::testing {
namespace http = boost::beast::http;

HttpClient::HttpClient(unsigned short port) : stream_(io_) {
  stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
}

TestResponse HttpClient::get(const std::string& target, const std::map<std::string, std::string>& headers) {
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  http::write(stream_, req);
  return read_response();
}

TestResponse HttpClient::read_response() {
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(512 * 1024 * 1024);
  http::read(stream_, buffer, parser);
  return parser.release();
}

TestResponse HttpClient::post(const std::string& target, const std::string& json_body) {
  http::request<http::string_body> req{http::verb::post, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = json_body;
  req.prepare_payload();
  http::write(stream_, req);
  return read_response();
}

TestResponse http_post(unsigned short port, const std::string& target, const std::string& json_body) {
  HttpClient client(port);
  return client.post(target, json_body);
}

TestResponse http_get(unsigned short port, const std::string& target,
                      const std::map<std::string, std::string>& headers) {
  HttpClient client(port);
  return client.get(target, headers);
}

}  // namespace onemap::testing
