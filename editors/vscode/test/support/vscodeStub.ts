/**
 * A small stand-in for the `vscode` module, enough for the quick-pick walk UI. Importing this
 * file makes `require('vscode')` resolve to it, so tests run under plain Node with no VS Code
 * download. Tests script the user through `stub.onShow`.
 */
import Module = require('node:module');

/** The fake quick pick handed to `onShow`. */
export interface FakeQuickPick {
  title?: string;
  placeholder?: string;
  items: { label: string; kind?: number; detail?: string; description?: string }[];
  selectedItems: unknown[];
  ignoreFocusOut: boolean;
  matchOnDetail: boolean;
  /** Selects the item with this label and accepts it, as Enter would. */
  accept(label: string): void;
  /** Dismisses the pick, as Escape would. */
  hide(): void;
  disposed: boolean;
}

type Listener<T> = (value: T) => void;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** Script hooks and records. */
export const stub = {
  onShow: (_qp: FakeQuickPick): void => {
    throw new Error('no onShow script set');
  },
  executed: [] as { command: string; args: unknown[] }[],
  picks: [] as FakeQuickPick[],
};

function createQuickPick(): FakeQuickPick {
  const accepted = new EventEmitter<void>();
  const hidden = new EventEmitter<void>();
  const qp = {
    items: [],
    selectedItems: [],
    ignoreFocusOut: false,
    matchOnDetail: true,
    disposed: false,
    onDidAccept: accepted.event,
    onDidHide: hidden.event,
    show() {
      stub.picks.push(qp);
      // Like VS Code, the user acts after show() returns.
      queueMicrotask(() => stub.onShow(qp));
    },
    accept(label: string) {
      const item = qp.items.find((i) => i.label === label && i.kind !== QuickPickItemKind.Separator);
      if (!item) throw new Error(`no item "${label}" in [${qp.items.map((i) => i.label).join(', ')}]`);
      qp.selectedItems = [item];
      accepted.fire();
    },
    hide() {
      hidden.fire();
    },
    dispose() {
      qp.disposed = true;
      hidden.fire();
    },
  } as FakeQuickPick & Record<string, unknown>;
  return qp;
}

const QuickPickItemKind = { Separator: -1, Default: 0 } as const;

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static from(parts: { scheme: string; path: string }): Uri {
    return new Uri(parts.scheme, parts.path);
  }
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
}

const vscodeModule = {
  EventEmitter,
  QuickPickItemKind,
  Uri,
  window: { createQuickPick },
  commands: {
    executeCommand: async (command: string, ...args: unknown[]) => {
      stub.executed.push({ command, args });
    },
  },
};

type Resolver = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const original = mod._resolveFilename;
const STUB_ID = '\0vscode-stub';
mod._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STUB_ID : original.call(this, request, ...rest);
};
mod._cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: vscodeModule };
