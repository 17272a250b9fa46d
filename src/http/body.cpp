#include "http/body.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace onemap::http {

BodyFile::BodyFile(const std::filesystem::path& path, bool remove_when_done) : path_(path), remove_(remove_when_done) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot stat " + path.string() + ": " + std::strerror(errno));
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
}

BodyFile::~BodyFile() {
  if (fd_ >= 0) ::close(fd_);
  if (remove_) {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
}

Payload Payload::shared(std::shared_ptr<const std::string> bytes) {
  Payload p;
  p.kind_ = Kind::Shared;
  p.shared_ = std::move(bytes);
  return p;
}

Payload Payload::file(std::shared_ptr<const BodyFile> file) {
  Payload p;
  p.kind_ = Kind::File;
  p.file_ = std::move(file);
  return p;
}

Payload Payload::stream(ChunkSource next) {
  Payload p;
  p.kind_ = Kind::Stream;
  p.stream_ = std::move(next);
  return p;
}

boost::beast::error_code Payload::over_budget() {
  return {static_cast<int>(std::errc::file_too_large), boost::system::generic_category()};
}

std::string_view Payload::text() const {
  switch (kind_) {
    case Kind::Text:
      return text_;
    case Kind::Shared:
      return shared_ ? std::string_view(*shared_) : std::string_view();
    default:
      throw std::logic_error("the body is a file or a stream, not text in memory");
  }
}

std::optional<std::uint64_t> Payload::size() const {
  switch (kind_) {
    case Kind::Text:
      return text_.size();
    case Kind::Shared:
      return shared_ ? shared_->size() : 0;
    case Kind::File:
      return file_->size();
    case Kind::Stream:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string Payload::read_all() const {
  switch (kind_) {
    case Kind::Text:
    case Kind::Shared:
      return std::string(text());
    case Kind::File: {
      std::string out(file_->size(), '\0');
      std::uint64_t done = 0;
      while (done < out.size()) {
        ssize_t n = ::pread(file_->fd(), out.data() + done, out.size() - done, static_cast<off_t>(done));
        if (n <= 0) throw std::runtime_error("cannot read " + file_->path().string());
        done += static_cast<std::uint64_t>(n);
      }
      return out;
    }
    case Kind::Stream: {
      std::string out;
      while (stream_ && stream_(out)) {
      }
      return out;
    }
  }
  return {};
}

boost::optional<std::pair<Body::writer::const_buffers_type, bool>> Body::writer::get(boost::beast::error_code& ec) {
  ec = {};
  switch (body_.kind()) {
    case Payload::Kind::Text:
    case Payload::Kind::Shared: {
      if (sent_whole_) return boost::none;
      sent_whole_ = true;
      std::string_view bytes = body_.text();
      if (bytes.empty()) return boost::none;
      return {{boost::asio::const_buffer(bytes.data(), bytes.size()), false}};
    }
    case Payload::Kind::File: {
      const BodyFile& file = *body_.file_handle();
      if (file_offset_ >= file.size()) return boost::none;
      constexpr std::size_t kFileChunk = 64 * 1024;
      if (!file_buffer_) file_buffer_.reset(new char[kFileChunk]);  // uninitialised on purpose
      const std::uint64_t want = std::min<std::uint64_t>(kFileChunk, file.size() - file_offset_);
      ssize_t n = ::pread(file.fd(), file_buffer_.get(), want, static_cast<off_t>(file_offset_));
      if (n <= 0) {
        ec = n < 0 ? boost::beast::error_code(errno, boost::system::system_category())
                   : boost::beast::error_code(boost::system::errc::io_error, boost::system::system_category());
        return boost::none;
      }
      file_offset_ += static_cast<std::uint64_t>(n);
      return {{boost::asio::const_buffer(file_buffer_.get(), static_cast<std::size_t>(n)), file_offset_ < file.size()}};
    }
    case Payload::Kind::Stream: {
      chunk_.clear();
      try {
        // Skip empty pieces: a zero-length chunk would end a chunked body early.
        while (!stream_done_ && chunk_.empty()) stream_done_ = !body_.source()(chunk_);
      } catch (const std::exception& e) {
        spdlog::error("streamed body failed: {}", e.what());
        // Headers are out already: all that is left is to cut the body short, which a
        // chunked reader sees as a truncated response.
        ec = boost::beast::error_code(boost::system::errc::io_error, boost::system::system_category());
        return boost::none;
      }
      if (chunk_.empty()) return boost::none;
      streamed_ += chunk_.size();
      if (body_.budget() > 0 && streamed_ > body_.budget()) {
        ec = Payload::over_budget();
        return boost::none;
      }
      return {{boost::asio::const_buffer(chunk_.data(), chunk_.size()), !stream_done_}};
    }
  }
  return boost::none;
}

}  // namespace onemap::http
