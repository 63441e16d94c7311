/**
 * The walk flow: drives `treelint/walk` one question at a time through an abstract UI.
 *
 * The server is stateless about walks: every request replays `choices` from `from`, so going
 * back is popping the last choice. This module knows nothing of VS Code; `walkUi.ts` adapts
 * it to quick picks, and the tests drive it with scripted UIs and fake servers.
 * Invariant: `choices` only ever holds indices the server offered for the step they answer.
 * Times: the server stamps the start and each choice when it first sees them and returns the
 * stamps; they are sent back with every replay, so the transcript has the time of each step.
 */
import type { Breadcrumb, OutcomeStep, QuestionStep, WalkParams, WalkResult } from './protocol';

/** Sends `treelint/walk` to the server. */
export type WalkRequest = (params: WalkParams) => Promise<WalkResult>;

/** What the user did with a question. */
export type QuestionAnswer = { kind: 'choose'; index: number } | { kind: 'back' } | { kind: 'cancel' };

/** What the user did at the outcome. */
export type OutcomeAnswer = { kind: 'finish' } | { kind: 'back' } | { kind: 'cancel' };

/** The screens a walk needs; one call per step shown. */
export interface WalkUi {
  /** Shows a question; `canGoBack` is false at the first one. */
  askQuestion(step: QuestionStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<QuestionAnswer>;
  /** Shows the outcome reached. */
  showOutcome(step: OutcomeStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<OutcomeAnswer>;
}

/** How a walk ended. */
export type WalkEnd =
  | { kind: 'finished'; result: WalkResult & { step: OutcomeStep }; transcript: string; choices: number[] }
  | { kind: 'cancelled' };

/**
 * Runs one walk of `uri` from check `from` (or the root of tree `tree`, else of the first)
 * until the user finishes or cancels; with `record` (a transcript), the walk resumes where
 * that record stopped.
 */
export async function runWalk(
  request: WalkRequest,
  ui: WalkUi,
  uri: string,
  from: string | null,
  record?: string,
  tree: string | null = null,
): Promise<WalkEnd> {
  const choices: number[] = [];
  let started: string | undefined;
  let times: string[] = [];
  for (;;) {
    const params: WalkParams = { uri, from, ...(tree ? { tree } : {}), choices: [...choices] };
    if (record !== undefined) params.record = record;
    if (started) {
      params.started = started;
      params.times = times.slice(0, choices.length);
    }
    const result = await request(params);
    if (result.started) started = result.started;
    if (Array.isArray(result.times)) times = [...result.times];
    const step = result.step;
    if (step.kind === 'question') {
      if (step.choices.length === 0) {
        // A question without answers cannot be walked further; the server should not send
        // one, but treat it as the end rather than looping.
        throw new Error(`treelint: the question "${step.text}" has no answers to choose from.`);
      }
      const answer = await ui.askQuestion(step, result.breadcrumbs, choices.length > 0);
      if (answer.kind === 'cancel') return { kind: 'cancelled' };
      if (answer.kind === 'back') {
        if (choices.length === 0) return { kind: 'cancelled' };
        choices.pop();
        continue;
      }
      if (!Number.isInteger(answer.index) || answer.index < 0 || answer.index >= step.choices.length) {
        throw new Error(`treelint: answer ${answer.index} is not one of the ${step.choices.length} offered.`);
      }
      choices.push(answer.index);
      continue;
    }
    const answer = await ui.showOutcome(step, result.breadcrumbs, choices.length > 0);
    if (answer.kind === 'cancel') return { kind: 'cancelled' };
    if (answer.kind === 'back') {
      if (choices.length === 0) return { kind: 'cancelled' };
      choices.pop();
      continue;
    }
    const transcript = result.transcript ?? fallbackTranscript(result.breadcrumbs, step);
    return { kind: 'finished', result: { ...result, step }, transcript, choices };
  }
}

/**
 * A minimal Markdown record for servers that send no transcript: the answers taken and the
 * outcome, so the user never ends a walk with nothing to keep.
 */
export function fallbackTranscript(breadcrumbs: Breadcrumb[], step: OutcomeStep): string {
  const lines = ['# Decision walk', ''];
  breadcrumbs.forEach((crumb, i) => {
    lines.push(`${i + 1}. **${crumb.question}** — ${crumb.answer}`);
  });
  if (breadcrumbs.length > 0) lines.push('');
  lines.push(`**Outcome:** ${outcomeLabel(step)}`);
  if (step.warning) lines.push('', `> ${step.warning}`);
  if (step.action.trim()) lines.push('', step.action.trim());
  return lines.join('\n') + '\n';
}

/**
 * Where a `treelint.walk` invocation starts: a code lens passes `[uri, checkId]` (a string, or
 * a `Uri` from other callers) or `[uri, null, treeNumber]` for one tree of a document with
 * several; the command palette passes nothing, meaning the active document from its root.
 * `undefined` when there is neither.
 */
export function walkTarget(
  uriArg: unknown,
  checkArg: unknown,
  activeUri: string | undefined,
  treeArg?: unknown,
): { uri: string; from: string | null; tree: string | null } | undefined {
  let uri: string | undefined;
  if (typeof uriArg === 'string' && uriArg) {
    uri = uriArg;
  } else if (typeof uriArg === 'object' && uriArg !== null && 'scheme' in uriArg) {
    uri = String(uriArg);
  } else {
    uri = activeUri;
  }
  if (!uri) return undefined;
  const from = typeof checkArg === 'string' && checkArg ? checkArg : typeof checkArg === 'number' ? String(checkArg) : null;
  const tree = typeof treeArg === 'string' && treeArg ? treeArg : typeof treeArg === 'number' ? String(treeArg) : null;
  return { uri, from, tree };
}

/** One row of a question or outcome pick, independent of the UI toolkit. */
export interface PickRow {
  label: string;
  description?: string;
  detail?: string;
  /** What choosing the row does. */
  action: { kind: 'choose'; index: number } | { kind: 'details' } | { kind: 'back' } | { kind: 'finish' };
}

/** A separator line between rows. */
export interface PickSeparator {
  separator: string;
}

/** The rows of the pick for a question: its answers, then details and Back when they apply. */
export function questionRows(step: QuestionStep, canGoBack: boolean): (PickRow | PickSeparator)[] {
  const rows: (PickRow | PickSeparator)[] = step.choices.map((choice, index) => ({
    label: choice,
    action: { kind: 'choose', index } as const,
  }));
  const extras: PickRow[] = [];
  const summary = detailsSummary(step.details);
  if (summary) {
    extras.push({ label: '$(book) Show details', detail: summary, action: { kind: 'details' } });
  }
  if (canGoBack) extras.push({ label: '$(arrow-left) Back', action: { kind: 'back' } });
  if (extras.length > 0) rows.push({ separator: '' }, ...extras);
  return rows;
}

/** The rows of the pick for an outcome: finish (open the transcript), then Back. */
export function outcomeRows(step: OutcomeStep, canGoBack: boolean): PickRow[] {
  const rows: PickRow[] = [
    {
      label: `$(check) ${outcomeLabel(step)}`,
      description: 'open the transcript',
      detail: step.warning ?? (detailsSummary(step.action) || undefined),
      action: { kind: 'finish' },
    },
  ];
  if (canGoBack) rows.push({ label: '$(arrow-left) Back', action: { kind: 'back' } });
  return rows;
}

/** The question as shown: its text, led by its check when the text does not already name it. */
export function questionPrompt(step: QuestionStep): string {
  if (!step.check || /\[check\s/i.test(step.text)) return step.text;
  const name = /^check\b/i.test(step.check) ? step.check : `Check ${step.check}`;
  return `[${name}] ${step.text}`;
}

/** The outcome as shown: its text, led by its marker unless the text already starts with it. */
export function outcomeLabel(step: OutcomeStep): string {
  if (!step.marker || step.text.startsWith(step.marker)) return step.text;
  return `${step.marker} ${step.text}`;
}

/** The pick's title: the path so far, shortest form first. */
export function walkTitle(breadcrumbs: Breadcrumb[]): string {
  if (breadcrumbs.length === 0) return 'Treelint walk';
  const trail = breadcrumbs.map((b) => shorten(b.answer, 24)).join(' › ');
  return `Treelint walk: ${trail}`;
}

/** The first meaningful line of Markdown details, as plain text for a one-line detail. */
export function detailsSummary(markdown: string): string {
  for (const raw of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) continue;
    const line = raw
      .replace(/^#+\s*/, '')
      .replace(/[*_`]/g, '')
      .trim();
    if (line) return shorten(line, 120);
  }
  return '';
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/**
 * The tree a walk's record names (`<!-- treelint-walk {"tree": …, "from": …} -->`, written by
 * `treelint walk --transcript` and by the server), or `undefined` when the text is not a record.
 */
export function recordTree(text: string): { tree: string; from: string | null } | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*<!-- treelint-walk (\{.*\}) -->\s*$/.exec(line);
    if (!m) continue;
    try {
      const header = JSON.parse(m[1]) as { tree?: unknown; from?: unknown };
      if (typeof header.tree !== 'string' || !header.tree) return undefined;
      return { tree: header.tree, from: typeof header.from === 'string' ? header.from : null };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
