#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with AddressSanitizer and UndefinedBehaviorSanitizer) in
# build-asan/ and runs each on a seed corpus made from the shipped files.
#   fuzz/run.sh                 each target for FUZZ_SECONDS (default 60) seconds: the CI stage
#   FUZZ_RUNS=1000000 fuzz/run.sh [target...]   each target for a number of executions instead
# Targets: scenario observations network calibration_config. Findings (crash-*, leak-*,
# timeout-*) land in build-asan/fuzz/findings/<target>/ and fail the script. Prints libFuzzer's
# final statistics (executions per second, coverage) per target.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scenario observations network calibration_config)
# The ASan build of .ci/sanitizers.sh (configured by .ci/configure-sanitized.sh, with libFuzzer's
# coverage instrumentation): the CI stages compile the sources once for the tests and the targets.
build=build-asan
.ci/configure-sanitized.sh "$build" asan
cmake --build "$build" -j "$JOBS" --target $(printf 'fuzz_%s ' "${targets[@]}")

# Seed corpora from the shipped files and the bad-input corpus.
seeds() {
  case "$1" in
    scenario) ls scenarios/*.toml calibration/examples/*_scenario.toml tests/bad_inputs/scenario/*.toml ;;
    observations) ls calibration/examples/*.csv tests/bad_inputs/data/*.csv ;;
    network) ls fuzz/seeds/network/* ;;
    calibration_config) ls calibration/examples/*.toml ;;
  esac
}
status=0
for t in "${targets[@]}"; do
  corpus=$build/fuzz/corpus/$t findings=$build/fuzz/findings/$t log=$build/fuzz/fuzz_$t.log
  mkdir -p "$corpus" "$findings"
  seeds "$t" | while read -r f; do cp "$f" "$corpus/"; done
  if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="${FUZZ_SECONDS:-60}"); fi
  echo "fuzz: $t (${limit[*]})" >&2
  start=$(date +%s)
  # detect_leaks=0: the engine's thread-local caches are released at exit; leaks are the ASan test stage's job.
  if ! ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "$build"/fuzz_"$t" "${limit[@]}" -max_len=65536 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
      -artifact_prefix="$findings/" "$corpus" > "$log" 2>&1; then
    status=1
    tail -40 "$log" >&2
  fi
  grep -E "^(#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)" "$log" | tail -6 >&2
  grep -E "cov: [0-9]+" -o "$log" | tail -1 | sed "s/^/fuzz: $t final /" >&2
  echo "fuzz: $t took $(( $(date +%s) - start )) s" >&2
done
exit $status
