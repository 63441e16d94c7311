import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkTarget, fallbackTranscript, outcomeRows, questionPrompt, questionRows, recordTree, runWalk, walkTitle, detailsSummary } from '../../src/walk';
import { FakeWalkServer } from '../support/fakeServer';
import { ScriptedUi } from '../support/scriptedUi';

const URI = 'file:///trees/t.md';

test('a walk down to an outcome replays the choices and ends with the server transcript', async () => {
  const server = new FakeWalkServer();
  const ui = new ScriptedUi([0, 1, 'finish']);
  const end = await runWalk(server.walk, ui, URI, null);
  assert.equal(end.kind, 'finished');
  if (end.kind !== 'finished') return;
  assert.deepEqual(
    server.requests.map((r) => r.choices),
    [[], [0], [0, 1]],
  );
  assert.ok(server.requests.every((r) => r.uri === URI && r.from === null));
  assert.equal(end.result.step.text, 'ESCALATE');
  assert.deepEqual(end.choices, [0, 1]);
  assert.match(end.transcript, /^# Walk/);
  assert.deepEqual(
    ui.screens.map((s) => [s.kind, s.text, s.canGoBack]),
    [
      ['question', 'Is the service down?', false],
      ['question', 'Is rollback safe?', true],
      ['outcome', 'ESCALATE', true],
    ],
  );
  assert.deepEqual(ui.screens[2].breadcrumbs, [
    { question: 'Is the service down?', answer: 'YES' },
    { question: 'Is rollback safe?', answer: 'NO' },
  ]);
});

test('Back pops the last choice, from a question and from the outcome', async () => {
  const server = new FakeWalkServer();
  const ui = new ScriptedUi([0, 'back', 1, 'back', 0, 0, 'back', 0, 'finish']);
  const end = await runWalk(server.walk, ui, URI, null);
  assert.equal(end.kind, 'finished');
  assert.deepEqual(
    server.requests.map((r) => r.choices),
    [[], [0], [], [1], [], [0], [0, 0], [0], [0, 0]],
  );
  assert.deepEqual(
    ui.screens.map((s) => s.text),
    ['Is the service down?', 'Is rollback safe?', 'Is the service down?', 'WAIT AND WATCH', 'Is the service down?', 'Is rollback safe?', 'ROLL BACK', 'Is rollback safe?', 'ROLL BACK'],
  );
});

test('dismissing a pick cancels the walk and opens nothing', async () => {
  const server = new FakeWalkServer();
  assert.deepEqual(await runWalk(server.walk, new ScriptedUi([0, 'cancel']), URI, null), { kind: 'cancelled' });
  assert.deepEqual(await runWalk(server.walk, new ScriptedUi([1, 'cancel']), URI, null), { kind: 'cancelled' });
});

test('a walk from a code lens starts at that check', async () => {
  const server = new FakeWalkServer();
  const ui = new ScriptedUi([0, 'finish']);
  const end = await runWalk(server.walk, ui, URI, '2');
  assert.equal(end.kind, 'finished');
  assert.ok(server.requests.every((r) => r.from === '2'));
  assert.equal(ui.screens[0].text, 'Is rollback safe?');
  assert.equal(ui.screens[0].canGoBack, false);
});

test('without a server transcript the walk writes its own record', async () => {
  const server = new FakeWalkServer(undefined, { transcripts: false });
  const end = await runWalk(server.walk, new ScriptedUi([0, 0, 'finish']), URI, null);
  assert.equal(end.kind, 'finished');
  if (end.kind !== 'finished') return;
  assert.equal(
    end.transcript,
    '# Decision walk\n\n1. **Is the service down?** — YES\n2. **Is rollback safe?** — YES\n\n**Outcome:** ✅ ROLL BACK\n\nRun `helm rollback`.\n',
  );
});

test('an answer index the server did not offer is an error, not a request', async () => {
  const server = new FakeWalkServer();
  await assert.rejects(runWalk(server.walk, new ScriptedUi([5]), URI, null), /not one of the 2 offered/);
  assert.equal(server.requests.length, 1);
});

test('server errors reach the caller', async () => {
  const server = new FakeWalkServer();
  await assert.rejects(runWalk(server.walk, new ScriptedUi([]), URI, 'nope'), /no check nope/);
});

test('question rows: answers in order, details when there are some, Back after the first question', () => {
  const step = { kind: 'question' as const, check: '3', text: 'Is it known?', details: '**Command/method:**\n```bash\nls\n```', choices: ['YES', 'NO'] };
  assert.deepEqual(questionRows(step, false), [
    { label: 'YES', action: { kind: 'choose', index: 0 } },
    { label: 'NO', action: { kind: 'choose', index: 1 } },
    { separator: '' },
    { label: '$(book) Show details', detail: 'Command/method:', action: { kind: 'details' } },
  ]);
  const rows = questionRows({ ...step, details: '' }, true);
  assert.deepEqual(rows.slice(2), [{ separator: '' }, { label: '$(arrow-left) Back', action: { kind: 'back' } }]);
  assert.equal(questionRows({ ...step, details: '  \n' }, false).length, 2);
});

test('outcome rows: finishing shows marker and text, Back only when there is a step to undo', () => {
  const step = { kind: 'outcome' as const, text: 'ROLL BACK', marker: '✅', action: '## Do\nhelm rollback', warning: null };
  const rows = outcomeRows(step, true);
  assert.equal(rows[0].label, '$(check) ✅ ROLL BACK');
  assert.equal(rows[0].detail, 'Do');
  assert.deepEqual(rows[0].action, { kind: 'finish' });
  assert.deepEqual(rows[1].action, { kind: 'back' });
  assert.equal(outcomeRows({ ...step, text: '✅ ROLL BACK' }, false)[0].label, '$(check) ✅ ROLL BACK', 'the marker is not doubled');
  assert.equal(outcomeRows({ ...step, marker: null }, false)[0].label, '$(check) ROLL BACK');
  assert.equal(outcomeRows({ ...step, warning: 'careful' }, false).length, 1);
  assert.equal(outcomeRows({ ...step, warning: 'careful' }, false)[0].detail, 'careful');
});

test('prompt, title and summary text', () => {
  const q = { kind: 'question' as const, check: '5', text: 'Is blast radius growing?', details: '', choices: ['YES', 'NO'] };
  assert.equal(questionPrompt(q), '[Check 5] Is blast radius growing?');
  assert.equal(questionPrompt({ ...q, check: 'Check 5' }), '[Check 5] Is blast radius growing?');
  assert.equal(questionPrompt({ ...q, text: '[Check 5] Is blast radius growing?' }), '[Check 5] Is blast radius growing?');
  assert.equal(questionPrompt({ ...q, check: null }), 'Is blast radius growing?');
  assert.equal(walkTitle([]), 'Treelint walk');
  assert.equal(
    walkTitle([
      { question: 'a', answer: 'YES (production down, revenue impact)' },
      { question: 'b', answer: 'NO' },
    ]),
    'Treelint walk: YES (production down, r… › NO',
  );
  assert.equal(detailsSummary('```bash\n# Error rate\n```'), 'Error rate');
  assert.equal(detailsSummary('### Check 1: Assess'), 'Check 1: Assess');
  assert.equal(fallbackTranscript([], { kind: 'outcome', text: 'X', marker: null, action: '', warning: 'w' }), '# Decision walk\n\n**Outcome:** X\n\n> w\n');
});

test('walk target: lens arguments, a Uri object, or the active document from its root', () => {
  assert.deepEqual(walkTarget('file:///a.md', '5', 'file:///active.md'), { uri: 'file:///a.md', from: '5', tree: null });
  const uriObject = { scheme: 'file', toString: () => 'file:///b.md' };
  assert.deepEqual(walkTarget(uriObject, undefined, undefined), { uri: 'file:///b.md', from: null, tree: null });
  assert.deepEqual(walkTarget(undefined, undefined, 'file:///active.md'), { uri: 'file:///active.md', from: null, tree: null });
  assert.deepEqual(walkTarget('file:///a.md', 7, undefined), { uri: 'file:///a.md', from: '7', tree: null });
  assert.deepEqual(walkTarget('file:///a.md', '', undefined), { uri: 'file:///a.md', from: null, tree: null });
  // A lens on a file with several trees names the tree: `[uri, null, number]`.
  assert.deepEqual(walkTarget('file:///a.md', null, undefined, 2), { uri: 'file:///a.md', from: null, tree: '2' });
  assert.equal(walkTarget(undefined, '5', undefined), undefined);
});

test('the times the server stamped are sent back, so each step keeps the time it was taken', async () => {
  const server = new FakeWalkServer();
  let tick = 0;
  // A server that stamps what it has not seen yet with its clock, like treelint's.
  const stamping = async (params: Parameters<typeof server.walk>[0]) => {
    const result = await server.walk(params);
    const stamp = () => `2026-11-29T05:06:${String(10 + tick++).padStart(2, '0')}Z`;
    const started = params.started ?? stamp();
    const times = params.choices.map((_, i) => params.times?.[i] ?? stamp());
    return { ...result, started, times };
  };
  const ui = new ScriptedUi([0, 'back', 0, 1, 'finish']);
  const end = await runWalk(stamping, ui, URI, null);
  assert.equal(end.kind, 'finished');
  assert.deepEqual(
    server.requests.map((r) => [r.started ?? null, r.times ?? null]),
    [
      [null, null],
      ['2026-11-29T05:06:10Z', []],
      ['2026-11-29T05:06:10Z', []],
      ['2026-11-29T05:06:10Z', []],
      ['2026-11-29T05:06:10Z', ['2026-11-29T05:06:12Z']],
    ],
  );
});

test('a resumed walk sends the record with every request', async () => {
  const server = new FakeWalkServer();
  const ui = new ScriptedUi([0, 0, 'finish']);
  const record = '# Walk: T\n\n<!-- treelint-walk {"version":1,"tree":"/trees/t.md","from":null} -->\n';
  const end = await runWalk(server.walk, ui, URI, null, record);
  assert.equal(end.kind, 'finished');
  assert.ok(server.requests.length >= 2);
  assert.ok(server.requests.every((r) => r.record === record));
});

test('the tree a record names is read from its walk line', () => {
  assert.deepEqual(
    recordTree('# Walk\n\n- **Tree:** `t.md`\n\n<!-- treelint-walk {"version":1,"tree":"/srv/trees/t.md","from":"6"} -->\n'),
    { tree: '/srv/trees/t.md', from: '6' },
  );
  assert.deepEqual(recordTree('<!-- treelint-walk {"version":1,"tree":"/t.md","from":null} -->'), { tree: '/t.md', from: null });
  assert.equal(recordTree('# Just notes\n'), undefined);
  assert.equal(recordTree('<!-- treelint-walk {not json} -->'), undefined);
  assert.equal(recordTree('<!-- treelint-walk {"tree": 3} -->'), undefined);
});

test('a walk of one tree of several sends that tree with every replay', async () => {
  const server = new FakeWalkServer();
  await runWalk(server.walk, new ScriptedUi([0, 'cancel']), URI, null, undefined, '2');
  assert.ok(server.requests.length >= 2);
  assert.ok(server.requests.every((r) => r.tree === '2'));
  await runWalk(server.walk, new ScriptedUi(['cancel']), URI, null);
  assert.equal(server.requests[server.requests.length - 1].tree, undefined);
});
