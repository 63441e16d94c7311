/**
 * Where a clicked graph node lives in the document.
 *
 * The webview reports the Mermaid node id and the label it drew. The JSON export maps node
 * ids to source positions; when it gives none for that id (or the export's shape is one this
 * version does not know), the label is searched for in the document's lines, tree lines first.
 * Pure: no VS Code, no I/O. Lines here are 0-based.
 */

/** Node id → 0-based line, read from a JSON export. */
export type NodeLines = Map<string, number>;

/**
 * Reads the node positions from the JSON export text. Accepts the shapes a model export
 * plausibly has: `nodes` at the top or under `trees[]`/`model`, each node with an `id` and a
 * 1-based `line`, a `start: {line}`, or a byte `span: {start, end}` into `documentText`.
 */
export function nodeLinesFromJson(jsonText: string, documentText: string): NodeLines {
  const lines: NodeLines = new Map();
  let value: unknown;
  try {
    value = JSON.parse(jsonText);
  } catch {
    return lines;
  }
  const byteLine = byteOffsetToLine(documentText);
  for (const node of collectNodes(value)) {
    const id = node.id ?? node.mermaid_id ?? node.key;
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    const line = nodeLine(node, byteLine);
    if (line !== undefined && line >= 0) lines.set(String(id), line);
  }
  return lines;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collectNodes(value: unknown): Json[] {
  if (!isObject(value)) return [];
  const found: Json[] = [];
  if (Array.isArray(value.nodes)) found.push(...value.nodes.filter(isObject));
  for (const key of ['trees', 'documents', 'files']) {
    const list = value[key];
    if (Array.isArray(list)) for (const item of list) found.push(...collectNodes(item));
  }
  for (const key of ['model', 'document', 'graph', 'tree']) {
    if (isObject(value[key])) found.push(...collectNodes(value[key]));
  }
  return found;
}

function nodeLine(node: Json, byteLine: (offset: number) => number): number | undefined {
  if (typeof node.line === 'number') return node.line - 1;
  for (const key of ['start', 'position']) {
    const start = node[key];
    if (isObject(start) && typeof start.line === 'number') return start.line - 1;
  }
  for (const key of ['span', 'line_span', 'text_span', 'range']) {
    const span = node[key];
    if (!isObject(span)) continue;
    if (typeof span.line === 'number') return span.line - 1;
    if (typeof span.start_line === 'number') return span.start_line - 1;
    if (isObject(span.start) && typeof span.start.line === 'number') return span.start.line - 1;
    if (typeof span.start === 'number') return byteLine(span.start);
  }
  if (Array.isArray(node.span) && typeof node.span[0] === 'number') return byteLine(node.span[0]);
  return undefined;
}

/** Maps a UTF-8 byte offset of `text` to its 0-based line. */
export function byteOffsetToLine(text: string): (offset: number) => number {
  const starts = [0];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** The glyphs that start a branch line; lines with one are searched first. */
const BRANCH = /(├|└|\|--|\+--|`--|\\--)/;

/** Finds the line holding `label`, preferring tree lines; `undefined` when nothing matches. */
export function findLabelLine(documentText: string, label: string): number | undefined {
  const wanted = normalise(label);
  if (!wanted) return undefined;
  const docLines = documentText.split(/\r?\n/);
  const attempts = [wanted];
  // Exports may shorten long labels or drop the check label; try a prefix and the rest.
  const withoutCheck = wanted.replace(/^\[check [^\]]*\]\s*/, '');
  if (withoutCheck !== wanted) attempts.push(withoutCheck);
  const prefix = [...withoutCheck].slice(0, 24).join('').replace(/…$/, '');
  if (prefix.length >= 6) attempts.push(prefix);
  for (const needle of attempts) {
    let fallback: number | undefined;
    for (let i = 0; i < docLines.length; i++) {
      if (!normalise(docLines[i]).includes(needle)) continue;
      if (BRANCH.test(docLines[i])) return i;
      fallback ??= i;
    }
    if (fallback !== undefined) return fallback;
  }
  return undefined;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The line to reveal for a click: the export's position if it agrees with the label, else a search. */
export function locateNode(nodeId: string, label: string, lines: NodeLines, documentText: string): number | undefined {
  const mapped = lines.get(nodeId);
  const docLines = documentText.split(/\r?\n/);
  const head = normalise(label).slice(0, 12);
  if (mapped !== undefined && mapped < docLines.length) {
    if (!head || normalise(docLines[mapped]).includes(head)) return mapped;
  }
  return findLabelLine(documentText, label) ?? (mapped !== undefined && mapped < docLines.length ? mapped : undefined);
}
