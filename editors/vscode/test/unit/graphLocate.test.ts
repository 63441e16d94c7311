import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteOffsetToLine, findLabelLine, locateNode, nodeLinesFromJson } from '../../src/graphLocate';

const DOC = [
  '# Decision Tree: Deploy?', //                      0
  '',
  '```',
  'Something broke — roll back?', //                  3
  '│',
  '├── [Check 1] Is the service down?', //            5
  '│   ├── YES → ✅ ROLL BACK',
  '│   └── NO → ✅ WAIT',
  '└── [Check 2] Is the fix known?', //               8
  '```',
  '',
  '### Check 1: Is the service down?', //             11
].join('\n');

test('byte offsets map to lines, counting multi-byte characters as bytes', () => {
  const line = byteOffsetToLine(DOC);
  assert.equal(line(0), 0);
  const offset = Buffer.byteLength(DOC.split('\n').slice(0, 5).join('\n') + '\n');
  assert.equal(line(offset), 5);
  assert.equal(line(offset - 1), 4);
});

test('node lines come from the JSON export in any of its plausible shapes', () => {
  const spanStart = Buffer.byteLength(DOC.split('\n').slice(0, 8).join('\n') + '\n');
  const json = JSON.stringify({
    version: 1,
    nodes: [
      { id: 'n1', line: 6 },
      { id: 'n2', span: { start: spanStart, end: spanStart + 10 } },
      { id: 3, start: { line: 7, column: 5 } },
      { id: 'n4', text: 'no position' },
    ],
    trees: [{ nodes: [{ id: 'n5', span: { start_line: 4 } }] }],
  });
  const lines = nodeLinesFromJson(json, DOC);
  assert.deepEqual([...lines.entries()].sort(), [
    ['3', 6],
    ['n1', 5],
    ['n2', 8],
    ['n5', 3],
  ]);
  assert.equal(nodeLinesFromJson('not json', DOC).size, 0);
});

test('node lines come from treelint export --format json (version 1): span and line objects', () => {
  const span = (line: number) => ({ start: 0, end: 1, line, column: 5, end_line: line, end_column: 9 });
  const json = JSON.stringify({
    version: 1,
    nodes: [
      { id: 'n0', kind: 'root', text: 'Something broke — roll back?', span: span(4), line: span(4) },
      { id: 'n1', kind: 'question', text: '[Check 1] Is the service down?', span: span(6), line: span(6) },
    ],
    edges: [{ from: 'n0', to: 'n1', kind: 'child', label: null }],
  });
  const lines = nodeLinesFromJson(json, DOC);
  assert.deepEqual([...lines.entries()], [
    ['n0', 3],
    ['n1', 5],
  ]);
  assert.equal(locateNode('n1', '[Check 1] Is the service down?', lines, DOC), 5);
});

test('a label is found on its tree line before any heading that repeats it', () => {
  assert.equal(findLabelLine(DOC, '[Check 1] Is the service down?'), 5);
  assert.equal(findLabelLine(DOC, 'Is the service   down?'), 5);
  assert.equal(findLabelLine(DOC, '✅ WAIT'), 7);
  assert.equal(findLabelLine(DOC, 'Something broke — roll back?'), 3);
  assert.equal(findLabelLine(DOC, 'nothing like it'), undefined);
  assert.equal(findLabelLine(DOC, '  '), undefined);
});

test('a click uses the exported line when it agrees with the label, else searches', () => {
  const lines = new Map([
    ['n1', 5],
    ['stale', 0],
    ['far', 999],
  ]);
  assert.equal(locateNode('n1', '[Check 1] Is the service down?', lines, DOC), 5);
  assert.equal(locateNode('stale', '[Check 2] Is the fix known?', lines, DOC), 8);
  assert.equal(locateNode('unknown', '[Check 2] Is the fix known?', lines, DOC), 8);
  assert.equal(locateNode('stale', 'no such label', lines, DOC), 0);
  assert.equal(locateNode('far', 'no such label', lines, DOC), undefined);
});
