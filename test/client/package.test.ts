import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../helpers/paths.js';
import { readZip, type ZipEntry } from '../helpers/zip.js';

// The .vsix is built from a copy of the project: `vscode:prepublish` rewrites dist/ with production
// bundles, which must not happen under the feet of the server and CLI tests running in parallel.
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'out', '.cache', 'coverage']);

/** Every path the package may hold; anything else is a packaging mistake. */
const ALLOWED: readonly RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(extension|server)\.cjs$/,
  /^extension\/dist\/webview\.(js|css)$/,
  /^extension\/grammars\/[\w-]+\.tmLanguage\.json$/,
  /^extension\/snippets\/[\w-]+\.json$/,
  /^extension\/language-configuration\/[\w-]+\.language-configuration\.json$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/docs\/rules\/[\w-]+\.md$/,
  /^extension\/docs\/images\/[\w-]+\.png$/,
];

const MAX_BYTES = 1.5 * 1024 * 1024;

let stage: string | undefined;
let vsix: Buffer | undefined;
let entries: ZipEntry[] = [];
let skipReason: string | undefined;

void describe('the .vsix built by npm run package', () => {
  before(() => {
    stage = mkdtempSync(join(tmpdir(), 'ha-package-'));
    cpSync(projectRoot, stage, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(basename(source)) && !source.endsWith('.vsix'),
    });
    symlinkSync(join(projectRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
    const result = spawnSync('npm', ['run', 'package'], {
      cwd: stage,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.error) {
      skipReason = `npm run package cannot run here (${result.error.message})`;
      console.log(`skipped: .vsix checks, ${skipReason}`);
      return;
    }
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
    vsix = readFileSync(join(stage, 'haproxy-keepalived.vsix'));
    entries = readZip(vsix);
  });

  after(() => {
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  void it('holds only files on the allow list', (t) => {
    if (skipReason) return t.skip(skipReason);
    const unexpected = entries.map((e) => e.name).filter((n) => !ALLOWED.some((r) => r.test(n)));
    assert.deepEqual(unexpected, []);
  });

  void it('holds what the extension needs at run time', (t) => {
    if (skipReason) return t.skip(skipReason);
    const names = new Set(entries.map((e) => e.name));
    const manifest = JSON.parse(readEntry('extension/package.json')) as {
      main: string;
      icon: string;
      contributes: { grammars: { path: string }[]; snippets: { path: string }[] };
    };
    const required = [
      manifest.main,
      manifest.icon,
      './dist/server.cjs',
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.snippets.map((s) => s.path),
      // Every rule page, so that rule links open without a network.
      ...readdirSync(join(projectRoot, 'docs', 'rules')).map((f) => `docs/rules/${f}`),
    ];
    for (const path of required) {
      const name = `extension/${path.replace(/^\.\//, '')}`;
      assert.ok(names.has(name), `${name} is missing`);
    }
    assert.ok(!names.has('extension/dist/cli.cjs'), 'halint ships through npm, not the .vsix');
  });

  void it(`is smaller than ${MAX_BYTES / 1024 / 1024} MB`, (t) => {
    if (skipReason || !vsix) return t.skip(skipReason);
    assert.ok(vsix.length < MAX_BYTES, `${vsix.length} bytes`);
  });

  void it('ships production bundles without source map references', (t) => {
    if (skipReason) return t.skip(skipReason);
    const bundles = entries.filter((e) => /\.(cjs|js|css)$/.test(e.name));
    assert.ok(bundles.length >= 2);
    for (const bundle of bundles) {
      const tail = bundle.read().toString('utf8').trimEnd().slice(-300);
      assert.doesNotMatch(tail, /sourceMappingURL=/, bundle.name);
    }
  });

  void it('points every relative link of the user README at the repository', (t) => {
    if (skipReason) return t.skip(skipReason);
    const readme = readEntry('extension/readme.md');
    // vsce rewrites relative links so that the Marketplace page and the offline details view agree.
    const links = [...readme.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1] ?? '');
    assert.ok(links.length > 0);
    for (const link of links) assert.match(link, /^(https?:|#|mailto:)/, link);
  });
});

function readEntry(name: string): string {
  const entry = entries.find((e) => e.name === name);
  assert.ok(entry, `${name} is missing`);
  return entry.read().toString('utf8');
}
