#pragma once
// Live heap allocations made through operator new anywhere in the process, GEOS included: the
// test binary that links allocation_counter.cpp replaces the global operator new and delete.
namespace onemap::testing {

long long live_allocations();

}  // namespace onemap::testing
