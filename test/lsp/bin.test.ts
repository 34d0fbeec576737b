// The server and halint as installed programs: the bundles start by their own `#!` line (an editor
// runs `ha-language-server --stdio` through the shell), and the npm package packed by
// scripts/pack-server.mjs installs without a network and runs both bins.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../helpers/lsp-harness.js';
import { distFile, projectRoot } from '../helpers/paths.js';
import { BROKEN_HAPROXY } from '../helpers/sample-configs.js';

/** Quotes a path for `/bin/sh`. */
const shellQuote = (path: string): string => `'${path.replace(/'/g, `'\\''`)}'`;

/** Initializes a server started by a command line and checks one diagnostic round trip. */
async function checkServer(commandLine: string, folder: string): Promise<void> {
  const client = LspTestClient.command(commandLine, folder);
  try {
    const result = await client.initialize({ capabilities: {} });
    const info = result['serverInfo'] as { name?: string; version?: string } | undefined;
    assert.equal(info?.name, 'ha-language-server');
    assert.match(info?.version ?? '', /^\d+\.\d+\.\d+/);
    const uri = pathToFileURL(join(folder, 'haproxy.cfg')).href;
    await client.open(uri, 'haproxy', BROKEN_HAPROXY);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['unterminated-quote'],
    );
    assert.deepEqual(await client.shutdownAndExit(), { code: 0, signal: null });
  } finally {
    await client.dispose();
  }
}

void describe('dist/server.cjs as a program', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'ha-bin-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  void it('starts with a #! line and carries the run bits, as halint does', () => {
    for (const name of ['server.cjs', 'cli.cjs']) {
      const head = readFileSync(distFile(name), 'utf8').slice(0, 40);
      assert.ok(head.startsWith('#!/usr/bin/env node\n'), `${name} starts with ${head}`);
      accessSync(distFile(name), constants.X_OK);
    }
  });

  void it('answers initialize when run through the shell with --stdio', async () => {
    await checkServer(`${shellQuote(distFile('server.cjs'))} --stdio`, folder);
  });

  void it('prints its version, and its usage when no transport is given', () => {
    const version = spawnSync(distFile('server.cjs'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^ha-language-server \d+\.\d+\.\d+\n$/);
    const bare = spawnSync(distFile('server.cjs'), [], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^Usage: ha-language-server --stdio/);
  });
});

void describe('the npm package (scripts/pack-server.mjs)', () => {
  let work: string;
  let project: string;
  let tarball: string;
  let skipReason: string | undefined;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'ha-npm-package-'));
    const packed = spawnSync(
      process.execPath,
      [join(projectRoot, 'scripts', 'pack-server.mjs'), '--out', work],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (packed.error) {
      skipReason = `npm cannot run here (${packed.error.message})`;
      console.log(`skipped: npm package checks, ${skipReason}`);
      return;
    }
    assert.equal(packed.status, 0, `pack failed:\n${packed.stdout}\n${packed.stderr}`);
    tarball = packed.stdout.trim().split('\n').at(-1) ?? '';
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "try-it", "private": true }\n');
    writeFileSync(join(project, 'haproxy.cfg'), BROKEN_HAPROXY);
    // --offline: the package has no dependencies, so installing it needs no registry at all.
    const installed = spawnSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      { cwd: project, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(installed.status, 0, `npm install failed:\n${installed.stderr}`);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  void it('is publishable and ships the bins, their assets, a README and the licence', (t) => {
    if (skipReason) return t.skip(skipReason);
    const listing = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout;
    assert.deepEqual(listing.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli-main.cjs',
      'package/dist/cli.cjs',
      'package/dist/elk.cjs',
      'package/dist/server.cjs',
      'package/dist/webview.css',
      'package/dist/webview.js',
      'package/package.json',
    ]);
    const manifest = JSON.parse(
      readFileSync(
        join(project, 'node_modules', 'haproxy-keepalived-language-server', 'package.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const root = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(manifest['private'], undefined);
    assert.equal(manifest['version'], root.version);
    assert.equal(manifest['dependencies'], undefined, 'the bundles inline every library');
  });

  void it('runs npx ha-language-server --version and npx halint', (t) => {
    if (skipReason) return t.skip(skipReason);
    const npx = (args: string[]) =>
      spawnSync('npx', ['--offline', ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    const version = npx(['ha-language-server', '--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^ha-language-server \d+\.\d+\.\d+\n$/);
    const lint = npx(['halint', 'haproxy.cfg']);
    assert.equal(lint.status, 1, `${lint.stdout}\n${lint.stderr}`);
    assert.match(lint.stdout, /unterminated-quote/);
    // The topology page inlines the browser assets shipped beside the CLI.
    const page = npx(['halint', 'topology', 'haproxy.cfg', '--format', 'html', '-o', 'topo.html']);
    assert.equal(page.status, 0, `${page.stdout}\n${page.stderr}`);
    assert.match(readFileSync(join(project, 'topo.html'), 'utf8'), /<svg|<script/);
  });

  void it('starts the installed ha-language-server --stdio bin', async (t) => {
    if (skipReason) return t.skip(skipReason);
    await checkServer(
      `${shellQuote(join(project, 'node_modules', '.bin', 'ha-language-server'))} --stdio`,
      project,
    );
  });
});
