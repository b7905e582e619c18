#!/usr/bin/env bash
# Issue 8's fit targets (calibration/README.md, "Fit targets"): the full model with the Bass
# nesting (staged hazards at zero, direct adoption on) fitted to the shared diffusion data, the
# whole population and each village by itself, next to the closed-form Bass curve (m <= n).
# Prints one row per fit: RMSE of the cumulative adopter counts (people) of the model's
# predictive mean (fresh simulations, not the fit's own) and of the closed-form Bass curve, the
# observations inside the simulated 90 % band, the fit's wall time; then the totals and the load.
#
# Each fit is a Nelder-Mead point estimate (calibration/examples/*_nested_point.toml): started at
# the Bass-equivalent point (start = "bass"), minimising the RMSE in people (distance kind
# count_rmse) over common-random-number replicates. A village is fitted by itself: its scenario
# is the data set's nested scenario restricted to the village ([network] groups = ["V"]), so the
# population share of the imitation term is the village's. Set-ups are written to a temporary
# folder; results (HDF5, CSV, PNG) go to outputs/fit-targets/.
#
# Run from the repository root, with ../shared/data beside it:
#   bash tools/fit-targets.sh [BUILD] [DATA ...]     e.g.  bash tools/fit-targets.sh build brfarmers
# Environment: THREADS (default 2); VILLAGE_REPLICATES (default 128), VILLAGE_EVALUATIONS (default
# 60) and VILLAGE_DRAWS (simulations behind a village's predictive mean, default 1000);
# VILLAGES=0 skips the villages; WHOLE=0 (or WHOLE="kfamily": only those data sets) reads the other
# whole-population fits' logs in outputs/fit-targets/ from an earlier run instead of fitting again.
# Long: about 35 minutes for both data sets on two cores shared at load average 10 (figures in
# calibration/README.md, "Fit targets"); not a test.
set -euo pipefail
build=${1:-build}
shift || true
datasets=("$@")
[ ${#datasets[@]} -eq 0 ] && datasets=(kfamily brfarmers)
threads=${THREADS:-2}
village_replicates=${VILLAGE_REPLICATES:-128}
village_evaluations=${VILLAGE_EVALUATIONS:-60}
village_draws=${VILLAGE_DRAWS:-1000}
out=outputs/fit-targets
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summary="$tmp/summary.txt"
: > "$summary"

echo "adoptsim fit targets ($("$build/adoptsim" --version 2>/dev/null | head -1)), $threads threads; $(uptime)"

# Runs one set-up (unless RUN=0: then its log from an earlier run is read); appends
# "data group n model_rmse bass_rmse inside points seconds" to the summary.
fit() {
  local data=$1 group=$2 n=$3 config=$4 log=$5 run=${6:-1}
  if [ "$run" = 1 ]; then
    local start=$(date +%s)
    nice -n 5 "$build/adoptsim" calibrate "$config" -t "$threads" < /dev/null > "$log" 2>&1 || { echo "FAILED: $config (see $log)"; cat "$log"; exit 1; }
    echo "wall time: $(( $(date +%s) - start )) s; $(uptime)" >> "$log"
  fi
  [ -f "$log" ] || { echo "no log $log: run without WHOLE=0 first"; exit 1; }
  if [ "$group" = all ]; then
    awk -v d="$data" -v n="$n" '
      /observations inside the simulated 90% band/ { inside = $1; points = $3 }
      /adoptsim \(point estimate|adoptsim \(posterior/ { for (i = 1; i <= NF; ++i) if ($i ~ /^[0-9.]+$/) { model = $i; break } }
      /closed-form Bass, least squares/ { bass = $5 }
      /^wall time:/ { s = $3 }
      END { print d, "all", n, model, bass, inside, points, s }' "$log" >> "$summary"
  else
    awk -v d="$data" -v g="team:$group" -v n="$n" '
      $1 == g && NF >= 8 { row = d " " substr(g, 6) " " n " " $3 " " $4 " " $6 " " $8 }
      /^wall time:/ { s = $3 }
      END { print row, s }' "$log" >> "$summary"
  fi
  tail -1 "$summary" | awk '{ printf "  %-10s %-8s n %5d  model RMSE %6.1f  Bass RMSE %6.1f  inside %s of %s  %4d s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
}

for data in "${datasets[@]}"; do
  base=calibration/examples/${data}_nested_point.toml
  scenario=calibration/examples/${data}_nested_scenario.toml
  table=../shared/data/${data}_cumulative_adoption.csv
  echo "=== $data: whole population ($base)"
  whole=${WHOLE:-1}
  case " $whole " in *" $data "*) whole=1 ;; " 1 ") ;; *) whole=0 ;; esac
  fit "$data" all "$(awk -F, '$1 == "\"all\"" { print $4; exit }' "$table")" "$base" "$out/${data}_all.log" "$whole"
  [ "$whole" = 1 ] && cp outputs/${data}_nested_point_fit.png "$out/${data}_all_fit.png"
  [ "${VILLAGES:-1}" = 0 ] && continue
  echo "=== $data: village by village (the nested scenario with [network] groups = [\"V\"], $village_replicates replicates per evaluation)"
  # Villages and their sizes, in the table's order.
  awk -F, 'NR > 1 && $1 != "\"all\"" { gsub(/"/, "", $1); if (!($1 in seen)) { seen[$1] = 1; print $1, $4 } }' "$table" |
  while read -r village n; do
    vs="$tmp/${data}_${village}_scenario.toml"
    vc="$tmp/${data}_${village}.toml"
    sed -e "0,/^name = \".*\"/s//name = \"${data}_village_${village}\"/" \
        -e "s/^unknown_ties = .*/&\ngroups = [\"${village}\"]          # this village by itself/" "$scenario" > "$vs"
    sed -e "0,/^name = \".*\"/s//name = \"${data}_village_${village}\"/" \
        -e "s#^scenario = .*#scenario = \"$vs\"#" \
        -e "s/^communities = .*/communities = [\"${village}\"]/" \
        -e "s/^replicates = .*/replicates = ${village_replicates}/" \
        -e "s/^max_evaluations = .*/max_evaluations = ${village_evaluations}/" \
        -e "s/^predictive_draws = .*/predictive_draws = ${village_draws}/" \
        -e "/name = \"adoption.susceptible_share\"/,/^max/ s/^min = .*/min = 0.05/" \
        -e "/name = \"adoption.imitation\"/,/^max/ s/^max = .*/max = 1/" \
        -e "s#^file = \"outputs/.*\"#file = \"$out/${data}_village_${village}_calibration.h5\"#" \
        -e "s#^csv = .*#csv = \"$out/${data}_village_${village}_fit.csv\"#" \
        -e "s#^picture = .*#picture = \"$out/${data}_village_${village}_fit.png\"#" "$base" > "$vc"
    fit "$data" "$village" "$n" "$vc" "$out/${data}_village_${village}.log"
  done
done

echo
echo "Fit targets: RMSE of cumulative adopters (people), the model's predictive mean against the closed-form Bass curve (m <= n)"
awk '
  { key = $1 (($2 == "all") ? " all" : " villages") }
  $2 == "all" { printf "  %-10s whole population (n = %d): model %.1f, Bass %.1f -> %s; %d of %d points inside the 90%% band (%.0f%%); %d s\n",
                $1, $3, $4, $5, ($4 <= $5 ? "met" : "NOT met"), $6, $7, 100 * $6 / $7, $8 }
  $2 != "all" { v[$1]++; w[$1] += ($4 <= $5); in_[$1] += $6; pts[$1] += $7; sec[$1] += $8; sm[$1] += $4; sb[$1] += $5 }
  END { for (d in v) printf "  %-10s %d villages: model <= Bass in %d of %d (mean RMSE model %.2f, Bass %.2f); %d of %d points inside the band (%.1f%%); %d s in all\n",
                            d, v[d], w[d], v[d], sm[d] / v[d], sb[d] / v[d], in_[d], pts[d], 100 * in_[d] / pts[d], sec[d] }' "$summary"
cp "$summary" "$out/summary.txt"
echo "per fit: $out/summary.txt (data group n model_rmse bass_rmse inside points seconds); logs and pictures in $out/"
uptime
