#pragma once
// What the fuzz targets read: the small city of the unit tests (tests/support/domain_city.h:
// every layer of the domain schema and the repository's rules.yaml) loaded once, with the label
// fonts and a web map folder, behind an Api without a worker pool (every route answers on the
// calling thread). Loaded on first use, in LLVMFuzzerInitialize, and kept for the whole run.
#include "api/request_context.h"
#include "api/router.h"
#include "store/snapshot.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace onemap::fuzz {

// Text no response may ever carry: it is written into files the web map must not serve (a
// hidden file in web/, a file beside web/).
inline constexpr std::string_view kSecret = "FUZZ-SECRET-7f3a";

struct City {
  std::shared_ptr<const store::Snapshot> snapshot;
  std::unique_ptr<store::SnapshotHolder> holder;
  std::unique_ptr<api::Api> api;
};

const City& city();

// Calls `use` with a RequestContext of a GET `target` on the city, as a route handler gets it.
void with_context(const std::string& target, const std::function<void(const api::RequestContext&)>& use);

// Stops the run as a crash (libFuzzer keeps the input), saying why.
[[noreturn]] void fail(const std::string& why);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace onemap::fuzz

// libFuzzer's start-up hook: loads the city before the first input, so no input pays for it.
#define ONEMAP_FUZZ_LOAD_CITY_FIRST                    \
  extern "C" int LLVMFuzzerInitialize(int*, char***) { \
    onemap::fuzz::city();                              \
    return 0;                                          \
  }
