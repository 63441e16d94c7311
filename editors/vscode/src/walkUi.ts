/**
 * The walk's screens as VS Code quick picks: one pick per question (answers, then
 * "Show details" and "Back"), and one for the outcome (open the transcript, or Back).
 *
 * The rows come from `walk.ts`; this module only maps them to quick pick items and turns the
 * user's gesture back into a `QuestionAnswer` / `OutcomeAnswer`. Details open as a Markdown
 * preview of a read-only virtual document beside the editor while the pick stays open.
 */
import * as vscode from 'vscode';
import type { Breadcrumb, OutcomeStep, QuestionStep } from './protocol';
import {
  type OutcomeAnswer,
  type PickRow,
  type PickSeparator,
  type QuestionAnswer,
  type WalkUi,
  outcomeRows,
  questionPrompt,
  questionRows,
  walkTitle,
} from './walk';

/** URI scheme of the read-only documents that hold a check's details. */
export const DETAILS_SCHEME = 'treelint-details';

/** Serves the details documents the walk opens; contents are kept until the next walk. */
export class DetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fired when a details document's text is replaced. */
  readonly onDidChange = this.changed.event;

  /** Stores `markdown` under a name and returns the URI that shows it. */
  put(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${name}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

type Item = vscode.QuickPickItem & { row?: PickRow };

function toItems(rows: (PickRow | PickSeparator)[]): Item[] {
  return rows.map((row) =>
    'separator' in row
      ? { label: row.separator, kind: vscode.QuickPickItemKind.Separator }
      : { label: row.label, description: row.description, detail: row.detail, row },
  );
}

/** Shows `items` in a quick pick and resolves with the chosen row, or `undefined` if dismissed. */
function pick(title: string, placeholder: string, items: Item[]): Promise<PickRow | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.items = items;
    qp.matchOnDetail = false;
    // The details preview takes focus; the walk must survive that.
    qp.ignoreFocusOut = true;
    let done = false;
    const finish = (row: PickRow | undefined) => {
      if (done) return;
      done = true;
      resolve(row);
      qp.dispose();
    };
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.row));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** Quick-pick implementation of the walk's screens. */
export class QuickPickWalkUi implements WalkUi {
  constructor(private readonly details: DetailsProvider) {}

  async askQuestion(step: QuestionStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<QuestionAnswer> {
    const items = toItems(questionRows(step, canGoBack));
    const question = questionPrompt(step);
    for (;;) {
      const row = await pick(walkTitle(breadcrumbs), question, items);
      if (!row) return { kind: 'cancel' };
      switch (row.action.kind) {
        case 'choose':
          return { kind: 'choose', index: row.action.index };
        case 'back':
          return { kind: 'back' };
        case 'details':
          await this.showDetails(step);
          continue;
        case 'finish':
          return { kind: 'cancel' };
      }
    }
  }

  async showOutcome(step: OutcomeStep, breadcrumbs: Breadcrumb[], canGoBack: boolean): Promise<OutcomeAnswer> {
    const row = await pick(walkTitle(breadcrumbs), 'Outcome reached: choose it to open the transcript', toItems(outcomeRows(step, canGoBack)));
    if (!row) return { kind: 'cancel' };
    if (row.action.kind === 'back') return { kind: 'back' };
    if (row.action.kind === 'finish') return { kind: 'finish' };
    return { kind: 'cancel' };
  }

  private async showDetails(step: QuestionStep): Promise<void> {
    const uri = this.details.put('details', `# ${questionPrompt(step)}\n\n${step.details}\n`);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  }
}
