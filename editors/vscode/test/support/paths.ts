/** Where the integration tests find the server binary and the canonical example. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The extension's folder (editors/vscode), from the compiled test's location. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The repository root. */
export const REPO_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');

/** `TREELINT_BIN`, else the debug build of this checkout. */
export function treelintBin(): string {
  const fromEnv = process.env.TREELINT_BIN;
  return fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, 'target', 'debug', 'treelint');
}

/** The canonical example: `TREELINT_CORPUS`, else the repository's `tests/fixtures/` copy. */
export function canonicalExample(): string | undefined {
  const name = 'rollback-or-fix-forward.md';
  const candidates = [
    process.env.TREELINT_CORPUS ? path.resolve(process.env.TREELINT_CORPUS) : undefined,
    path.join(REPO_ROOT, 'tests', 'fixtures', name),
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}
