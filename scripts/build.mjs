// Bundles the extension client, the language server and the halint CLI into CommonJS files under
// dist/. Bundling inlines chevrotain and the LSP libraries, which keeps start-up fast (loading
// chevrotain unbundled costs about a quarter of a second) and lets the .vsix ship no node_modules.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--outdir=DIR` writes the bundles elsewhere than dist/ and `--bins` builds only what the npm
// package ships (server, CLI, the CLI's topology assets): scripts/pack-server.mjs stages the
// package this way without rewriting dist/ under the feet of running tests.
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length);
const binsOnly = process.argv.includes('--bins');

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

/**
 * The server and the CLI are package bins: a `#!/usr/bin/env node` line and the run bits let a
 * shell (or an editor starting `ha-language-server --stdio`) run them directly. Without the line,
 * `/bin/sh` reads the bundle as a shell script and stops at `"use strict"`.
 */
const executable = {
  banner: { js: '#!/usr/bin/env node' },
  plugins: [
    {
      name: 'executable',
      setup(build) {
        build.onEnd(() => {
          const file = build.initialOptions.outfile;
          if (file && existsSync(file)) chmodSync(file, 0o755);
        });
      },
    },
  ],
};

/**
 * The topology command's layout engine (elkjs, 3.2 MB of the CLI's 5.7 MB) lives in its own file,
 * `dist/elk.cjs`, that the CLI requires only when `halint topology` runs: V8 compiles every byte of
 * a bundle it loads, so carrying elkjs inside `cli.cjs` cost every plain `halint` run about 0.1 s.
 */
const ELK = 'elkjs/lib/elk.bundled.js';
const elkOutside = {
  name: 'elk-outside',
  setup(build) {
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({
      path: './elk.cjs',
      external: true,
    }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.cjs',
    external: ['vscode'],
  },
  { ...common, ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.cjs' },
  // `cli.cjs` is the `halint` program: a small launcher that runs the CLI proper, `cli-main.cjs`,
  // with the V8 code cache written below (see server/src/cli/launcher.ts).
  {
    ...common,
    ...executable,
    entryPoints: ['server/src/cli/launcher.ts'],
    outfile: 'dist/cli.cjs',
  },
  {
    ...common,
    ...executable,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli-main.cjs',
    // Minified in every build, as the npm package's is: a third less to read and compile at each
    // start. The linked source map still names the TypeScript lines.
    minify: true,
    plugins: [...executable.plugins, elkOutside],
  },
  { ...common, entryPoints: [ELK], outfile: 'dist/elk.cjs' },
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

const selected = builds
  .filter((options) => !binsOnly || options.outfile !== 'dist/extension.cjs')
  .map((options) =>
    outdir ? { ...options, outfile: options.outfile.replace(/^dist\//, `${outdir}/`) } : options,
  );

if (watch) {
  const contexts = await Promise.all(selected.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(selected.map((options) => esbuild.build(options)));
  if (!binsOnly) writeCodeCache(outdir ?? 'dist');
}

/**
 * Runs the new CLI once over examples/ (both daemons, a cluster of two nodes) and keeps the code V8
 * compiled, for the launcher to hand back to V8 on every later start. The cache is tied to this
 * Node version and to this exact bundle; the launcher ignores it otherwise. The npm package
 * (`--bins`) ships none: its users' Node versions are not the packer's.
 */
function writeCodeCache(dir) {
  const cache = `${dir}/cli-main.cjs.v8cache`;
  rmSync(cache, { force: true });
  try {
    execFileSync(process.execPath, [`${dir}/cli.cjs`, 'examples'], {
      env: { ...process.env, HALINT_WRITE_CODE_CACHE: '1', NODE_OPTIONS: '' },
      stdio: 'ignore',
    });
  } catch (error) {
    // Findings in the examples end the run with status 1; only a run that wrote nothing is a problem.
    if (!existsSync(cache)) throw error;
  }
}
