/**
 * End to end against the real server: the canonical example's diagnostics (FORMAT.md §4) and
 * one walk, through the same protocol library as VS Code. Skipped, with a message, only when
 * the binary is missing (build it with `cargo build -p treelint`, or set TREELINT_BIN).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import { EXPORT_METHOD, WALK_COMMAND, WALK_METHOD, type ExportResult, type WalkParams, type WalkResult } from '../../src/protocol';
import { locateNode, nodeLinesFromJson } from '../../src/graphLocate';
import { runWalk } from '../../src/walk';
import { canonicalExample, treelintBin } from '../support/paths';
import { LspSession } from '../support/lspSession';
import { ScriptedUi } from '../support/scriptedUi';

const BIN = treelintBin();
const CORPUS = canonicalExample();
const skip = !fs.existsSync(BIN)
  ? `treelint binary not found at ${BIN}: build it (cargo build -p treelint) or set TREELINT_BIN`
  : !CORPUS
    ? 'canonical example rollback-or-fix-forward.md not found: set TREELINT_CORPUS'
    : false;
if (skip && process.env.TREELINT_REQUIRE_BIN) {
  // CI (editors/ci.sh) sets this: there a missing binary is a failure, not a skip.
  throw new Error(`TREELINT_REQUIRE_BIN is set but ${skip}`);
}
if (skip) console.log(`integration tests skipped: ${skip}`);

/** FORMAT.md §4: rule → 1-based lines, on the canonical example checked alone. */
const EXPECTED: Record<string, number[]> = {
  'missing-details': [25, 32, 43, 47],
  'unmarked-leaf': [27, 37, 40, 49],
  'unresolved-terminal': [26],
  'unlabeled-question': [35],
  'parallel-questions': [18, 29],
  'last-child-glyph': [13, 15, 22, 32, 35, 39],
  'broken-related-tree': [237, 237],
  'broken-runbook-link': [236, 236],
};

