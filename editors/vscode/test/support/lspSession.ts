/**
 * Drives a real `treelint lsp` over stdio with the protocol library VS Code's client is built
 * on (`vscode-languageserver-protocol` over `vscode-jsonrpc`), as the extension would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  type Diagnostic,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/** One server process and its connection. */
export class LspSession {
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly input: PassThrough;

  private constructor(readonly process: ChildProcess) {
    // Writes go through a pipe that outlives the server: if it dies, its exit is reported
    // (see start) instead of write errors that vscode-jsonrpc would leave unhandled.
    const input = new PassThrough();
    this.input = input;
    input.pipe(process.stdin!);
    process.stdin!.on('error', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(input));
    process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  /** Spawns `bin lsp` and runs `initialize`/`initialized` with `rootUri`. */
  static async start(bin: string, rootUri: string): Promise<{ session: LspSession; init: InitializeResult }> {
    const child = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new LspSession(child);
    const spawnFailed = new Promise<never>((_, reject) => child.on('error', (err) => reject(new Error(`cannot start ${bin} lsp: ${err.message}`))));
    const exitedEarly = session.exited.then((code) => {
      throw new Error(`${bin} lsp exited with status ${code} before answering initialize; stderr:\n${session.stderr.join('')}`);
    });
    const initialized = session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'corpus' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          codeLens: {},
        },
        workspace: { workspaceFolders: true },
      },
    });
    const init = await Promise.race([initialized, exitedEarly, spawnFailed]);
    // The exit watcher stays armed for stop(); keep its later rejection from going unhandled.
    exitedEarly.catch(() => undefined);
    spawnFailed.catch(() => undefined);
    await session.connection.sendNotification(InitializedNotification.type, {});
    return { session, init };
  }

  /** Opens a Markdown document. */
  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  }

  /** Resolves with the first non-empty diagnostics published for `uri`, or rejects after `ms`. */
  async diagnosticsFor(uri: string, ms: number): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && current.length > 0) return current;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} within ${ms} ms; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** `shutdown` then `exit`; resolves with the exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      // Like VS Code's and Neovim's clients, close the server's stdin after `exit`.
      this.input.end();
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 5000)))]);
      clearTimeout(timer);
      this.connection.dispose();
      if (code === 'timeout') {
        this.process.kill();
        throw new Error('the server did not exit within 5 s of `exit`');
      }
      return code;
    }
  }
}
