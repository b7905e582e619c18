#!/usr/bin/env bash
# "Save as scenario" (issue 11, 5b): the window writes a new file named after itself, never over
# an existing file (the base scenario's own included), so that `adoptsim run` on the saved file
# keeps its own results beside the base's.
set -euo pipefail
viz=$1; cli=$2; source_dir=$3; out=$4
rm -rf "$out"; mkdir -p "$out"
cp "$source_dir/scenarios/reference.toml" "$out/reference.toml"
before=$(md5sum < "$out/reference.toml")
fail() { echo "FAIL: $*" >&2; exit 1; }
xvfb-run -a -s "-screen 0 1600x1000x24" "$viz" "$out/reference.toml" --band 0 --week 1 --screenshot "$out/shot.png" \
  --save-as "$out/reference.toml" --save-as "$out/variant.toml" --save-as "$out/variant.toml" > "$out/log.txt"
cat "$out/log.txt"
[ "$(md5sum < "$out/reference.toml")" = "$before" ] || fail "the base scenario's file was overwritten"
for f in reference-2 variant variant-2; do
  [ -f "$out/$f.toml" ] || fail "$out/$f.toml was not written"
  name=$(awk -F'"' '/^name = /{print $2; exit}' "$out/$f.toml")
  [ "$name" = "$f" ] || fail "$f.toml is named '$name', expected '$f'"
  "$cli" validate "$out/$f.toml" > /dev/null || fail "$f.toml does not validate"
done
grep -q "exists: not overwritten" "$out/log.txt" || fail "the window did not say that an existing file was kept"
echo ok
