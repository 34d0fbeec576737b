import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

/**
 * Runs vscode-tmgrammar-test (real Oniguruma through vscode-textmate) over the annotated files
 * in test/grammars/haproxy, test/grammars/keepalived and test/grammars/haproxy-map: each `^` or `<-` line asserts the scopes
 * of the source line above it.
 */
const runner = join(projectRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const grammars = [
  'grammars/haproxy.tmLanguage.json',
  'grammars/keepalived.tmLanguage.json',
  'grammars/haproxy-map.tmLanguage.json',
];

function testFiles(dir: string, ext: string): string[] {
  const full = join(projectRoot, 'test', 'grammars', dir);
  return readdirSync(full)
    .filter((name) => name.endsWith(ext))
    .sort()
    .map((name) => join(full, name));
}

function run(files: readonly string[]): { status: number | null; output: string } {
  const args = [runner, ...grammars.flatMap((g) => ['-g', g]), '--compact', ...files];
  // A broken assertion regex in the tool can backtrack for a very long time: bound it.
  const result = spawnSync(process.execPath, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const haproxyFiles = testFiles('haproxy', '.test.cfg');
const keepalivedFiles = testFiles('keepalived', '.test.conf');
const mapFiles = testFiles('haproxy-map', '.test.map');

void describe('vscode-tmgrammar-test scope assertions', () => {
  void it('has the tool and annotated files for every language', () => {
    assert.ok(existsSync(runner), runner);
    assert.ok(haproxyFiles.length >= 4, haproxyFiles.join(', '));
    assert.ok(keepalivedFiles.length >= 2, keepalivedFiles.join(', '));
    assert.ok(mapFiles.length >= 1, mapFiles.join(', '));
    for (const file of [...haproxyFiles, ...keepalivedFiles, ...mapFiles]) {
      const header = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
      assert.match(header, /^[#!] SYNTAX TEST "source\.(haproxy|keepalived|haproxy-map)"/, file);
    }
  });

  void it('passes every assertion of the HAProxy files', () => {
    const { status, output } = run(haproxyFiles);
    assert.equal(status, 0, output);
  });

  void it('passes every assertion of the Keepalived files', () => {
    const { status, output } = run(keepalivedFiles);
    assert.equal(status, 0, output);
  });

  void it('passes every assertion of the map and pattern files', () => {
    const { status, output } = run(mapFiles);
    assert.equal(status, 0, output);
  });

  void it('fails on a wrong assertion', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tmgrammar-'));
    try {
      const file = join(dir, 'wrong.test.cfg');
      const text = [
        '# SYNTAX TEST "source.haproxy" "a deliberately wrong assertion"',
        'global',
        '# <------ entity.name.section.haproxy',
        '',
      ].join('\n');
      writeFileSync(file, text);
      const { status, output } = run([file]);
      assert.notEqual(status, 0, output);
      assert.match(output, /entity\.name\.section\.haproxy/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
