/**
 * Entry point: starts the client for Markdown files and registers the three commands
 * ("Walk this tree", "Show graph", "Restart server") and the details document provider.
 * The code lens "▶ Walk from here" comes from the server and runs `treelint.walk` with
 * `[uri, checkId]`.
 */
import * as vscode from 'vscode';
import { ServerController } from './client';
import { GraphPanels } from './graphPanel';
import { WALK_COMMAND, WALK_METHOD, type WalkParams, type WalkResult } from './protocol';
import { recordTree, runWalk, walkTarget } from './walk';
import { DETAILS_SCHEME, DetailsProvider, QuickPickWalkUi } from './walkUi';

let controller: ServerController | undefined;

/** Called by VS Code when a Markdown file opens or a Treelint command runs. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Treelint');
  const trace = vscode.window.createOutputChannel('Treelint Trace');
  const server = new ServerController(output, trace);
  controller = server;
  const details = new DetailsProvider();
  const graphs = new GraphPanels(context.extensionUri, () => server.ensureStarted());

  context.subscriptions.push(
    output,
    trace,
    server,
    graphs,
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    vscode.commands.registerCommand(WALK_COMMAND, (uri?: unknown, check?: unknown, tree?: unknown) => walkCommand(server, details, uri, check, tree)),
    vscode.commands.registerCommand('treelint.resumeWalk', () => resumeCommand(server, details)),
    vscode.commands.registerCommand('treelint.showGraph', async () => {
      const document = activeMarkdown();
      if (document) await graphs.show(document);
    }),
    vscode.commands.registerCommand('treelint.restartServer', async () => {
      const client = await server.restart();
      if (client) void vscode.window.setStatusBarMessage('treelint: server restarted', 3000);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('treelint.path') || event.affectsConfiguration('treelint.include')) {
        void server.restart();
      }
    }),
  );
  await server.ensureStarted();
}

/** Called by VS Code on shutdown: stops the server cleanly. */
export async function deactivate(): Promise<void> {
  await controller?.stop();
}

function activeMarkdown(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('treelint: open a Markdown file with a decision tree first.');
    return undefined;
  }
  return document;
}

/** `treelint.walk`: from the palette (the active file, from its root) or a code lens (`[uri, checkId]`, `[uri, null, tree]`). */
async function walkCommand(
  server: ServerController,
  details: DetailsProvider,
  uriArg: unknown,
  checkArg: unknown,
  treeArg?: unknown,
): Promise<void> {
  // A lens or another caller names the document; the palette walks the active one.
  const named = uriArg !== undefined && uriArg !== null;
  const document = named ? undefined : activeMarkdown();
  const target = walkTarget(uriArg, checkArg, document?.uri.toString(), treeArg);
  if (!target) return;
  const { uri, from, tree } = target;
  const client = await server.ensureStarted();
  if (!client) return;
  const request = (params: WalkParams) => client.sendRequest<WalkResult>(WALK_METHOD, params);
  try {
    const end = await runWalk(request, new QuickPickWalkUi(details), uri, from, undefined, tree);
    if (end.kind === 'finished') {
      const transcript = await vscode.workspace.openTextDocument({ language: 'markdown', content: end.transcript });
      await vscode.window.showTextDocument(transcript, { preview: false });
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`treelint walk: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** `treelint.resumeWalk`: the active document is a walk's record; go on where it stopped. */
async function resumeCommand(server: ServerController, details: DetailsProvider): Promise<void> {
  const record = vscode.window.activeTextEditor?.document;
  const header = record ? recordTree(record.getText()) : undefined;
  if (!record || !header) {
    void vscode.window.showInformationMessage('treelint: open the record of a walk (a transcript) first.');
    return;
  }
  const client = await server.ensureStarted();
  if (!client) return;
  const request = (params: WalkParams) => client.sendRequest<WalkResult>(WALK_METHOD, params);
  try {
    // The server walks open documents: open the tree the record names.
    const tree = await vscode.workspace.openTextDocument(vscode.Uri.file(header.tree));
    const end = await runWalk(request, new QuickPickWalkUi(details), tree.uri.toString(), header.from, record.getText());
    if (end.kind === 'finished') {
      const transcript = await vscode.workspace.openTextDocument({ language: 'markdown', content: end.transcript });
      await vscode.window.showTextDocument(transcript, { preview: false });
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`treelint walk: ${err instanceof Error ? err.message : String(err)}`);
  }
}
