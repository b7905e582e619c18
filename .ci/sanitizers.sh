#!/usr/bin/env bash
# CI stage: the test suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang), and the
# multi-threaded tests (determinism, thread-count independence) under ThreadSanitizer.
# Builds only what the tests need (no live window; without MPI: Open MPI's own allocations would be
# reported as leaks, and the single-process farm in cluster/ is what every run uses). Usage:
# .ci/sanitizers.sh [asan|tsan]...
# Build directories: build-asan (shared with the fuzz targets, fuzz/run.sh), build-tsan. Prints
# each stage's time.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(asan tsan)

for stage in "${stages[@]}"; do
  start=$(date +%s)
  case "$stage" in
    asan)
      # Every test but two (a subset, for CI's time). The suite needs the command line (built with
      # the tests) and the brief's PNG checker. Left out: python_module (loading an ASan-built
      # module into Debian's python3 needs the ASan runtime preloaded into the interpreter;
      # python_xarray_outputs runs, it starts the ASan-built adoptsim), and "synthetic recovery"
      # (a statistical check of ABC-SMC: 805 s of the stage's 987 s under ASan; the same code
      # runs in the other calibration tests). halt_on_error: the first report fails the test;
      # leaks are reported too.
      .ci/configure-sanitized.sh build-asan asan
      cmake --build build-asan -j "$JOBS" --target adoptsim_tests check_brief_png
      (cd build-asan && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$JOBS" --timeout 900 -E '^python_module$|^synthetic recovery')
      ;;
    tsan)
      # The tests that run work on several threads: determinism across thread counts, the
      # ensemble, calibration, optimiser and group search on 1 and 2 threads, a worker's failure.
      .ci/configure-sanitized.sh build-tsan tsan
      cmake --build build-tsan -j "$JOBS" --target adoptsim_tests
      (cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        ctest --output-on-failure -j "$JOBS" --timeout 900 -R "thread|determinism")
      ;;
    *) echo "unknown stage $stage (asan, tsan)" >&2; exit 2 ;;
  esac
  echo "ci: sanitizer stage $stage took $(( $(date +%s) - start )) s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
