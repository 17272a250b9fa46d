#include "http/request_framing.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

namespace onemap::http {
namespace {

using Fields = std::initializer_list<std::pair<beast_http::field, std::string>>;

beast_http::request_header<> header(Fields fields, unsigned version = 11) {
  beast_http::request_header<> h;
  h.method(beast_http::verb::post);
  h.target("/echo");
  h.version(version);
  for (const auto& [name, value] : fields) h.insert(name, value);
  return h;
}

// The status and code of the problem, or "" when the framing is one the server reads.
std::string verdict(Fields fields, unsigned version = 11) {
  const std::optional<Response> problem = framing_problem(header(fields, version));
  if (!problem) return "";
  EXPECT_FALSE(problem->keep_alive());  // the rest of the stream cannot be trusted
  const std::string body(problem->body().text());
  const std::size_t code = body.find("\"code\": \"") + 9;
  return std::to_string(problem->result_int()) + " " + body.substr(code, body.find('"', code) - code);
}

constexpr auto te = beast_http::field::transfer_encoding;
constexpr auto cl = beast_http::field::content_length;

TEST(RequestFraming, ContentLengthOrChunkedAloneIsRead) {
  EXPECT_EQ(verdict({}), "");
  EXPECT_EQ(verdict({{cl, "5"}}), "");
  EXPECT_EQ(verdict({{te, "chunked"}}), "");
  EXPECT_EQ(verdict({{te, "Chunked"}}), "");
  EXPECT_EQ(verdict({{te, " chunked , "}}), "");  // empty list elements are allowed (RFC 9110 §5.6.1)
}

TEST(RequestFraming, ATransferEncodingNotEndingInChunkedIsRefused) {
  for (const std::string value : {"gzip", "identity", "foo", "chunked, gzip", "chunked;x=1, gzip", "", " , "}) {
    SCOPED_TRACE(value);
    EXPECT_EQ(verdict({{te, value}}), "400 bad_framing");
  }
  EXPECT_EQ(verdict({{te, "chunked, chunked"}}), "400 bad_framing");
  EXPECT_EQ(verdict({{te, "chunked"}, {te, "chunked"}}), "400 bad_framing");
  EXPECT_EQ(verdict({{te, "chunked"}, {te, "gzip"}}), "400 bad_framing");  // lines read as one list
}

TEST(RequestFraming, TransferEncodingBesideContentLengthOrInHttp10IsRefused) {
  EXPECT_EQ(verdict({{te, "gzip"}, {cl, "3"}}), "400 bad_framing");
  EXPECT_EQ(verdict({{te, "chunked"}, {cl, "3"}}), "400 bad_framing");
  EXPECT_EQ(verdict({{te, "chunked"}}, 10), "400 bad_framing");
  EXPECT_EQ(verdict({{cl, "3"}}, 10), "");
}

TEST(RequestFraming, ACodingBeforeChunkedIsNotImplemented) {
  EXPECT_EQ(verdict({{te, "gzip, chunked"}}), "501 unsupported_transfer_coding");
  EXPECT_EQ(verdict({{te, "gzip"}, {te, "chunked"}}), "501 unsupported_transfer_coding");
}

}  // namespace
}  // namespace onemap::http
