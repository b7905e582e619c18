#!/usr/bin/env bash
# Parallel efficiency of the MPI commands on this machine: the same work on 1 and 2 ranks (one
# thread per rank), wall-clock time of each, efficiency = T1 / (2 T2), and what rank 0 received.
#   tools/bench-mpi.sh [BUILD_DIR]        (R=replicates, default 400; REPEAT=runs each, default 3)
# Prints the median of REPEAT runs; the machine is shared, so the load average is printed too.
set -euo pipefail
BUILD=${1:-build}
R=${R:-400}
REPEAT=${REPEAT:-3}
BIN=$(realpath "$BUILD/adoptsim")
SRC=$(cd "$(dirname "$0")/.." && pwd)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ADOPTSIM_FARM_STATS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

measure() {  # ranks, then the command's arguments
  local np=$1; shift
  for _ in $(seq "$REPEAT"); do
    local t0 t1
    t0=$(date +%s.%N)
    mpirun --oversubscribe -np "$np" "$BIN" "$@" -q --threads 1 --out "$work/out.h5" 2> "$work/err" > /dev/null
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
  done | median
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)   replicates: $R"
printf '%-8s %10s %10s %11s  %s\n' command "T1 (s)" "T2 (s)" efficiency "rank 0 received (2 ranks)"
for cmd in run compare; do
  if [ "$cmd" = run ]; then args=(run "$SRC/scenarios/reference.toml" -r "$R")
  else args=(compare "$SRC/scenarios/reference.toml" "$SRC/scenarios/voluntary-training.toml" -r $((R / 2))); fi
  t1=$(measure 1 "${args[@]}")
  t2=$(measure 2 "${args[@]}")
  stats=$(grep -o '[0-9]* units delivered.*' "$work/err" || true)
  printf '%-8s %10.2f %10.2f %10.0f%%  %s\n' "$cmd" "$t1" "$t2" "$(awk -v a="$t1" -v b="$t2" 'BEGIN {print 100 * a / (2 * b)}')" "$stats"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
