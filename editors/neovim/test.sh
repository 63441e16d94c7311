#!/usr/bin/env bash
# Headless Neovim test of treelint.lua against the real `treelint lsp` on the canonical example.
# Usage: editors/neovim/test.sh   (TREELINT_BIN: the binary, default target/debug/treelint;
#                                  TREELINT_CORPUS: the example, default tests/fixtures/…)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${TREELINT_BIN:-$repo/target/debug/treelint}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
corpus="${TREELINT_CORPUS:-$repo/tests/fixtures/rollback-or-fix-forward.md}"
command -v nvim >/dev/null || { echo "neovim test: nvim is not installed (apt-get install neovim)" >&2; exit 1; }
[ -x "$bin" ] || { echo "neovim test: no treelint binary at $bin (cargo build -p treelint, or set TREELINT_BIN)" >&2; exit 1; }
[ -f "$corpus" ] || { echo "neovim test: canonical example not found (set TREELINT_CORPUS)" >&2; exit 1; }

# Checked alone in an empty folder, as FORMAT.md's table assumes.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$corpus" "$work/rollback-or-fix-forward.md"

# -u NONE: no user config; -i NONE: no shada; -n: no swap file. `timeout` only guards CI
# against a hang; test.lua's own waits fail well before it.
TREELINT_BIN="$bin" TREELINT_TEST_FILE="$work/rollback-or-fix-forward.md" TREELINT_NVIM_DIR="$here" \
  HOME="$work" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
  timeout 300 nvim --headless -u NONE -i NONE -n -c "luafile $here/test.lua"
