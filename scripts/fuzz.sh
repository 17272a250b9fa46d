#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan and UBSan) into build-fuzz/ and runs each
# for a bounded time on a copy of its committed seed corpus (fuzz/corpus/<target>/), so no new
# corpus file lands in the repository. Fails if any target crashes, trips a sanitizer, throws,
# or (api_request) answers a 5xx; the input that did it is kept in build-fuzz/findings/<target>/
# and the target's log in build-fuzz/logs/, the grown corpus in build-fuzz/corpus/. See
# docs/FUZZING.md.
#
#   scripts/fuzz.sh [seconds_per_target] [target...]     default: 20 s, every target
#   FUZZ_JOBS=4 scripts/fuzz.sh 3600 api_request          four fuzzing processes at once
#   FUZZ_ARGS="-max_len=65536" scripts/fuzz.sh 600         more libFuzzer flags
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(query_string crs request_params geojson_geometry process_inputs api_request rule_scope)
build="$root/build-fuzz"

# ccache makes the second build cheap, as in build.sh.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$root"
clang="$(command -v clang++ || command -v clang++-14 || true)"
[[ -n "$clang" ]] || { echo "fuzz.sh: clang++ is missing (scripts/install-deps.sh --test installs it)" >&2; exit 1; }
# -O1 with line tables: the usual fuzzing build, quicker to compile than -O2 -g, and asserts on.
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$clang" -DONEMAP_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

# Stack traces with file and line.
for s in llvm-symbolizer llvm-symbolizer-14 /usr/lib/llvm-14/bin/llvm-symbolizer; do
  if command -v "$s" >/dev/null; then export ASAN_SYMBOLIZER_PATH="$(command -v "$s")"; break; fi
done
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# The corpus grows in build-fuzz/corpus/<target>/ (a fresh copy of the seeds each run); the
# targets' temporary files (the city's GeoPackage, downloads, job results) stay in tmp/.
rm -rf "$build/corpus" "$build/findings" "$build/logs" "$build/tmp"
mkdir -p "$build/logs" "$build/tmp"
export TMPDIR="$build/tmp"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/findings/$t"
  cp -r "$root/fuzz/corpus/$t/." "$build/corpus/$t/"
  log="$build/logs/$t.log"
  jobs=()
  [[ -n "${FUZZ_JOBS:-}" ]] && jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  read -r -a extra <<<"${FUZZ_ARGS:-}"
  echo "fuzz.sh: $t for ${seconds} s"
  # -jobs writes a fuzz-N.log per process into the working directory.
  mkdir -p "$build/logs/$t"
  if (cd "$build/logs/$t" && "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 -dict="$root/fuzz/onemap.dict" -artifact_prefix="$build/findings/$t/" \
      "${jobs[@]}" "${extra[@]}" "$build/corpus/$t" >"$log" 2>&1); then
    grep -E "^stat::number_of_executed_units|^#[0-9]+ *DONE" "$log" | tail -1 | sed "s/^/  /" || true
  else
    failed+=("$t")
    echo "fuzz.sh: $t FAILED (log: $log, input: $build/findings/$t/)" >&2
    cat "$log" "$build/logs/$t"/fuzz-*.log 2>/dev/null |
      grep -E "ERROR|SUMMARY|fuzz target failed|terminate|runtime error" | head -20 >&2 || true
  fi
done
rm -rf "$build/tmp"
if ((${#failed[@]})); then
  echo "fuzz.sh: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: every target ran ${seconds} s without a failure"
