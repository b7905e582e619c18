#!/usr/bin/env bash
# A bad scenario file: the loader's file:line:column message and exit code 2, before any window.
set -uo pipefail
viz=$1; dir=$2
bad=$dir/bad-scenario.toml
printf '[scenario]\nname = "bad"\nweeks = "many"\n' > "$bad"
out=$(DISPLAY= "$viz" "$bad" 2>&1); rc=$?
echo "$out"
[ "$rc" -eq 2 ] || { echo "FAIL: exit code $rc, expected 2"; exit 1; }
echo "$out" | grep -q "bad-scenario.toml:3:" || { echo "FAIL: no file:line diagnostic"; exit 1; }
