/**
 * A fake `treelint/walk` server over a small in-memory tree, with the same replay semantics as
 * the real one: every request starts at `from` (or the root) and follows `choices`.
 */
import type { Breadcrumb, WalkParams, WalkResult } from '../../src/protocol';

/** A node of the fake tree: a question with answers, or an outcome. */
export type FakeNode =
  | { question: string; check: string | null; details?: string; answers: { label: string; next: FakeNode }[] }
  | { outcome: string; marker: string | null; action?: string; warning?: string };

/** The tree the walk tests use. */
export const TREE: FakeNode = {
  question: 'Is the service down?',
  check: '1',
  details: '**Command/method:**\n\n```bash\ncurl -fsS https://status\n```\n',
  answers: [
    {
      label: 'YES',
      next: {
        question: 'Is rollback safe?',
        check: '2',
        answers: [
          { label: 'YES', next: { outcome: 'ROLL BACK', marker: '✅', action: 'Run `helm rollback`.' } },
          { label: 'NO', next: { outcome: 'ESCALATE', marker: '⚠️', warning: 'Neither path is safe.' } },
        ],
      },
    },
    { label: 'NO', next: { outcome: 'WAIT AND WATCH', marker: '✅' } },
  ],
};

/** Records the requests it answered; `transcripts: false` makes it send `transcript: null`. */
export class FakeWalkServer {
  readonly requests: WalkParams[] = [];

  constructor(
    private readonly tree: FakeNode = TREE,
    private readonly options: { transcripts: boolean } = { transcripts: true },
  ) {}

  /** The request handler, shaped like the extension's `WalkRequest`. */
  readonly walk = async (params: WalkParams): Promise<WalkResult> => {
    this.requests.push(structuredClone(params));
    const start = params.from === null ? this.tree : findCheck(this.tree, params.from);
    if (!start) throw new Error(`no check ${params.from}`);
    let node: FakeNode = start;
    const breadcrumbs: Breadcrumb[] = [];
    for (const choice of params.choices) {
      if (!('question' in node)) throw new Error('choice after an outcome');
      const answer: { label: string; next: FakeNode } | undefined = node.answers[choice];
      if (!answer) throw new Error(`choice ${choice} out of range`);
      breadcrumbs.push({ question: node.question, answer: answer.label });
      node = answer.next;
    }
    if ('question' in node) {
      return {
        breadcrumbs,
        step: { kind: 'question', check: node.check, text: node.question, details: node.details ?? '', choices: node.answers.map((a) => a.label) },
        transcript: null,
      };
    }
    const transcript = this.options.transcripts
      ? `# Walk\n\n${breadcrumbs.map((b) => `- ${b.question} ${b.answer}`).join('\n')}\n\nOutcome: ${node.outcome}\n`
      : null;
    return {
      breadcrumbs,
      step: { kind: 'outcome', text: node.outcome, marker: node.marker, action: node.action ?? '', warning: node.warning ?? null },
      transcript,
    };
  };
}

function findCheck(node: FakeNode, check: string): FakeNode | undefined {
  if (!('question' in node)) return undefined;
  if (node.check === check) return node;
  for (const answer of node.answers) {
    const found = findCheck(answer.next, check);
    if (found) return found;
  }
  return undefined;
}
