/**
 * Finding the `treelint` binary: the `treelint.path` setting first, else `treelint` on `PATH`.
 *
 * Pure apart from the injected file probe, so the unit tests run it on made-up file systems.
 * Invariant: a `found` result always names an existing executable file as an absolute path;
 * every `missing` result carries a message that tells the user how to install or point at it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The command that installs the binary from a clone of the repository. */
export const INSTALL_COMMAND = 'cargo install --path crates/treelint';

/** Everything discovery looks at, so tests can supply their own. */
export interface DiscoveryInput {
  /** The `treelint.path` setting; empty or blank means unset. */
  configuredPath: string | undefined;
  /** The `PATH` environment variable. */
  envPath: string | undefined;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** Windows `PATHEXT`; ignored elsewhere. */
  pathExt?: string;
  /** Folder that relative settings resolve against (the first workspace folder). */
  workspaceFolder?: string;
  /** Home folder, for `~` in the setting. */
  home?: string;
  /** Whether `file` exists and can be executed. */
  isExecutable: (file: string) => boolean;
}

/** Where the binary was found. */
export type Discovery =
  | { kind: 'found'; path: string; source: 'setting' | 'PATH' }
  | { kind: 'missing'; message: string };

/** Looks the binary up as described in the module docs. */
export function discoverTreelint(input: DiscoveryInput): Discovery {
  const setting = input.configuredPath?.trim();
  if (setting) {
    const candidate = resolveSetting(setting, input);
    for (const file of withExtensions(candidate, input)) {
      if (input.isExecutable(file)) {
        return { kind: 'found', path: file, source: 'setting' };
      }
    }
    return {
      kind: 'missing',
      message:
        `treelint: the setting "treelint.path" is "${setting}", but no executable file is there. ` +
        `Fix the setting, or clear it to use treelint from PATH ` +
        `(install it with \`${INSTALL_COMMAND}\` from a clone of the treelint repository).`,
    };
  }
  const sep = input.platform === 'win32' ? ';' : ':';
  for (const dir of (input.envPath ?? '').split(sep)) {
    // An empty PATH entry means the current folder, which an editor's folder is not: skip it.
    if (!dir) continue;
    for (const file of withExtensions(path.join(dir, 'treelint'), input)) {
      if (input.isExecutable(file)) {
        return { kind: 'found', path: path.resolve(file), source: 'PATH' };
      }
    }
  }
  return {
    kind: 'missing',
    message:
      `treelint: the \`treelint\` binary was not found on PATH. Install it with ` +
      `\`${INSTALL_COMMAND}\` from a clone of the treelint repository, ` +
      `or set "treelint.path" to the binary.`,
  };
}

/** Expands `~` and `${workspaceFolder}` and makes the setting absolute. */
function resolveSetting(setting: string, input: DiscoveryInput): string {
  let value = setting;
  const home = input.home ?? os.homedir();
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) {
    value = path.join(home, value.slice(1));
  }
  if (input.workspaceFolder) {
    value = value.replace(/\$\{workspaceFolder\}/g, input.workspaceFolder);
  }
  if (!path.isAbsolute(value)) {
    value = path.resolve(input.workspaceFolder ?? process.cwd(), value);
  }
  return value;
}

/** On Windows a bare name may need `.exe` and friends; elsewhere the name is used as is. */
function withExtensions(file: string, input: DiscoveryInput): string[] {
  if (input.platform !== 'win32') return [file];
  const exts = (input.pathExt ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  if (exts.some((ext) => file.toLowerCase().endsWith(ext.toLowerCase()))) return [file];
  return [file, ...exts.map((ext) => file + ext.toLowerCase())];
}

/** The real file probe: a regular file with an execute bit (on Windows: a regular file). */
export function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
