#include "allocation_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

// The replacements are the program's operator new and delete, so the shared GEOS library's
// allocations come here too. The aligned forms are left to the library: they pair among
// themselves and GEOS does not use them.
namespace {

std::atomic<long long> live{0};

void* counted_malloc(std::size_t size) noexcept {
  void* p = std::malloc(size ? size : 1);
  if (p) ++live;
  return p;
}

void counted_free(void* p) noexcept {
  if (!p) return;
  --live;
  std::free(p);
}

}  // namespace

namespace onemap::testing {
long long live_allocations() { return live.load(); }
}  // namespace onemap::testing

void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
