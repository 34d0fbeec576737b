/**
 * The built `halint` launcher (dist/cli.cjs) and the V8 code cache the build writes for it: the
 * cache is one V8 accepts, and a cache that does not match the bundle is never used.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { distFile } from '../helpers/paths.js';

const FILES = ['cli.cjs', 'cli-main.cjs', 'cli-main.cjs.v8cache'];
let work = '';

before(() => {
  work = mkdtempSync(join(tmpdir(), 'halint-launcher-'));
  for (const name of FILES) copyFileSync(distFile(name), join(work, name));
  writeFileSync(join(work, 'haproxy.cfg'), 'global\n    daemon\n');
});
after(() => rmSync(work, { recursive: true, force: true }));

function halint(...args: string[]): string {
  const result = spawnSync(process.execPath, [...args, join(work, 'cli.cjs'), 'haproxy.cfg'], {
    cwd: work,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

void test('the build writes a code cache for this bundle and this Node that V8 accepts', () => {
  const source = readFileSync(join(work, 'cli-main.cjs'));
  const cache = readFileSync(join(work, 'cli-main.cjs.v8cache'));
  // CRC-32 where Node has it (20.15 and later), SHA-256 before.
  const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  const checksum = crc32
    ? `crc32:${crc32(source).toString(16).padStart(8, '0')}`
    : `sha256:${createHash('sha256').update(source).digest('hex')}`;
  const header = `halint-code-cache 2 ${checksum} ${process.version} ${process.arch}\n`;
  assert.equal(cache.toString('latin1', 0, header.length), header);
  const script = new Script(Module.wrap(source.toString('latin1').replace(/^#!/, '//')), {
    filename: join(work, 'cli-main.cjs'),
    cachedData: cache.subarray(header.length),
  });
  assert.equal(script.cachedDataRejected, false);
});

void test('runs the same with the cache, with source maps, and with a broken cache', () => {
  const expected = '0 errors, 0 warnings, 0 info, 0 hints in 1 file\n';
  assert.equal(halint(), expected);
  assert.equal(halint('--enable-source-maps'), expected);
  const cache = join(work, 'cli-main.cjs.v8cache');
  const saved = readFileSync(cache);
  writeFileSync(cache, 'not a cache\n');
  assert.equal(halint(), expected);
  writeFileSync(cache, saved);
});

void test('a bundle changed after the cache was made runs its new code', () => {
  // Same length on purpose: V8 itself compares only the source length, the launcher's checksum does not.
  const bundle = join(work, 'cli-main.cjs');
  const source = readFileSync(bundle, 'latin1');
  assert.ok(source.includes('"hint","hints"'), 'the summary wording moved; update this test');
  writeFileSync(bundle, source.replace('"hint","hints"', '"HINT","HINTS"'), 'latin1');
  assert.equal(halint(), '0 errors, 0 warnings, 0 info, 0 HINTS in 1 file\n');
});
