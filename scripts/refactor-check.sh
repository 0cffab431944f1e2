#!/usr/bin/env bash
# Runs `nianbao check --format json` (and text) over every fixture and compares with a saved
# copy, so a refactoring can show the output is byte-identical. Usage:
#   scripts/refactor-check.sh save   # write the baseline (target/refactor-baseline)
#   scripts/refactor-check.sh        # compare against it (exit 1 on any difference)
set -u
cd "$(dirname "$0")/.."
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build -q -p nianbao_cli || exit 2
BIN=target/debug/nianbao
MODE=${1:-compare}
OUT=target/refactor-${MODE}
[ "$MODE" = save ] && OUT=target/refactor-baseline
rm -rf "$OUT"; mkdir -p "$OUT"
files=()
while IFS= read -r f; do files+=("$f"); done < <(
  { find tests/fixtures -name '*.txt'; ls tests/fixtures/docs/* tests/fixtures/pdf/*.pdf \
      ../shared/seeds/*.txt ../shared/corpus/real/*.txt 2>/dev/null; } | sort -u)
for f in "${files[@]}"; do
  name=$(echo "$f" | sed 's#^\.\./#up/#; s#/#__#g')
  "$BIN" check --format json "$f" >"$OUT/$name.json" 2>"$OUT/$name.json.err"; echo "rc=$?" >>"$OUT/$name.json"
  "$BIN" check --format text "$f" >"$OUT/$name.text" 2>"$OUT/$name.text.err"; echo "rc=$?" >>"$OUT/$name.text"
done
# Cross-year: each corpus report against the one a year before it, where both exist.
for f in tests/fixtures/corpus/f2021_202*_pingtan-syq.txt; do
  y=$(echo "$f" | sed -E 's/.*_(20[0-9][0-9])_pingtan.*/\1/'); p=tests/fixtures/corpus/f2021_$((y-1))_pingtan-syq.txt
  [ -f "$p" ] || continue
  name=prev__$(basename "$f")
  "$BIN" check --format json --previous "$p" "$f" >"$OUT/$name.json" 2>&1; echo "rc=$?" >>"$OUT/$name.json"
  "$BIN" check --format text --previous "$p" "$f" >"$OUT/$name.text" 2>&1; echo "rc=$?" >>"$OUT/$name.text"
done
# All files at once (JSON Lines with file names).
"$BIN" check --format json -H tests/fixtures ../shared/seeds ../shared/corpus/real >"$OUT/all.jsonl" 2>&1; echo "rc=$?" >>"$OUT/all.jsonl"
echo "${#files[@]} files checked into $OUT"
if [ "$MODE" != save ]; then
  if diff -r -q target/refactor-baseline "$OUT"; then echo "byte-identical: $(ls "$OUT" | wc -l) outputs"; else echo "DIFFERENT"; exit 1; fi
fi
