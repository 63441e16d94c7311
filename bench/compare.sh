#!/usr/bin/env bash
# Times, side by side in one run, `treelint check` (human and JSON output) on two corpora of
# N trees (default 10,000), against the floor (a bare pulldown-cmark pass over the same
# files: `md-floor`, on one core and on all cores), and markdownlint-cli2 when it is
# installed; prints the ratios to the single-core floor, the peak memory of each (GNU
# time's maximum resident set size) and whether the targets are met.
#
#   - "library": N generated trees, a library as it is kept (some 2 findings a tree);
#   - "findings": N copies of the canonical example, 22 findings each (220,000 for 10,000):
#     a library never linted before, on its first run. This one measures the cost per finding.
#
#   bench/compare.sh                  # both corpora, 10,000 trees, best of 3 runs each
#   N=1000 RUNS=5 bench/compare.sh    # other sizes
#   KIND=findings bench/compare.sh    # one corpus only (library or findings)
#   MARKDOWNLINT=0 bench/compare.sh   # skip markdownlint-cli2 even when installed
#   BUILD=0 bench/compare.sh          # measure the release binaries already built
#
# Environment: N (trees), SEED (corpus seed), RUNS (runs per tool, best kept), KIND (library,
# findings or all), CORPUS_DIR (where the corpora are generated; reused when present),
# MARKDOWNLINT (0 to skip).
# Targets: on the library, `treelint check` ≤ 1.5 × the single-core floor (issue 8); on the
# findings corpus, human and JSON ≤ 2 × (issue 16); everywhere < 150 MB peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
KIND=${KIND:-all}
CORPUS_DIR=${CORPUS_DIR:-${TMPDIR:-/tmp}}
MARKDOWNLINT=${MARKDOWNLINT:-1}

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak memory)…" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -qq time >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq time >/dev/null)) || true
  fi
fi
[ -x /usr/bin/time ] || { echo "bench/compare.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

# BUILD=0 measures the binaries already in target/release (a release build takes minutes).
[ "${BUILD:-1}" = 0 ] || cargo build --release --quiet -p treelint -p treelint_bench --bins --example stream
BIN=target/release

TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "best of $RUNS runs each"

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

verdict() { if awk "BEGIN{exit !($1)}"; then echo "met"; else echo "MISSED"; fi; }

# bench KIND CORPUS TARGET_RATIO: the table and the verdicts for one corpus.
bench() {
  local kind=$1 corpus=$2 target=$3
  ORDER=()
  find "$corpus" -name '*.md' -exec cat {} + > /dev/null # warm the page cache
  local files bytes
  files=$(find "$corpus" -name '*.md' | wc -l)
  bytes=$(find "$corpus" -name '*.md' -exec cat {} + | wc -c)
  echo
  echo "== $kind: $corpus — $files Markdown files, $(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB, $("$BIN/treelint" check --format json "$corpus" 2>/dev/null | grep -c '"rule":') findings"
  measure "floor (1 core)" "$BIN/md-floor" --jobs 1 "$corpus"
  measure "floor (all cores)" "$BIN/md-floor" "$corpus"
  measure "treelint check" "$BIN/treelint" check "$corpus"
  measure "treelint check --format json" "$BIN/treelint" check --format json "$corpus"
  if [ "$kind" = library ]; then
    # The core alone, each file's findings printed as soon as it is analysed.
    measure "core, streamed (example)" "$BIN/examples/stream" "$corpus"
    if [ "$MARKDOWNLINT" != 0 ] && command -v markdownlint-cli2 >/dev/null; then
      local runs_saved=$RUNS; RUNS=1
      measure "markdownlint-cli2" markdownlint-cli2 "$corpus/**/*.md"
      RUNS=$runs_saved
    else
      echo "(markdownlint-cli2 not installed or skipped: npm install -g markdownlint-cli2 to compare)"
    fi
  fi
  local floor=${SECS["floor (1 core)"]}
  printf '\n%-30s %10s %12s %14s\n' "tool" "seconds" "peak MB" "× floor (1 core)"
  for name in "${ORDER[@]}"; do
    printf '%-30s %10s %12s %14s\n' "$name" "${SECS[$name]}" "${MB[$name]}" "$(awk "BEGIN{printf \"%.2f\", ${SECS[$name]}/$floor}")"
  done
  echo
  for name in "treelint check" "treelint check --format json"; do
    local t=${SECS[$name]} mb=${MB[$name]}
    printf '%-30s ≤ %s × floor: %.2f × — %s; < 150 MB: %s MB — %s\n' "$name" "$target" \
      "$(awk "BEGIN{print $t/$floor}")" "$(verdict "$t <= $target*$floor")" "$mb" "$(verdict "$mb < 150")"
  done
}

if [ "$KIND" = all ] || [ "$KIND" = library ]; then
  # The generator version is in the name: a corpus from an older generator is not reused.
  LIBRARY=$CORPUS_DIR/treelint-corpus-v3-$N-$SEED
  [ -f "$LIBRARY/treelint.toml" ] || "$BIN/gen-corpus" "$LIBRARY" --files "$N" --seed "$SEED"
  bench library "$LIBRARY" 1.5
fi
if [ "$KIND" = all ] || [ "$KIND" = findings ]; then
  FINDINGS=$CORPUS_DIR/treelint-findings-$N-$(cksum < tests/fixtures/rollback-or-fix-forward.md | cut -d' ' -f1)
  [ -f "$FINDINGS/treelint.toml" ] || "$BIN/gen-corpus" "$FINDINGS" --copies-of tests/fixtures/rollback-or-fix-forward.md --files "$N"
  bench findings "$FINDINGS" 2
fi