describe('treelint lsp on the canonical example', { skip }, () => {
  let dir: string | undefined;
  let uri: string;
  let session: LspSession | undefined;
  let started: Promise<LspSession> | undefined;

  /** Starts the server once, on first use, so a server that cannot start fails each test. */
  function server(): Promise<LspSession> {
    started ??= (async () => {
      // Checked alone in an empty folder, as FORMAT.md's table assumes.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treelint-vscode-it-'));
      const file = path.join(dir, 'rollback-or-fix-forward.md');
      fs.copyFileSync(CORPUS!, file);
      uri = pathToFileURL(file).href;
      ({ session } = await LspSession.start(BIN, pathToFileURL(dir).href));
      await session.open(uri, fs.readFileSync(file, 'utf8'));
      return session;
    })();
    return started;
  }

  after(async () => {
    if (session) assert.equal(await session.stop(), 0, 'the server exits with status 0 after shutdown and exit');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('publishes the 22 diagnostics of FORMAT.md §4, with source and rule codes', async () => {
    // A generous bound only so a hung server fails the test instead of hanging CI.
    const session = await server();
    const diagnostics = await session.diagnosticsFor(uri, 30_000);
    const actual: Record<string, number[]> = {};
    for (const d of diagnostics) {
      assert.equal(d.source, 'treelint');
      assert.equal(typeof d.code, 'string');
      (actual[d.code as string] ??= []).push(d.range.start.line + 1);
    }
    for (const lines of Object.values(actual)) lines.sort((a, b) => a - b);
    assert.deepEqual(actual, EXPECTED);
    assert.equal(diagnostics.length, 22);
  });

  test('walks from the root to an outcome with the extension walk flow', async () => {
    const session = await server();
    const request = (params: WalkParams) => session.connection.sendRequest<WalkResult>(WALK_METHOD, params);
    const first = await request({ uri, from: null, choices: [] });
    assert.equal(first.step.kind, 'question');
    assert.deepEqual(first.breadcrumbs, []);
    if (first.step.kind !== 'question') return;
    assert.match(first.step.text, /Is the service completely down or are users actively impacted\?/);
    assert.equal(first.step.choices.length, 2);
    assert.match(first.step.choices[0], /^YES/);
    assert.match(first.step.details, /promtool|kubectl/, 'Check 1 details carry its commands');

    // YES (production down) → [Check 2] Is rollback safe? → YES → ✅ ROLL BACK IMMEDIATELY,
    // taking a Back on the way as a user would.
    const ui = new ScriptedUi([0, 1, 'back', 0, 'finish']);
    const end = await runWalk(request, ui, uri, null);
    assert.equal(end.kind, 'finished');
    if (end.kind !== 'finished') return;
    assert.deepEqual(end.choices, [0, 0]);
    const step = end.result.step;
    assert.match(step.text, /ROLL BACK IMMEDIATELY/);
    assert.equal(step.marker, '✅');
    assert.equal(end.result.breadcrumbs.length, 2);
    assert.match(end.result.breadcrumbs[1].question, /Is rollback safe\?/);
    assert.match(end.result.breadcrumbs[1].answer, /^YES/);
    assert.ok(end.result.transcript, 'the server sends a transcript at the outcome');
    assert.match(end.transcript, /ROLL BACK IMMEDIATELY/);
    // The server's clock stamps the record: real UTC times, never `-`.
    assert.match(end.transcript, /- \*\*Started:\*\* 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    assert.doesNotMatch(end.transcript, /^- `-`/m);
    const stamps = end.transcript.split('\n').filter((l) => /^- `20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ` /.test(l));
    assert.ok(stamps.length >= 4, end.transcript);
    assert.deepEqual(
      ui.screens.map((s) => s.kind),
      ['question', 'question', 'question', 'question', 'outcome'],
    );
  });

  test('each check has a "Walk from here" lens whose arguments start a walk there', async () => {
    const session = await server();
    const lenses: CodeLens[] = (await session.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    const walks = lenses.filter((l) => l.command?.command === WALK_COMMAND);
    assert.ok(walks.length >= 10, `expected a lens per check, got ${walks.length}`);
    const check2 = walks.find((l) => l.range.start.line + 1 === 15);
    assert.ok(check2, 'a lens on the line of [Check 2]');
    assert.match(check2.command!.title, /Walk from here/);
    const [lensUri, checkId] = check2.command!.arguments as [string, string];
    assert.equal(lensUri, uri);
    const result = await session.connection.sendRequest<WalkResult>(WALK_METHOD, { uri: lensUri, from: checkId, choices: [] });
    assert.equal(result.step.kind, 'question');
    assert.match(result.step.text, /Is rollback safe\?/);
  });

  test('exports Mermaid for the graph view', async (t) => {
    const session = await server();
    let mermaid: ExportResult;
    try {
      mermaid = await session.connection.sendRequest<ExportResult>(EXPORT_METHOD, { uri, format: 'mermaid' });
    } catch (err) {
      // The export is served by a later part of the server; say so rather than pass silently.
      t.skip(`treelint/export failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    assert.match(mermaid.text, /^\s*(flowchart|graph)\s+(TD|TB|LR)/m);
    assert.match(mermaid.text, /ROLL BACK IMMEDIATELY/);

    // What a click in the graph does: every box's id and label lead to the line it came from.
    const json = await session.connection.sendRequest<ExportResult>(EXPORT_METHOD, { uri, format: 'json' });
    const text = fs.readFileSync(CORPUS!, 'utf8');
    const lines = nodeLinesFromJson(json.text, text);
    const docLines = text.split('\n');
    const boxes = [...mermaid.text.matchAll(/^\s*([A-Za-z][\w-]*)\s*[[({]+"(.*)"[\])}]+\s*(?::::\w+)?\s*$/gm)];
    assert.ok(boxes.length >= 20, `expected the tree's boxes in the Mermaid text, got ${boxes.length}`);
    for (const [, id, rawLabel] of boxes) {
      const label = decodeMermaid(rawLabel);
      const line = locateNode(id, label, lines, text);
      assert.notEqual(line, undefined, `box ${id} "${label}" has no line`);
      assert.ok(lines.has(id), `the JSON export has a position for box ${id}`);
      assert.equal(line, lines.get(id), `box ${id} "${label}" reveals line ${line! + 1}: ${docLines[line!]}`);
    }
  });
});

/** Mermaid's entity codes (`#quot;`, `#35;`) back to text, as the browser shows them. */
function decodeMermaid(label: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: ' ' };
  return label.replace(/#(\w+);/g, (all, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code] ?? all)));
}
