#!/usr/bin/env bash
# CI for the editor integrations, called by .ci/run: installs what it needs, then runs
#   1. the VS Code extension's unit tests and its integration test against the real server,
#   2. the .vsix packaging, from a clean `npm ci` exactly as editors/vscode/README.md says,
#   3. the headless Neovim test (Debian's neovim package).
# TREELINT_BIN names the server binary (default: target/debug/treelint, built if missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

if [ -z "${TREELINT_BIN:-}" ]; then
  TREELINT_BIN="$repo/target/debug/treelint"
  if [ ! -x "$TREELINT_BIN" ]; then
    echo "== editors: building treelint (cargo build -p treelint)"
    (cd "$repo" && cargo build -p treelint)
  fi
fi
TREELINT_BIN="$(cd "$(dirname "$TREELINT_BIN")" && pwd)/$(basename "$TREELINT_BIN")"
[ -x "$TREELINT_BIN" ] || { echo "editors: no treelint binary at $TREELINT_BIN" >&2; exit 1; }
export TREELINT_BIN
# Here a missing binary fails the integration test instead of skipping it.
export TREELINT_REQUIRE_BIN=1

echo "== editors/vscode: npm ci"
cd "$here/vscode"
npm ci --no-audit --no-fund

echo "== editors/vscode: compile (type check + esbuild bundles)"
npm run compile

echo "== editors/vscode: unit and integration tests"
npm test

echo "== editors/vscode: package the .vsix"
rm -f ./*.vsix
npx vsce package --out treelint.vsix </dev/null
# The bundle must carry Mermaid (no network at run time) and the extension host code.
python3 - <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile("treelint.vsix").namelist())
need = {"extension/out/extension.js", "extension/out/webview.js", "extension/snippets/markdown.json", "extension/package.json"}
missing = need - names
if missing:
    sys.exit(f"treelint.vsix lacks {sorted(missing)}")
if any(n.startswith("extension/node_modules/") for n in names):
    sys.exit("treelint.vsix ships node_modules: everything should be bundled by esbuild")
print(f"treelint.vsix: {len(names)} entries, bundles present")
PY

echo "== editors/helix: languages.toml parses"
python3 -c 'import sys, tomllib; c = tomllib.load(open(sys.argv[1], "rb")); assert c["language-server"]["treelint"]["args"] == ["lsp"]; print("helix: languages.toml ok")' "$here/helix/languages.toml"

echo "== editors/neovim: headless test"
if ! command -v nvim >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
"$here/neovim/test.sh"
