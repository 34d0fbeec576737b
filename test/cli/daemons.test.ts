/**
 * `halint --with-daemons` with the real Debian daemons (and HAProxy 3.0 where it is unpacked):
 * the daemons' findings join halint's in every format, merged where both say the same thing;
 * command flags, a missing binary and a command written in `.halint.json` are handled. Spawns
 * `node dist/cli.cjs` (built by `npm test`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { daemonMissing, daemonPath } from '../helpers/daemons.js';
import {
  DAEMON_HAPROXY as HAPROXY,
  DAEMON_KEEPALIVED as KEEPALIVED,
} from '../helpers/daemon-fixtures.js';
import { distFile } from '../helpers/paths.js';

const CLI = distFile('cli.cjs');

interface JsonReport {
  diagnostics: {
    path: string;
    line: number;
    code: string;
    source: string;
    severity: string;
    message: string;
    related: { message: string }[];
  }[];
}

const missing =
  daemonPath('haproxy-2.6') === undefined || daemonPath('keepalived-2.2') === undefined;
if (missing) console.log(`# skipped: halint --with-daemons: ${daemonMissing('haproxy-2.6')}`);

describe('halint --with-daemons', { skip: missing }, () => {
  let root: string;
  let node: string;
  const halint = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, '--haproxy-version', '2.6', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
  const json = (...args: string[]): JsonReport => {
    const result = halint('--format', 'json', ...args);
    return JSON.parse(result.stdout) as JsonReport;
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'halint-daemons-cli-'));
    node = join(root, 'pair', 'lb1');
    mkdirSync(node, { recursive: true });
    writeFileSync(join(node, 'haproxy.cfg'), HAPROXY);
    writeFileSync(join(node, 'keepalived.conf'), KEEPALIVED);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('without the flag no daemon runs', () => {
    const report = json(join(root, 'pair'));
    assert.deepEqual(
      report.diagnostics.filter((d) => d.source === 'haproxy -c' || d.source === 'keepalived -t'),
      [],
    );
  });

  test('text: the daemons’ findings on their lines, merged into ours where both say it', () => {
    const result = halint('--with-daemons', join(root, 'pair'));
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    const cert = lines.find((line) => line.includes('[haproxy-check]'));
    assert.match(cert ?? '', /haproxy\.cfg:11:5: error: .*unable to stat SSL certificate/);
    const index = lines.findIndex((line) =>
      /keepalived\.conf:5:14: error: .*\[invalid-argument\]/.test(line),
    );
    assert.ok(index >= 0, result.stdout);
    assert.match(lines[index + 1] ?? '', /note: keepalived -t: number '300' outside range/);
    assert.ok(
      lines.some((line) =>
        /keepalived\.conf:5:5: warning: \(VI_1\) Priority not valid.*\[keepalived-check\]/.test(
          line,
        ),
      ),
      result.stdout,
    );
  });

  test('json, sarif and github report both kinds, source telling which is which', () => {
    const report = json('--with-daemons', join(root, 'pair'));
    const sources = new Set(report.diagnostics.map((d) => d.source));
    for (const source of ['haproxy -c', 'keepalived -t', 'keepalived']) {
      assert.ok(sources.has(source), source);
    }
    assert.equal(
      report.diagnostics.filter(
        (d) => /outside range/.test(d.message) && d.source === 'keepalived -t',
      ).length,
      0,
      'what halint already says is attached, not repeated',
    );
    const sarif = JSON.parse(
      halint('--format', 'sarif', '--with-daemons', join(root, 'pair')).stdout,
    ) as {
      runs: { results: { ruleId: string }[] }[];
    };
    const rules = sarif.runs.flatMap((run) => run.results.map((r) => r.ruleId));
    assert.ok(rules.includes('haproxy-check') && rules.includes('keepalived-check'), rules.join());
    const github = halint('--format', 'github', '--with-daemons', join(root, 'pair')).stdout;
    assert.match(github, /::error file=[^,]*haproxy\.cfg,line=11,.*haproxy-check/);
  });

  test('--with-daemons=docker cannot check Keepalived and says so in one line', () => {
    const result = halint('--with-daemons=docker', '--no-cluster', join(node, 'keepalived.conf'));
    assert.match(
      result.stderr,
      /keepalived -t on node .*: the docker preset cannot check keepalived/,
    );
  });

  test('a command flag checks its daemon only; a missing binary is a note, our findings stay', () => {
    const result = halint(
      '--format',
      'json',
      '--haproxy-command',
      JSON.stringify(['/nonexistent/haproxy', '-c', '${fileArgs}']),
      join(root, 'pair'),
    );
    assert.match(result.stderr, /haproxy -c on node lb1: .*\/nonexistent\/haproxy/);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.ok(report.diagnostics.some((d) => d.code === 'invalid-argument'));
    assert.ok(report.diagnostics.every((d) => d.source !== 'keepalived -t'));
  });

  test(
    'a newer HAProxy through --haproxy-command',
    { skip: daemonPath('haproxy-3.0') === undefined && daemonMissing('haproxy-3.0') },
    () => {
      const report = json(
        '--haproxy-command',
        JSON.stringify([daemonPath('haproxy-3.0'), '-c', '${fileArgs}']),
        join(root, 'pair'),
      );
      const found = report.diagnostics.filter((d) => d.code === 'haproxy-check');
      assert.equal(found.length, 1);
      assert.equal(found[0]?.line, 11);
    },
  );

  test('a command line that is not a JSON array of strings is a usage error', () => {
    const result = halint('--haproxy-command', 'haproxy -c', join(root, 'pair'));
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /--haproxy-command: expected a JSON array of strings/);
  });

  test('a command written in .halint.json is never run', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'lb1'), { recursive: true });
    writeFileSync(join(project, 'lb1', 'haproxy.cfg'), HAPROXY);
    writeFileSync(
      join(project, '.halint.json'),
      JSON.stringify({ haproxy: { validate: { command: ['touch', join(project, 'pwned')] } } }),
    );
    const result = halint('--with-daemons', project);
    assert.match(result.stderr, /\.halint\.json may not set haproxy\.validate\.command/);
    assert.match(result.stdout, /\[haproxy-check\]/, 'the preset still runs');
    assert.equal(spawnSync('test', ['-e', join(project, 'pwned')]).status, 1);
  });
});
