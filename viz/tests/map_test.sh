#!/usr/bin/env bash
# The Organisation panel (issue 11, 6): a cell per person for an organisation of hundreds, a team
# x stage heat map for thousands (large.toml: about 5,000 people in 313 teams), not 1-pixel dots.
set -euo pipefail
viz=$1; source_dir=$2; out=$3
mkdir -p "$out"
shot() { xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" "$source_dir/scenarios/$1" --band 0 --week 20 --screenshot "$out/$2"; }
small=$(shot reference.toml map-reference.png | grep '^organisation map:')
large=$(shot large.toml map-large.png | grep '^organisation map:')
echo "reference: $small"; echo "large: $large"
[ "$small" = "organisation map: cells: one per person" ] || { echo "FAIL: reference.toml's 200 people not drawn one cell each" >&2; exit 1; }
[ "$large" = "organisation map: heat map: 313 teams x 5 stages" ] || { echo "FAIL: large.toml not drawn as a team x stage heat map" >&2; exit 1; }
echo ok
