// Bundles the extension client, the language server and the halint CLI into CommonJS files under
// dist/. Bundling inlines chevrotain and the LSP libraries, which keeps start-up fast (loading
// chevrotain unbundled costs about a quarter of a second) and lets the .vsix ship no node_modules.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // The sources are ESM with `.js` import suffixes; esbuild resolves them to the `.ts` files.
  mainFields: ['module', 'main'],
  // The CLI reports its version; inlining it avoids reading package.json at run time.
  define: { 'process.env.HALINT_VERSION': JSON.stringify(pkg.version) },
};

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.cjs',
    external: ['vscode'],
  },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.cjs' },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The topology view's browser script, with elkjs (the language server never loads it), and its
  // stylesheet. The VS Code panel loads both as webview resources; `halint topology --format html`
  // inlines them into a standalone page.
  {
    entryPoints: ['webview/src/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
  },
  {
    entryPoints: ['webview/src/style.css'],
    outfile: 'dist/webview.css',
    bundle: true,
    minify: production,
    logLevel: 'warning',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
