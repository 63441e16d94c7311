// Bundles the extension (Node, `vscode` external) and the graph webview (browser, with Mermaid)
// into out/. `--dev` keeps them unminified with source maps.
import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev');
const common = { bundle: true, minify: !dev, sourcemap: dev, logLevel: 'info', legalComments: 'none' };

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'out/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'out/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);
