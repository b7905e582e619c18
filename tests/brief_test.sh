#!/usr/bin/env bash
# The brief to share (--report FILE.html): written by run, compare and optimise, self-contained (nothing
# loaded from outside the file), and rendered by headless Chromium into a picture that shows the
# headline and the charts (checked by check_brief_png).
set -euo pipefail
adoptsim=$1; check=$2; reference=$3; variant=$4; dir=$5
rm -rf "$dir"; mkdir -p "$dir"
"$adoptsim" run "$reference" -r 6 -q --out "$dir/run.h5" --report "$dir/run.html"
"$adoptsim" compare "$reference" "$variant" -r 6 -q --out "$dir/cmp.h5" --report "$dir/cmp.html"
"$adoptsim" optimise "$reference" --goal 50%@52 --confidence 0.6 --budget 900000 -r 8 --screen 4 -t 2 -q \
  --knob training_sessions=6,8 --knob training_spacing=5 --knob intervision_every=8 --knob intervision_group_size=8 --knob actor_sessions=0 \
  --knob coaching_capacity=0,4 --knob refresher_every=13 --knob masterclasses_first=1 --knob mandatory=1 \
  --out "$dir/opt.h5" --save "$dir/opt.toml" --report "$dir/opt.html" > /dev/null
for f in run cmp opt; do
  html="$dir/$f.html"
  # Self-contained: no attribute or rule that fetches anything (scripts, styles, images, fonts, frames, links).
  if grep -Eio '(src|href|action|data|srcset|poster)[[:space:]]*=|url\(|@import|https?:|<script|<link|<iframe|<img|<object|<embed' "$html"; then
    echo "FAIL: $html refers to something outside the file" >&2; exit 1
  fi
  grep -q '<svg' "$html" || { echo "FAIL: $html has no inline chart" >&2; exit 1; }
  grep -q 'P(goal by week 52)' "$html" || { echo "FAIL: $html lacks P(goal)" >&2; exit 1; }
  grep -q 'including the attendees' "$html" || { echo "FAIL: $html lacks the total with staff time" >&2; exit 1; }
done
grep -q 'Paired differences with reference' "$dir/cmp.html" || { echo "FAIL: the compare brief lacks the paired differences" >&2; exit 1; }
grep -q 'The cheapest programme that reaches the goal' "$dir/opt.html" || { echo "FAIL: the optimise brief lacks the winner" >&2; exit 1; }
grep -q 'The winner against the scenario' "$dir/opt.html" || { echo "FAIL: the optimise brief lacks the paired comparison with the own programme" >&2; exit 1; }
grep -q '<th>#</th>' "$dir/opt.html" || { echo "FAIL: the optimise brief's frontier table has no row numbers" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (tools/install-deps.sh installs it); the brief was checked as text only" >&2
  exit 77
fi
for f in run cmp opt; do
  # No network: every host name resolves to nothing, so anything fetched from outside would fail.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --window-size=1200,3200 \
    --host-resolver-rules="MAP * ~NOTFOUND" --screenshot="$dir/$f.png" "file://$dir/$f.html" > "$dir/$f.log" 2>&1 \
    || { cat "$dir/$f.log" >&2; echo "FAIL: chromium could not render $f.html" >&2; exit 1; }
  "$check" "$dir/$f.png" $([ $f = opt ] && echo 300)
done
echo "ok: run, compare and optimise briefs render in $browser"
