#!/usr/bin/env bash
# The Groups panel under Xvfb: the screenshot mode shows the groups of an activity of the roster
# scenario and evaluates them; an edit (a move) followed by Evaluate changes the shown
# difference. Run from the source tree: the roster's path is relative to it.
set -euo pipefail
viz=$1; source_dir=$2; out=$3
if ! command -v xvfb-run >/dev/null; then
  echo "FAIL: xvfb-run not found; install xvfb and xauth (tools/install-deps.sh)" >&2
  exit 1
fi
cd "$source_dir"
mkdir -p "$out"
run() { xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" scenarios/roster.toml --band 4 --week 40 --groups intervision --evaluate 12 "$@"; }
plain=$(run --screenshot "$out/groups-plain.png" | grep '^groups evaluate:')
moved=$(run --screenshot "$out/groups-moved.png" --move "Vince van Dijk=2" --move "Eva Jacobs=1" | grep '^groups evaluate:')
echo "without an edit: $plain"
echo "after two moves: $moved"
for png in "$out/groups-plain.png" "$out/groups-moved.png"; do
  [ "$(stat -c %s "$png")" -gt 10000 ] || { echo "FAIL: $png missing or empty" >&2; exit 1; }
done
[ "$plain" != "$moved" ] || { echo "FAIL: the edit did not change the evaluated difference" >&2; exit 1; }
# Propose honours the window's constraints. Without them the proposal seats Vince van Dijk with
# Eva Jacobs (one team) and not with Koen Hendriks; kept apart and kept together, it must not.
propose() { xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" scenarios/roster.toml --band 2 --week 40 --groups intervision --propose "$@"; }
pair="Vince van Dijk,Eva Jacobs"
free=$(propose --screenshot "$out/groups-free.png" | grep '^group [0-9]*:')
together=$(propose --screenshot "$out/groups-together.png" --together "Vince van Dijk,Koen Hendriks" | grep '^group [0-9]*:')
apart=$(propose --screenshot "$out/groups-apart.png" --apart "$pair" | grep '^group [0-9]*:')
echo "free: $(echo "$free" | grep -E 'Vince van Dijk|Koen Hendriks' | tr '\n' ' ')"
echo "kept together: $(echo "$together" | grep 'Vince van Dijk')"
echo "kept apart: $(echo "$apart" | grep -E 'Vince van Dijk|Eva Jacobs' | tr '\n' ' ')"
echo "$together" | grep 'Vince van Dijk' | grep -q 'Koen Hendriks' || { echo "FAIL: 'keep together' not honoured" >&2; exit 1; }
echo "$apart" | grep -q 'Vince van Dijk' && echo "$apart" | grep -q 'Eva Jacobs' || { echo "FAIL: the pair is missing from the proposal" >&2; exit 1; }
if echo "$apart" | grep 'Vince van Dijk' | grep -q 'Eva Jacobs'; then echo "FAIL: 'keep apart' not honoured" >&2; exit 1; fi
set +e
propose --screenshot "$out/groups-bad-apart.png" --apart "Nobody,Eva Jacobs" 2>/dev/null
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: a bad 'keep apart' name exited $code, expected 2" >&2; exit 1; }
# A name that is not in the organisation is refused with exit code 2.
set +e
run --screenshot "$out/groups-bad.png" --move "Nobody=1" 2>/dev/null
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: a bad --move exited $code, expected 2" >&2; exit 1; }
echo ok
