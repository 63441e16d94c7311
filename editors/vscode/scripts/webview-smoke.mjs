// Manual check of the graph webview in a real browser: serves the page that graphPanel.ts
// builds (same Content-Security-Policy) with the bundled out/webview.js on loopback, renders
// Mermaid text in Debian's Chromium, clicks a node, and fails on a CSP violation, a request
// that leaves the page's origin, or a click that posts no node id. Not part of `npm test`
// (it needs a browser):
//   apt-get install chromium && npm install --no-save playwright-core
//   npm run compile && npm run compile:tests && node scripts/webview-smoke.mjs [file.mmd] [shot.png]
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = await import('playwright-core');
require(path.join(root, 'out-test/test/support/vscodeStub.js'));
const { graphHtml } = require(path.join(root, 'out-test/src/graphPanel.js'));

const SAMPLE = `flowchart TD
  n0["Something broke after a deployment — roll back or fix forward?"]
  n1{"[Check 1] Is the service completely down?"}
  n2{"[Check 2] Is rollback safe?"}
  n3(["✅ ROLL BACK IMMEDIATELY"]):::action
  n4["evaluate #quot;cost#quot; &lt;15 min"]
  n0 --> n1
  n1 -- "YES" --> n2
  n2 -- "YES" --> n3
  n2 -. "NO" .-> n4
  classDef action fill:#d4edda,stroke:#28a745`;
const text = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : SAMPLE;
const shot = process.argv[3];

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const nonce = 'c21va2Utbm9uY2U=';
const page = graphHtml(origin, nonce, `${origin}/webview.js`).replace(
  '<script nonce',
  `<script nonce="${nonce}">window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m)});` +
    `document.addEventListener('securitypolicyviolation',(e)=>window.__posted.push({csp:e.violatedDirective,uri:e.blockedURI}));</script>\n<script nonce`,
);
server.on('request', (req, res) => {
  if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (req.url === '/webview.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(path.join(root, 'out/webview.js')));
  res.writeHead(404).end();
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const tab = await browser.newPage();
  tab.on('request', (r) => {
    if (!r.url().startsWith(origin)) problems.push(`request left the page: ${r.url()}`);
  });
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await tab.goto(`${origin}/`);
  await tab.evaluate((t) => window.postMessage({ type: 'render', mermaid: t }, '*'), text);
  await tab.waitForSelector('#graph svg g.node', { timeout: 30000 });
  const nodes = await tab.$$('#graph g.node');
  await nodes[Math.min(1, nodes.length - 1)].click();
  if (shot) await tab.screenshot({ path: shot, fullPage: true });
  const posted = await tab.evaluate(() => window.__posted);
  for (const p of posted) if (p.csp) problems.push(`CSP violation: ${p.csp} ${p.uri}`);
  const reveal = posted.find((p) => p.type === 'reveal');
  if (!reveal || !reveal.nodeId || !reveal.label) problems.push(`no reveal message after a click: ${JSON.stringify(posted)}`);
  console.log(`rendered ${nodes.length} nodes; click posted ${JSON.stringify(reveal)}`);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('webview smoke: 1 passed, 0 failed');
