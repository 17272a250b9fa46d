#include "jobs/result_store.h"

#include "util/job_control.h"
#include "util/process_dir.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace onemap::jobs {
namespace fs = std::filesystem;

namespace {

// FNV-1a, 64 bits: enough to tell two results apart in an ETag.
struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  }
};

}  // namespace

ResultStore::ResultStore(const fs::path& parent) : dir_(util::make_process_dir(parent, "onemap-jobs-")) {}

ResultStore::~ResultStore() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) spdlog::warn("cannot remove the jobs directory {}: {}", dir_.string(), ec.message());
}

JobResult ResultStore::write(const std::string& job_id, http::Payload& body) const {
  JobResult out;
  out.file = dir_ / (job_id + ".result");
  const fs::path part = dir_ / (job_id + ".part");
  Fnv hash;
  {
    std::ofstream file(part, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write " + part.string());
    auto put = [&](std::string_view bytes) {
      file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      hash.add(bytes);
      out.bytes += bytes.size();
    };
    try {
      // The owner's alone before a byte is written (a result may hold restricted layers' data).
      std::error_code mode;
      fs::permissions(part, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, mode);
      if (mode) throw std::runtime_error("cannot restrict " + part.string() + ": " + mode.message());
      if (body.kind() == http::Payload::Kind::Stream) {
        std::string chunk;
        bool more = true;
        while (more) {
          util::checkpoint();
          chunk.clear();
          more = body.source() && body.source()(chunk);
          put(chunk);
        }
      } else if (body.kind() == http::Payload::Kind::File) {
        put(body.read_all());
      } else {
        put(body.text());
      }
      file.flush();
      if (!file) throw std::runtime_error("cannot write " + part.string() + " (disk full?)");
    } catch (...) {
      file.close();
      std::error_code ignored;
      fs::remove(part, ignored);
      throw;
    }
  }
  fs::rename(part, out.file);
  char etag[48];
  std::snprintf(etag, sizeof etag, "\"%016llx-%llx\"", static_cast<unsigned long long>(hash.h),
                static_cast<unsigned long long>(out.bytes));
  out.etag = etag;
  return out;
}

void ResultStore::remove(const JobResult& result) {
  std::error_code ignored;
  fs::remove(result.file, ignored);
}

}  // namespace onemap::jobs
