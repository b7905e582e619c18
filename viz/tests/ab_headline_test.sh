#!/usr/bin/env bash
# The live window's headline under Xvfb (issue 11, item 2): with a pinned baseline, the figures
# at the deadline are the ensemble's (mean with its 90 % interval, P(goal)), the live run is
# marked as one possible world, and the A/B difference is the paired ensemble difference. They
# must be the numbers `adoptsim compare` prints for the same replicates (same seed, replicates
# 0..n-1); the budget panel shows the baseline's cost and the difference.
set -euo pipefail
viz=$1; cli=$2; check=$3; source_dir=$4; out=$5
if ! command -v xvfb-run >/dev/null; then
  echo "FAIL: xvfb-run not found; install xvfb and xauth (tools/install-deps.sh)" >&2
  exit 1
fi
cd "$source_dir"
rm -rf "$out"; mkdir -p "$out"
n=24
xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" scenarios/voluntary-training.toml --baseline scenarios/reference.toml \
  --band $n --week 60 --screenshot "$out/ab.png" --export "$out/export" > "$out/headline.txt"
cat "$out/headline.txt"
"$check" "$out/ab.png"
"$cli" compare scenarios/reference.toml scenarios/voluntary-training.toml -r $n -t 2 -q -o "$out/compare.h5" --csv "$out/csv" > /dev/null
row() { grep "^$1,$2," "$out/csv/compare.csv"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# The variant's ensemble figures at the deadline, as compare has them.
IFS=, read -r _ _ mean p05 p95 dmean dp05 dp95 <<< "$(row voluntary-training goal_group_deadline)"
want=$(awk -v n=$n -v a="$mean" -v b="$p05" -v c="$p95" 'BEGIN { printf "ensemble of %d runs: goal group %.1f%% (90%% of runs %.1f%% to %.1f%%)", n, 100*a, 100*b, 100*c }')
grep -qF "$want" "$out/headline.txt" || fail "headline lacks '$want'"
pair=$(awk -v n=$n -v a="$dmean" -v b="$dp05" -v c="$dp95" 'BEGIN { printf "paired over %d runs: goal group %+.1f pp (90%% %+.1f pp to %+.1f pp)", n, 100*a, 100*b, 100*c }')
grep -qF "$pair" "$out/headline.txt" || fail "headline lacks the paired difference '$pair'"
IFS=, read -r _ _ pmean pl ph _ _ _ <<< "$(row voluntary-training goal_probability)"
prob=$(awk -v a="$pmean" -v b="$pl" -v c="$ph" 'BEGIN { printf "P(goal by week 52) %.0f%% (90%% CI %.0f%% to %.0f%%)", 100*a, 100*b, 100*c }')
grep -qF "$prob" "$out/headline.txt" || fail "headline lacks '$prob'"
grep -q '^headline: This run, one possible world' "$out/headline.txt" || fail "the live run is not marked as one possible world"
IFS=, read -r _ _ bcost _ _ _ _ _ <<< "$(row reference total_cost)"
IFS=, read -r _ _ _ _ _ cdiff _ _ <<< "$(row voluntary-training total_cost)"
money() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }; print s out }'; }
grep -qF "baseline: $(money "$bcost") EUR;" "$out/headline.txt" || fail "budget panel lacks the baseline's cost $(money "$bcost")"
d=$(money "${cdiff#-}"); sign=$([ "${cdiff:0:1}" = "-" ] && echo - || echo +)
grep -qF "difference $sign$d (90%" "$out/headline.txt" || fail "budget panel lacks the cost difference $sign$d"
# "Export charts (PNG)": the light picture of the same panels.
png="$out/export/voluntary-training-week60.png"
grep -qF "export: exported $png" "$out/headline.txt" || fail "the charts were not exported"
[ "$(stat -c %s "$png")" -gt 50000 ] || fail "$png is missing or nearly empty"
echo ok
