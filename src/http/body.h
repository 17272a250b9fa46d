#pragma once
// The body of a response, in whichever form its bytes already exist, so serving copies
// nothing it need not: text the handler made, a buffer shared with a cache (tiles and their
// gzip variants), a file (static assets, exports written to a temporary file), or a stream of
// chunks made as the socket takes them (large results, sent with chunked encoding).
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace onemap::http {

// Appends the next piece of a streamed body to `out`; returns false once there is no more
// (the last call may still append). Called on the connection's thread, a piece at a time.
using ChunkSource = std::function<bool(std::string& out)>;

// An open file to send whole; closed (and removed, for temporary files) with the last owner.
class BodyFile {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened.
  explicit BodyFile(const std::filesystem::path& path, bool remove_when_done = false);
  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  bool remove_ = false;
};

class Payload {
 public:
  enum class Kind { Text, Shared, File, Stream };

  Payload() = default;
  Payload(std::string text) : text_(std::move(text)) {}  // NOLINT: as plain as a string
  Payload(const char* text) : text_(text) {}             // NOLINT
  Payload& operator=(std::string text) { return *this = Payload(std::move(text)); }
  Payload& operator=(const char* text) { return *this = Payload(text); }

  static Payload shared(std::shared_ptr<const std::string> bytes);
  static Payload file(std::shared_ptr<const BodyFile> file);
  static Payload stream(ChunkSource next);

  Kind kind() const { return kind_; }
  // The bytes of a Text or Shared body; throws std::logic_error for a File or a Stream.
  std::string_view text() const;
  // Bytes to send, when known before sending (not for a Stream).
  std::optional<std::uint64_t> size() const;
  bool empty() const { return size() == std::uint64_t{0}; }
  // Memory the body holds of its own until it is sent: a Text's buffer. A Shared body is a
  // cache's, a File is read 64 KB at a time, a Stream makes a piece at a time: 0.
  std::uint64_t held_bytes() const { return kind_ == Kind::Text ? text_.capacity() : 0; }
  // Frees what the body holds (assigning an empty string would keep the old buffer).
  void clear() {
    Payload empty;
    std::swap(*this, empty);
  }
  // Everything the body holds, reading a file or draining a stream (for tests and for
  // wrapping a result in a document); a stream can be read once.
  std::string read_all() const;

  const std::shared_ptr<const BodyFile>& file_handle() const { return file_; }
  ChunkSource& source() { return stream_; }

  // The response byte budget of a Stream (0: none): once the chunks sent pass it, the write
  // fails with over_budget() and the body is cut short (the connection then closes). Bodies of
  // known size are weighed against the budget before anything is sent (http/session.cpp).
  void stop_after(std::uint64_t bytes) { budget_ = bytes; }
  std::uint64_t budget() const { return budget_; }
  static boost::beast::error_code over_budget();

  friend bool operator==(const Payload& a, std::string_view b) { return a.text() == b; }

 private:
  Kind kind_ = Kind::Text;
  std::string text_;
  std::shared_ptr<const std::string> shared_;
  std::shared_ptr<const BodyFile> file_;
  ChunkSource stream_;  // a callable's state is its own: calling it through const is fine
  std::uint64_t budget_ = 0;
};

// A Beast Body over Payload: only written (responses), never parsed.
struct Body {
  using value_type = Payload;

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(boost::beast::http::header<isRequest, Fields>& /*header*/, value_type& body) : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }
    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec);

   private:
    value_type& body_;
    bool sent_whole_ = false;  // Text/Shared: the one buffer went out
    std::uint64_t file_offset_ = 0;
    // Made for file bodies only, and not zeroed: Beast makes a writer per response, and a
    // zeroed 64 KB array in every one cost cached tiles an eighth of their rate.
    std::unique_ptr<char[]> file_buffer_;
    std::string chunk_;
    bool stream_done_ = false;
    std::uint64_t streamed_ = 0;  // bytes of a Stream handed out so far
  };
};

}  // namespace onemap::http
