#pragma once
// Where exports are written, and how many at once. Each server process writes its exports in
// a fresh directory of its own (onemap-exports-{pid}-XXXXXX under server.jobs_dir, else the
// system temp dir) that goes when the server stops (and, should it be killed, at the next
// start of a server there); each export gets a scratch directory in it for
// whatever GDAL writes beside the file, and the finished file is handed to the response, which
// removes it once sent or when the client leaves.
#include "export/package_cache.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

namespace onemap::exports {

class ExportSpace {
 public:
  // Throws std::runtime_error naming the directory when it cannot be made.
  ExportSpace(const std::filesystem::path& parent, std::size_t max_exports);
  ~ExportSpace();
  ExportSpace(const ExportSpace&) = delete;
  ExportSpace& operator=(const ExportSpace&) = delete;

  // One export's right to write; given back when destroyed.
  class Slot {
   public:
    explicit Slot(std::atomic<std::size_t>& busy) : busy_(&busy) {}
    ~Slot() {
      if (busy_) busy_->fetch_sub(1);
    }
    Slot(Slot&& other) noexcept : busy_(std::exchange(other.busy_, nullptr)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;

   private:
    std::atomic<std::size_t>* busy_;
  };
  // A slot, or nullopt when max_exports exports are being written already.
  std::optional<Slot> try_acquire();

  // An export's files: a scratch directory (removed with this object) and the path of the
  // finished file, removed with this object too unless handed over (to the response body).
  class Scratch {
   public:
    Scratch(const std::filesystem::path& space, std::uint64_t n, std::string_view extension);
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const std::filesystem::path& dir() const { return dir_; }
    const std::filesystem::path& result() const { return result_; }
    void hand_over() { handed_over_ = true; }

   private:
    std::filesystem::path dir_, result_;
    bool handed_over_ = false;
  };
  // Scratch space for one export whose result ends in `extension` ("gpkg", "shp.zip").
  Scratch scratch(std::string_view extension);

  const std::filesystem::path& dir() const { return dir_; }
  std::size_t max_exports() const { return max_; }
  std::size_t busy() const { return busy_.load(); }

  // Township packages kept for their next request (files in dir()).
  PackageCache& packages() { return packages_; }

 private:
  std::filesystem::path dir_;
  std::size_t max_;
  std::atomic<std::size_t> busy_{0};
  std::atomic<std::uint64_t> next_{0};
  static constexpr std::size_t kPackagesKept = 4;
  PackageCache packages_{kPackagesKept};
};

}  // namespace onemap::exports
