/**
 * The custom requests `treelint lsp` serves beyond the LSP standard, as plain types.
 *
 * This module imports nothing from `vscode`, so the unit tests, the integration test and the
 * extension share one definition of the wire format.
 */

/** Method name of the walk request. */
export const WALK_METHOD = 'treelint/walk';
/** Method name of the export request. */
export const EXPORT_METHOD = 'treelint/export';
/** Command the server's "▶ Walk from here" code lens runs, with arguments `[uri, checkId]`. */
export const WALK_COMMAND = 'treelint.walk';

/** Parameters of `treelint/walk`: the walk is replayed from `from` through `choices`. */
export interface WalkParams {
  uri: string;
  /** Check id to start at; `null` starts at the root. */
  from: string | null;
  /** Which tree of a document with several (number, root text or heading); absent: the first. */
  tree?: string | null;
  /** 0-based indices of the answers chosen so far. */
  choices: number[];
  /** When the walk started, as the server said in an earlier result. */
  started?: string;
  /** When each choice was made, as the server said in earlier results. */
  times?: string[];
  /** A walk's record (transcript): the walk resumes where it stopped, then follows `choices`. */
  record?: string;
}

/** One answered question on the way to the current step. */
export interface Breadcrumb {
  question: string;
  answer: string;
}

/** A question waiting for an answer. */
export interface QuestionStep {
  kind: 'question';
  check: string | null;
  text: string;
  /** Markdown: the check's Node Details (commands, notes). May be empty. */
  details: string;
  choices: string[];
}

/** The end of a walk. */
export interface OutcomeStep {
  kind: 'outcome';
  text: string;
  marker: string | null;
  /** Markdown: the resolved Terminal Action, if any. */
  action: string;
  warning: string | null;
}

/** Either kind of step. */
export type WalkStep = QuestionStep | OutcomeStep;

/** Result of `treelint/walk`. */
export interface WalkResult {
  breadcrumbs: Breadcrumb[];
  step: WalkStep;
  /** Markdown record of the walk, present when the step is an outcome. */
  transcript: string | null;
  /** When the walk started (UTC, from the server's clock): send it back as `started`. */
  started?: string;
  /** When each choice was made: send them back as `times`, so each step keeps its time. */
  times?: string[];
}

/** Formats `treelint/export` can produce. */
export type ExportFormat = 'mermaid' | 'dot' | 'json';

/** Parameters of `treelint/export`. */
export interface ExportParams {
  uri: string;
  format: ExportFormat;
}

/** Result of `treelint/export`. */
export interface ExportResult {
  text: string;
}
