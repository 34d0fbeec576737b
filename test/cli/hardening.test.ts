/**
 * Hostile files on disk: FIFOs, devices, /proc files and endless walks must be refused with one
 * clear message each, never block or read without end. These call `run` in-process, so no build
 * is needed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createDiskFileHost } from '../../server/src/node/file-host.js';
import { readConfigFile, RefusedFileError } from '../../server/src/node/read-file.js';
import { run } from '../../server/src/cli/run.js';
import { createLanguageService } from '../../server/src/core/index.js';

const root = mkdtempSync(join(tmpdir(), 'halint-hostile-'));
after(() => rmSync(root, { recursive: true, force: true }));

const CLEAN = 'global\n    maxconn 100\n';

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

test(
  'a FIFO named on the command line is refused at once (exit 2)',
  { timeout: 30_000 },
  async () => {
    const dir = join(root, 'fifo-arg');
    mkdirSync(dir);
    fifo(join(dir, 'haproxy.cfg'));
    const result = await run([join(dir, 'haproxy.cfg')]);
    assert.equal(result.exitCode, 2);
    assert.equal(result.stderr.length, 1);
    assert.match(result.stderr[0] ?? '', /not a regular file/);
  },
);

test('FIFOs and devices found in a folder are skipped', { timeout: 30_000 }, async () => {
  const dir = join(root, 'fifo-dir');
  mkdirSync(dir);
  fifo(join(dir, 'haproxy.cfg'));
  symlinkSync('/dev/zero', join(dir, 'haproxy-zero.cfg'));
  writeFileSync(join(dir, 'haproxy-ok.cfg'), CLEAN);
  const result = await run(['--format', 'json', dir]);
  assert.notEqual(result.exitCode, 2, result.stderr.join('\n'));
});

test('a .halint.json that is a FIFO does not block', { timeout: 30_000 }, async () => {
  const dir = join(root, 'fifo-config');
  mkdirSync(dir);
  fifo(join(dir, '.halint.json'));
  writeFileSync(join(dir, 'haproxy.cfg'), CLEAN);
  const result = await run([dir]);
  assert.equal(result.exitCode, 2);
  assert.equal(result.stderr.length, 1);
});

test('device and /proc files are refused, byte counts are checked as read', () => {
  const zero = join(root, 'zero.cfg');
  symlinkSync('/dev/zero', zero);
  assert.throws(() => readConfigFile(zero), RefusedFileError);
  assert.throws(() => readConfigFile('/proc/self/environ'), RefusedFileError);
  assert.throws(() => readConfigFile('/proc/self/pagemap'), RefusedFileError);
  const big = join(root, 'big.cfg');
  writeFileSync(big, 'x'.repeat(2000));
  assert.throws(() => readConfigFile(big, 1000), /larger than/);
  assert.equal(readConfigFile(big, 4000).length, 2000);
});

test('Keepalived includes of /proc, /dev and FIFOs read as unreadable', { timeout: 30_000 }, () => {
  const dir = join(root, 'includes');
  mkdirSync(dir);
  fifo(join(dir, 'pipe.conf'));
  const service = createLanguageService({ files: createDiskFileHost() });
  const main = join(dir, 'keepalived.conf');
  for (const target of ['/proc/self/pagemap', '/proc/self/environ', '/dev/zero', 'pipe.conf']) {
    const document = service.parse('keepalived', main, `include ${target}\n`);
    const codes = service.validate(document).map((issue) => issue.code);
    assert.deepEqual(codes, ['include-not-found'], target);
  }
});

test('a node mapped to / neither hangs nor walks without end', { timeout: 120_000 }, async () => {
  const dir = join(root, 'mapped-root');
  mkdirSync(dir);
  writeFileSync(join(dir, 'haproxy.cfg'), CLEAN);
  writeFileSync(
    join(dir, '.halint.json'),
    JSON.stringify({ nodes: { lb1: { files: ['haproxy.cfg'] }, lb2: { files: ['/'] } } }),
  );
  const result = await run(['--format', 'json', join(dir, 'haproxy.cfg')]);
  assert.ok(result.exitCode <= 2);
});

test('no output quotes an included file, whatever the format', async () => {
  const dir = join(root, 'secret');
  mkdirSync(dir);
  // Shaped like /etc/shadow: a line keepalived reads as an unknown keyword with arguments.
  writeFileSync(
    join(dir, 'shadow'),
    'root:$6$SECRETHASH:19000:0:99999:7:::\nCI_TOKEN=ghp_SECRET\n',
  );
  writeFileSync(join(dir, 'keepalived.conf'), 'include shadow\n');
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const result = await run(['--format', format, join(dir, 'keepalived.conf')]);
    const output = result.stdout + result.stderr.join('\n');
    assert.ok(!output.includes('SECRET'), `${format}: ${output}`);
    assert.match(output, /shadow/, 'the finding still names the file');
  }
});

test('text and GitHub output escape control characters taken from a config', async () => {
  const dir = join(root, 'escapes');
  mkdirSync(dir);
  writeFileSync(join(dir, 'haproxy.cfg'), 'global\n    \u001b]0;owned\u0007\u001b[2J 1\n');
  for (const format of ['text', 'github']) {
    const output = (await run(['--format', format, join(dir, 'haproxy.cfg')])).stdout;
    assert.ok(output.length > 0);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, format);
  }
});

test('includes outside the folders given to halint are named, not read', async () => {
  const dir = join(root, 'confined');
  mkdirSync(join(dir, 'outside'), { recursive: true });
  mkdirSync(join(dir, 'project'));
  // Read, it would give an unknown-keyword finding in outside/extra.conf.
  writeFileSync(join(dir, 'outside', 'extra.conf'), 'no_such_keyword 1\n');
  symlinkSync(join(dir, 'outside', 'extra.conf'), join(dir, 'project', 'link.conf'));
  writeFileSync(
    join(dir, 'project', 'keepalived.conf'),
    `include ${join(dir, 'outside', '*.conf')}\ninclude link.conf\n`,
  );
  const json = async (): Promise<{
    diagnostics: { code: string; message: string; path: string }[];
  }> =>
    JSON.parse((await run(['--format', 'json', join(dir, 'project')])).stdout) as {
      diagnostics: { code: string; message: string; path: string }[];
    };
  const confined = (await json()).diagnostics;
  assert.deepEqual(
    confined.map((diagnostic) => diagnostic.code),
    ['include-not-found', 'include-not-found'],
  );
  for (const diagnostic of confined) assert.match(diagnostic.message, /outside the folders/);
  // A root named in .halint.json is followed; the link then reads the same file.
  writeFileSync(join(dir, 'project', '.halint.json'), '{"includeRoots": ["../outside"]}');
  const allowed = (await json()).diagnostics;
  assert.ok(allowed.some((diagnostic) => diagnostic.code === 'unknown-keyword'));
  assert.ok(!allowed.some((diagnostic) => /outside the folders/.test(diagnostic.message)));
});
