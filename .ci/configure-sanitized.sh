#!/usr/bin/env bash
# Configures a sanitizer build directory: .ci/configure-sanitized.sh DIR asan|tsan
# asan: AddressSanitizer + UndefinedBehaviorSanitizer, with libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link) so that the fuzz targets (fuzz/run.sh) are built in the same
# directory from the same objects as the ASan test suite: CI compiles the sources once for both.
# -O1 -g without -DNDEBUG: the libraries' own assertions (toml++, Eigen) are checked as well.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
case "$2" in
  asan) flags="-fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link" fuzz=ON ;;
  tsan) flags="-fno-omit-frame-pointer -fsanitize=thread" fuzz=OFF ;;
  *) echo "configure-sanitized: asan or tsan, not $2" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_COMPILER=clang++ \
  -DADOPTSIM_VIZ=OFF -DADOPTSIM_MPI=OFF -DADOPTSIM_FUZZ=$fuzz -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  > "/tmp/adoptsim-$dir.configure.log" 2>&1 || { cat "/tmp/adoptsim-$dir.configure.log"; exit 1; }
