#!/usr/bin/env bash
# Times, side by side in one run, `treelint check` over N generated trees (default 10,000),
# the floor (a bare pulldown-cmark pass over the same files: `md-floor`, on one core and on
# all cores) and markdownlint-cli2 when it is installed; prints the ratios to the
# single-core floor and the peak memory of each (GNU time's maximum resident set size).
#
#   bench/compare.sh                 # 10,000 trees, best of 3 runs each
#   N=1000 RUNS=5 bench/compare.sh   # other sizes
#   MARKDOWNLINT=0 bench/compare.sh  # skip markdownlint-cli2 even when installed
#
# Environment: N (trees), SEED (corpus seed), RUNS (runs per tool, best kept), CORPUS (where
# the corpus is generated; reused when present), MARKDOWNLINT (0 to skip).
# Targets (issue 8): treelint ≤ 1.5 × the single-core floor, < 1 s, peak memory < 150 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
# The generator version is in the name: a corpus from an older generator is not reused.
CORPUS=${CORPUS:-${TMPDIR:-/tmp}/treelint-corpus-v3-$N-$SEED}
MARKDOWNLINT=${MARKDOWNLINT:-1}

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak memory)…" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -qq time >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq time >/dev/null)) || true
  fi
fi
[ -x /usr/bin/time ] || { echo "bench/compare.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet -p treelint -p treelint_bench --bins --example stream
BIN=target/release
if [ ! -f "$CORPUS/treelint.toml" ]; then
  "$BIN/gen-corpus" "$CORPUS" --files "$N" --seed "$SEED"
fi
# Warm the page cache so that every tool reads from memory.
find "$CORPUS" -name '*.md' -exec cat {} + > /dev/null

TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT

# measure NAME CMD…: best wall time of RUNS runs, and the peak RSS of that run.
declare -A SECS MB
ORDER=()
measure() {
  local name=$1; shift
  local best="" best_kb=0
  for _ in $(seq "$RUNS"); do
    local out
    /usr/bin/time -o "$TIMES" -f "TIME %e %M" "$@" > /dev/null 2>&1 || true
    out=$(grep '^TIME' "$TIMES" | tail -1 || true)
    local s kb
    s=$(echo "$out" | awk '{print $2}')
    kb=$(echo "$out" | awk '{print $3}')
    [ -n "$s" ] || { echo "  $name failed to run" >&2; return; }
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; best_kb=$kb; fi
  done
  SECS[$name]=$best
  MB[$name]=$(awk "BEGIN{printf \"%.0f\", $best_kb/1024}")
  ORDER+=("$name")
}

FILES=$(find "$CORPUS" -name '*.md' | wc -l)
BYTES=$(find "$CORPUS" -name '*.md' -exec cat {} + | wc -c)
echo "corpus: $CORPUS — $FILES Markdown files, $(awk "BEGIN{printf \"%.1f\", $BYTES/1e6}") MB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "best of $RUNS runs each"
echo

measure "floor (1 core)" "$BIN/md-floor" --jobs 1 "$CORPUS"
measure "floor (all cores)" "$BIN/md-floor" "$CORPUS"
measure "treelint check" "$BIN/treelint" check "$CORPUS"
measure "treelint check --format json" "$BIN/treelint" check --format json "$CORPUS"
# The core alone, each file's findings printed as soon as it is analysed and its document
# dropped: what `treelint check` would cost with streaming output (no renderer, no retention).
measure "core, streamed (example)" "$BIN/examples/stream" "$CORPUS"
if [ "$MARKDOWNLINT" != 0 ] && command -v markdownlint-cli2 >/dev/null; then
  RUNS_SAVED=$RUNS; RUNS=1
  measure "markdownlint-cli2" markdownlint-cli2 "$CORPUS/**/*.md"
  RUNS=$RUNS_SAVED
else
  echo "(markdownlint-cli2 not installed or skipped: npm install -g markdownlint-cli2 to compare)"
fi

FLOOR=${SECS["floor (1 core)"]}
printf '\n%-30s %10s %12s %14s\n' "tool" "seconds" "peak MB" "× floor (1 core)"
for name in "${ORDER[@]}"; do
  printf '%-30s %10s %12s %14s\n' "$name" "${SECS[$name]}" "${MB[$name]}" "$(awk "BEGIN{printf \"%.2f\", ${SECS[$name]}/$FLOOR}")"
done

T=${SECS["treelint check"]}
echo
verdict() { if awk "BEGIN{exit !($1)}"; then echo "met"; else echo "MISSED"; fi; }
echo "target ≤ 1.5 × single-core floor: $(awk "BEGIN{printf \"%.2f\", $T/$FLOOR}") × — $(verdict "$T <= 1.5*$FLOOR")"
echo "target < 1 s:                      $T s — $(verdict "$T < 1")"
echo "target peak memory < 150 MB:       ${MB["treelint check"]} MB — $(verdict "${MB["treelint check"]} < 150")"
