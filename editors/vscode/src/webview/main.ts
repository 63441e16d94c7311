/**
 * The graph webview's script: renders Mermaid text sent by the extension and reports clicks on
 * nodes. Bundled with Mermaid into one file by esbuild; it fetches nothing.
 */
import mermaid from 'mermaid';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const status = document.getElementById('status') as HTMLElement;
const graph = document.getElementById('graph') as HTMLElement;
let renders = 0;

const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
mermaid.initialize({
  startOnLoad: false,
  // 'strict' keeps labels as text and disables click callbacks in the diagram; clicks are
  // wired below from outside the diagram instead.
  securityLevel: 'strict',
  theme: dark ? 'dark' : 'default',
  flowchart: { useMaxWidth: false },
});

/** The Mermaid id of a rendered node: `data-id`, else parsed from `flowchart-<id>-<n>`. */
function nodeId(element: Element): string {
  const dataId = element.getAttribute('data-id');
  if (dataId) return dataId;
  // Mermaid prefixes the render id: `<renderId>-flowchart-<id>-<n>`.
  const match = /(?:^|-)flowchart-(.+)-\d+$/.exec(element.id);
  return match ? match[1] : element.id;
}

async function render(text: string): Promise<void> {
  renders += 1;
  try {
    const { svg, bindFunctions } = await mermaid.render(`treelint-graph-${renders}`, text);
    graph.innerHTML = svg;
    bindFunctions?.(graph);
    status.textContent = 'Click a node to show its line.';
    for (const node of Array.from(graph.querySelectorAll('g.node'))) {
      node.addEventListener('click', () => {
        const label = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
        vscode.postMessage({ type: 'reveal', nodeId: nodeId(node), label });
      });
    }
  } catch (err) {
    status.textContent = `The graph could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = event.data as { type: string; mermaid?: string; message?: string };
  if (msg.type === 'render' && typeof msg.mermaid === 'string') void render(msg.mermaid);
  if (msg.type === 'error') status.textContent = msg.message ?? 'Unknown error';
});

vscode.postMessage({ type: 'ready' });
