// The stub must be imported first: it makes `require('vscode')` resolve.
import { stub, type FakeQuickPick } from '../support/vscodeStub';
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { runWalk } from '../../src/walk';
import { DetailsProvider, QuickPickWalkUi } from '../../src/walkUi';
import { FakeWalkServer } from '../support/fakeServer';

/** Plays `steps` against successive quick picks and records what each showed. */
function script(steps: ((qp: FakeQuickPick) => void)[]): void {
  stub.picks.length = 0;
  stub.executed.length = 0;
  stub.onShow = (qp) => {
    const step = steps.shift();
    if (!step) throw new Error('unexpected quick pick');
    step(qp);
  };
}

test('the quick-pick walk shows answers, details and Back, and ends at the outcome', async () => {
  const seen: string[][] = [];
  const record = (qp: FakeQuickPick) => seen.push([qp.title ?? '', qp.placeholder ?? '', ...qp.items.map((i) => i.label)]);
  script([
    (qp) => {
      record(qp);
      qp.accept('$(book) Show details');
    },
    (qp) => {
      record(qp);
      qp.accept('YES');
    },
    (qp) => {
      record(qp);
      qp.accept('$(arrow-left) Back');
    },
    (qp) => qp.accept('YES'),
    (qp) => qp.accept('YES'),
    (qp) => {
      record(qp);
      qp.accept('$(check) ✅ ROLL BACK');
    },
  ]);
  const details = new DetailsProvider();
  const server = new FakeWalkServer();
  const end = await runWalk(server.walk, new QuickPickWalkUi(details), 'file:///t.md', null);
  assert.equal(end.kind, 'finished');
  assert.deepEqual(seen, [
    ['Treelint walk', '[Check 1] Is the service down?', 'YES', 'NO', '', '$(book) Show details'],
    ['Treelint walk', '[Check 1] Is the service down?', 'YES', 'NO', '', '$(book) Show details'],
    ['Treelint walk: YES', '[Check 2] Is rollback safe?', 'YES', 'NO', '', '$(arrow-left) Back'],
    ['Treelint walk: YES › YES', 'Outcome reached: choose it to open the transcript', '$(check) ✅ ROLL BACK', '$(arrow-left) Back'],
  ]);
  // "Show details" opened the check's details as a Markdown preview, then asked again.
  assert.equal(stub.executed.length, 1);
  assert.equal(stub.executed[0].command, 'markdown.showPreviewToSide');
  const uri = stub.executed[0].args[0] as { toString(): string };
  const text = details.provideTextDocumentContent(uri as never);
  assert.match(text, /^# \[Check 1\] Is the service down\?\n\n\*\*Command\/method:\*\*/);
  assert.ok(stub.picks.every((p) => p.disposed && p.ignoreFocusOut));
});

test('Escape in the quick pick cancels the walk', async () => {
  script([(qp) => qp.accept('YES'), (qp) => qp.hide()]);
  const server = new FakeWalkServer();
  const end = await runWalk(server.walk, new QuickPickWalkUi(new DetailsProvider()), 'file:///t.md', null);
  assert.deepEqual(end, { kind: 'cancelled' });
  assert.equal(server.requests.length, 2);
});
