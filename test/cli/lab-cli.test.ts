/**
 * `halint lab` refuses what it cannot run with one clear line and exit 2, whatever the machine:
 * bad flags, an unknown drill, a folder with no configs, and no root (checked before any
 * namespace is made). The drills themselves run in `npm run test:lab` (test/lab/).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { distFile } from '../helpers/paths.js';

const CLI = distFile('cli.cjs');

function lab(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'lab', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('halint lab: usage errors', () => {
  test('--help prints the drills and exits 0', () => {
    const result = lab(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: halint lab/);
    for (const drill of ['start', 'traffic', 'haproxy', 'keepalived', 'checks', 'server']) {
      assert.match(result.stdout, new RegExp(`^  ${drill} `, 'm'));
    }
  });

  for (const [name, args, message] of [
    ['an unknown drill', ['--drill', 'nope', 'examples'], /unknown drill 'nope'/],
    ['an unknown format', ['--format', 'xml', 'examples'], /--format/],
    ['an unknown flag', ['--bogus', 'examples'], /bogus/],
    ['no folder', [], /folder/],
  ] as const) {
    test(`${name}: one line, exit 2`, () => {
      const result = lab(args);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
    });
  }

  test('a folder with no configs (or, without root, the need for root): one line, exit 2', () => {
    const empty = mkdtempSync(join(tmpdir(), 'halint-lab-empty-'));
    try {
      const result = lab([empty]);
      assert.equal(result.status, 2);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      const root = process.getuid?.() === 0;
      assert.match(result.stderr, root ? /no HAProxy or Keepalived files/ : /needs root/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
