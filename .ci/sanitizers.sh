#!/usr/bin/env bash
# CI stage: the test suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang), and the
# multi-threaded tests (determinism, thread-count independence) under ThreadSanitizer.
# Builds only what the tests need (no live window). Usage: .ci/sanitizers.sh [asan|tsan]...
# Build directories: build-asan, build-tsan (next to build/). Prints each stage's time.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(asan tsan)

# -O1 -g without -DNDEBUG: the libraries' own assertions (toml++, Eigen) are checked as well.
configure() {  # dir flags
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_COMPILER=clang++ -DADOPTSIM_VIZ=OFF -DCMAKE_CXX_FLAGS="$2" -DCMAKE_EXE_LINKER_FLAGS="$2" > "/tmp/adoptsim-$1.configure.log" 2>&1 || { cat "/tmp/adoptsim-$1.configure.log"; exit 1; }
}

for stage in "${stages[@]}"; do
  start=$(date +%s)
  case "$stage" in
    asan)
      # Every test. halt_on_error: the first report fails the test; leaks are reported too.
      configure build-asan "-fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
      cmake --build build-asan -j "$JOBS" --target adoptsim_tests
      (cd build-asan && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$JOBS" --timeout 900)
      ;;
    tsan)
      # The tests that run work on several threads: determinism across thread counts, the
      # ensemble, calibration, optimiser and group search on 1 and 2 threads.
      configure build-tsan "-fno-omit-frame-pointer -fsanitize=thread"
      cmake --build build-tsan -j "$JOBS" --target adoptsim_tests
      (cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        ctest --output-on-failure -j "$JOBS" --timeout 900 -R "thread|determinism")
      ;;
    *) echo "unknown stage $stage (asan, tsan)" >&2; exit 2 ;;
  esac
  echo "ci: sanitizer stage $stage took $(( $(date +%s) - start )) s" >&2
done
