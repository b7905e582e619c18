#!/usr/bin/env bash
# Parallel efficiency of the MPI commands on this machine: the same work on 1 and 2 ranks (one
# thread per rank), wall-clock time of each, efficiency = T1 / (2 T2), and for run and compare what
# rank 0 received. Every long command: run, compare, calibrate (ABC-SMC), sensitivity (Sobol),
# optimise and groups, each sized to take some seconds on one core.
#   tools/bench-mpi.sh [BUILD_DIR]        (R=replicates of run, default 400; REPEAT=runs each, default 3;
#                                          COMMANDS="run compare calibrate sensitivity optimise groups")
# Prints the median of REPEAT runs; the machine is shared, so the load average is printed too.
set -euo pipefail
BUILD=${1:-build}
R=${R:-400}
REPEAT=${REPEAT:-3}
COMMANDS=${COMMANDS:-run compare calibrate sensitivity optimise groups}
BIN=$(realpath "$BUILD/adoptsim")
SRC=$(cd "$(dirname "$0")/.." && pwd)
REF=$SRC/scenarios/reference.toml
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ADOPTSIM_FARM_STATS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# A small ABC-SMC fit of the synthetic survey (calibration/examples/synthetic.toml's data and
# parameters), its outputs in the scratch folder.
cat > "$work/calibration.toml" <<EOF
[calibration]
scenario = "$REF"
seed = 7
replicates = 2
algorithm = "abc_smc"
predictive_draws = 20
[data]
file = "$SRC/calibration/examples/synthetic_data.csv"
[[parameter]]
name = "stage.apply_rate"
prior = "uniform"
min = 0.02
max = 0.4
[[parameter]]
name = "basic_training.learning_rate"
prior = "uniform"
min = 0.05
max = 0.8
[abc_smc]
particles = 100
generations = 3
[output]
csv = "$work/fit.csv"
picture = "$work/fit.png"
EOF

args_of() {  # the command's arguments, without --out/--save and threads
  case "$1" in
    run) echo "run $REF -r $R" ;;
    compare) echo "compare $REF $SRC/scenarios/voluntary-training.toml -r $((R / 2))" ;;
    calibrate) echo "calibrate $work/calibration.toml" ;;
    sensitivity) echo "sensitivity $REF --method sobol --param stage.apply_rate --param skill.decay --samples 64 --replicates 2" ;;
    optimise) echo "optimise $REF --goal 50%@52 --confidence 0.6 --budget 900000 -r 16 --screen 16 --knob training_sessions=6,8 --knob training_spacing=5 --knob intervision_every=8,13 --knob intervision_group_size=8 --knob actor_sessions=0 --knob coaching_capacity=0,4 --knob refresher_every=13 --knob masterclasses_first=1 --knob mandatory=1" ;;
    groups) echo "groups $REF --activity intervision --size 8 --evaluations 40 --search-replicates 4 -r 16" ;;
  esac
}
outputs_of() {
  case "$1" in
    groups) echo "--save $work/groups.toml" ;;
    optimise) echo "--out $work/out.h5 --save $work/winner.toml" ;;
    *) echo "--out $work/out.h5" ;;
  esac
}

quiet_of() { [ "$1" = calibrate ] || echo -q; }  # calibrate prints its generations (to /dev/null here)

measure() {  # ranks, command
  local np=$1 cmd=$2
  for _ in $(seq "$REPEAT"); do
    local t0 t1
    t0=$(date +%s.%N)
    # shellcheck disable=SC2046
    mpirun --oversubscribe -np "$np" "$BIN" $(args_of "$cmd") $(quiet_of "$cmd") --threads 1 $(outputs_of "$cmd") 2> "$work/err" > /dev/null ||
      { echo "bench-mpi: $cmd on $np ranks failed:" >&2; cat "$work/err" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
  done | median
}

echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); replicates of run: $R; median of $REPEAT"
printf '%-12s %10s %10s %11s  %s\n' command "T1 (s)" "T2 (s)" efficiency "rank 0 received (2 ranks)"
for cmd in $COMMANDS; do
  t1=$(measure 1 "$cmd")
  t2=$(measure 2 "$cmd")
  # One line per farmed batch (a generation's proposals, a design, a race stage): summed.
  stats=$(grep -o '[0-9]* units delivered, [0-9]* bytes received from other ranks in [0-9]* messages' "$work/err" |
    awk '{u += $1; b += $4; m += $11; n++} END {if (n) printf "%d batch%s: %d units, %d bytes in %d messages", n, (n > 1 ? "es" : ""), u, b, m}')
  printf '%-12s %10.2f %10.2f %10.0f%%  %s\n' "$cmd" "$t1" "$t2" "$(awk -v a="$t1" -v b="$t2" 'BEGIN {print 100 * a / (2 * b)}')" "$stats"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
