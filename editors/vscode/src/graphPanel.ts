/**
 * "Treelint: Show graph": a webview that draws the tree from the server's Mermaid export.
 *
 * Mermaid is bundled into `out/webview.js`; the page loads nothing from the network: its
 * Content-Security-Policy allows only that script (by nonce) and the webview's own styles.
 * A click on a node posts `{type: 'reveal', nodeId, label}`; the line comes from the JSON
 * export's positions, else from searching the label (see `graphLocate.ts`).
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { locateNode, nodeLinesFromJson } from './graphLocate';
import { EXPORT_METHOD, type ExportParams, type ExportResult } from './protocol';

/** Messages the webview sends. */
type FromWebview = { type: 'reveal'; nodeId: string; label: string } | { type: 'ready' } | { type: 'error'; message: string };

/**
 * One graph panel per document, drawn when its page reports `ready` (on first load and each
 * time VS Code reloads a hidden webview) and redrawn when the document is saved.
 */
export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => Promise<LanguageClient | undefined>,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((doc) => void this.refresh(doc)),
    );
  }

  /** Opens (or focuses) the graph of `document`. */
  async show(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside);
      await this.refresh(document);
    } else {
      panel = vscode.window.createWebviewPanel('treelint.graph', `Graph: ${basename(document.uri)}`, vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'out')],
        retainContextWhenHidden: false,
      });
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
      panel.webview.onDidReceiveMessage((msg: FromWebview) => void this.onMessage(document.uri, msg));
      // The page asks for its graph with `ready`; a message posted before its script
      // listens would be lost.
      panel.webview.html = this.html(panel.webview);
    }
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    const panel = this.panels.get(document.uri.toString());
    if (!panel) return;
    const client = await this.client();
    if (!client) {
      void panel.webview.postMessage({ type: 'error', message: 'The treelint language server is not running.' });
      return;
    }
    try {
      const params: ExportParams = { uri: document.uri.toString(), format: 'mermaid' };
      const mermaid = await client.sendRequest<ExportResult>(EXPORT_METHOD, params);
      void panel.webview.postMessage({ type: 'render', mermaid: mermaid.text });
    } catch (err) {
      void panel.webview.postMessage({ type: 'error', message: `Export failed: ${errorText(err)}` });
    }
  }

  private async onMessage(uri: vscode.Uri, msg: FromWebview): Promise<void> {
    if (msg.type === 'error') {
      void vscode.window.showWarningMessage(`treelint graph: ${msg.message}`);
      return;
    }
    if (msg.type === 'ready') {
      await this.refresh(await vscode.workspace.openTextDocument(uri));
      return;
    }
    if (msg.type !== 'reveal') return;
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    let lines = new Map<string, number>();
    const client = await this.client();
    if (client) {
      try {
        const json = await client.sendRequest<ExportResult>(EXPORT_METHOD, { uri: uri.toString(), format: 'json' } satisfies ExportParams);
        lines = nodeLinesFromJson(json.text, text);
      } catch {
        // The label search below still finds the line.
      }
    }
    const line = locateNode(msg.nodeId, msg.label, lines, text);
    if (line === undefined) {
      void vscode.window.showInformationMessage(`treelint: no line found for "${msg.label}".`);
      return;
    }
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const textLine = document.lineAt(Math.min(line, document.lineCount - 1));
    const start = textLine.range.start.translate(0, textLine.firstNonWhitespaceCharacterIndex);
    editor.selection = new vscode.Selection(start, textLine.range.end);
    editor.revealRange(textLine.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.js'));
    return graphHtml(webview.cspSource, nonce, script.toString());
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const sub of this.subscriptions) sub.dispose();
  }
}

/**
 * The webview page. Mermaid writes inline `style` attributes and `<style>` elements into its
 * SVG, hence `'unsafe-inline'` for styles only; scripts run only with the nonce.
 */
export function graphHtml(cspSource: string, nonce: string, scriptUri: string): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Treelint graph</title>
<style>
  body { padding: 0 1em; color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  #status { font-style: italic; opacity: 0.8; }
  #graph svg { max-width: none; height: auto; }
  #graph g.node { cursor: pointer; }
</style>
</head>
<body>
<p id="status">Loading the graph…</p>
<div id="graph"></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
