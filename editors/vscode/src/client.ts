/**
 * The language client's life: find the binary, start `treelint lsp` over stdio for the
 * Markdown files `treelint.include` matches, stop and restart it.
 *
 * Invariant: at most one client runs; `current()` is either a started client or undefined,
 * and a missing binary is reported once per start attempt with the install command.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { discoverTreelint, INSTALL_COMMAND, isExecutableFile } from './binary';

/** The client id: VS Code's client library reads `treelint.trace.server` because of it. */
export const CLIENT_ID = 'treelint';

/** Default of the `treelint.include` setting. */
export const DEFAULT_INCLUDE = '**/*.md';

/** Owns the running language client. */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly traceOutput: vscode.OutputChannel,
  ) {}

  /** The running client, if any. */
  current(): LanguageClient | undefined {
    return this.client;
  }

  /** Returns the running client, starting one if none runs; undefined if it cannot start. */
  async ensureStarted(): Promise<LanguageClient | undefined> {
    if (this.client) return this.client;
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops the client (if any) and starts a fresh one with the current settings. */
  async restart(): Promise<LanguageClient | undefined> {
    await this.stop();
    return this.ensureStarted();
  }

  /** Stops the running client. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop();
      } catch (err) {
        this.output.appendLine(`treelint: stopping the server failed: ${String(err)}`);
      }
    }
  }

  dispose(): void {
    void this.stop();
  }

  private async start(): Promise<LanguageClient | undefined> {
    const config = vscode.workspace.getConfiguration('treelint');
    const found = discoverTreelint({
      configuredPath: config.get<string>('path'),
      envPath: process.env.PATH,
      pathExt: process.env.PATHEXT,
      platform: process.platform,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      isExecutable: isExecutableFile,
    });
    if (found.kind === 'missing') {
      this.output.appendLine(found.message);
      void reportMissing(found.message);
      return undefined;
    }
    this.output.appendLine(`treelint: starting ${found.path} lsp (found via ${found.source})`);
    const include = config.get<string>('include')?.trim() || DEFAULT_INCLUDE;
    const serverOptions: ServerOptions = {
      command: found.path,
      args: ['lsp'],
      transport: TransportKind.stdio,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown', pattern: include },
        { scheme: 'untitled', language: 'markdown' },
      ],
      outputChannel: this.output,
      traceOutputChannel: this.traceOutput,
      synchronize: {
        configurationSection: 'treelint',
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/*.md'),
          vscode.workspace.createFileSystemWatcher('**/treelint.toml'),
        ],
      },
    };
    const client = new LanguageClient(CLIENT_ID, 'Treelint', serverOptions, clientOptions);
    try {
      await client.start();
    } catch (err) {
      this.output.appendLine(`treelint: the server did not start: ${String(err)}`);
      void vscode.window.showErrorMessage(`treelint: the language server did not start (${String(err)}). See the Treelint output.`);
      return undefined;
    }
    this.client = client;
    return client;
  }
}

async function reportMissing(message: string): Promise<void> {
  const copy = 'Copy install command';
  const settings = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(message, copy, settings);
  if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'treelint.path');
  }
}
