#!/usr/bin/env bash
# Issue 8's fit targets: the full model (Bass nesting, calibration/examples/*_nested.toml) fitted
# by ABC-SMC to the shared diffusion data, whole population and per village, next to the
# closed-form Bass curve (m <= n). Prints each fit's RMSE table, its coverage and its wall time.
# Run from the repository root, with ../shared/data beside it:  bash tools/fit-targets.sh [BUILD]
# Long: several minutes per fit on two cores. Not a test.
set -euo pipefail
build=${1:-build}
uptime
for config in kfamily_nested brfarmers_nested brfarmers_villages; do
  echo "=== $config"
  start=$(date +%s)
  "$build/adoptsim" calibrate "calibration/examples/$config.toml" | sed -n '/stopped by rule/p;/inside the simulated/p;/RMSE/,/^$/p;/per group/,$p'
  echo "wall time: $(( $(date +%s) - start )) s"
done
uptime
