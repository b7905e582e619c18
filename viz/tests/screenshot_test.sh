#!/usr/bin/env bash
# Runs the screenshot mode under Xvfb (no display needed) and checks the picture shows curves.
set -euo pipefail
viz=$1; check=$2; scenario=$3; png=$4
if ! command -v xvfb-run >/dev/null; then
  echo "FAIL: xvfb-run not found; install xvfb and xauth (tools/install-deps.sh) to run the live lab headless" >&2
  exit 1
fi
rm -f "$png"
xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" "$scenario" --screenshot "$png" --week 52
exec "$check" "$png"
