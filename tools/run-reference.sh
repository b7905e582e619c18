#!/usr/bin/env bash
# `make run`: the live window when there is a display and the viewer was built, else the terminal run.
set -euo pipefail
build=$1; scenario=$2
if [ -n "${DISPLAY:-}" ] && [ -x "$build/adoptsim-viz" ] && [ -z "${ADOPTSIM_NO_WINDOW:-}" ]; then
  exec "$build/adoptsim-viz" "$scenario"
fi
exec "$build/adoptsim" run "$scenario" --csv outputs/csv
