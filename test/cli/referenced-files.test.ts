/**
 * halint on the files a configuration names: `missing-referenced-file` for relative and mapped
 * paths that lead to no file (never for an unmapped absolute path), `invalid-pattern-file` for a
 * line HAProxy refuses, and, with the real daemons, that `haproxy -c` 2.6 and 3.0 refuse the same
 * line at the same severity. Spawns `node dist/cli.cjs` (built by `npm test`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { daemonPath } from '../helpers/daemons.js';
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
    related?: { message: string }[];
  }[];
}

const halint = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, '--haproxy-version', '2.6', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd,
  });
const json = (cwd: string, ...args: string[]): JsonReport =>
  JSON.parse(halint(cwd, '--format', 'json', ...args).stdout) as JsonReport;

/** A node folder whose haproxy.cfg names files by absolute path (so haproxy -c finds them too). */
function config(node: string): string {
  return [
    'defaults',
    '    mode http',
    '    timeout client 5s',
    '    timeout server 5s',
    '    timeout connect 5s',
    'frontend www',
    '    bind 127.0.0.1:8080',
    `    acl blocked src -f ${join(node, 'blocked.lst')}`,
    `    acl api path -m reg -f ${join(node, 'api.lst')}`,
    '    acl extra src -f extra.lst',
    '    acl mapped src -f /etc/haproxy/mapped.lst',
    '    acl there src -f /etc/haproxy/there.lst',
    '    acl node src -f /srv/elsewhere/node-only.lst',
    '    http-request deny if blocked || api || extra || mapped || there || node',
    `    use_backend %[src,map_ip(${join(node, 'nets.map')},app)]`,
    'backend app',
    '    server s1 127.0.0.1:8081',
    '',
  ].join('\n');
}

describe('halint: the files a configuration names', () => {
  let root: string;
  let node: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'halint-referenced-'));
    node = join(root, 'lb1');
    mkdirSync(join(node, 'etc'), { recursive: true });
    writeFileSync(join(node, 'haproxy.cfg'), config(node));
    // Line 3 keeps a comment after the address: one pattern for HAProxy, and not an address.
    writeFileSync(join(node, 'blocked.lst'), '# bad clients\n192.0.2.1\n198.51.100.7 # ops\n');
    writeFileSync(join(node, 'api.lst'), '^/api/\n^/v[0-9]+/\n');
    writeFileSync(join(node, 'nets.map'), '192.0.2.0/24 app\n203.0.113.0/24 app\n');
    writeFileSync(join(node, 'etc', 'there.lst'), '192.0.2.9\n');
    writeFileSync(
      join(root, '.halint.json'),
      JSON.stringify({ haproxy: { pathMappings: { '/etc/haproxy': 'lb1/etc' } } }),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('relative and mapped paths that lead to no file are warned about, others are not', () => {
    const report = json(root, 'lb1');
    const missing = report.diagnostics.filter((d) => d.code === 'missing-referenced-file');
    assert.deepEqual(
      missing.map((d) => [d.line, d.severity]),
      [
        [10, 'warning'],
        [11, 'warning'],
      ],
    );
    assert.match(missing[0]?.message ?? '', /'extra\.lst' is not in the workspace/);
    assert.match(
      missing[1]?.message ?? '',
      /'\/etc\/haproxy\/mapped\.lst' is not in the workspace \(mapped to 'lb1\/etc\/mapped\.lst'\)/,
    );
  });

  test('the first bad line of a pattern file, on the word naming it', () => {
    const report = json(root, 'lb1');
    const invalid = report.diagnostics.filter((d) => d.code === 'invalid-pattern-file');
    assert.deepEqual(
      invalid.map((d) => [d.line, d.severity]),
      [[8, 'error']],
    );
    assert.match(invalid[0]?.message ?? '', /^Line 3 of '.*blocked\.lst': '198\.51\.100\.7 # ops'/);
  });

  for (const version of ['haproxy-2.6', 'haproxy-3.0'] as const) {
    const binary = daemonPath(version);
    test(`${version} refuses the same line, as an ALERT`, { skip: binary === undefined }, () => {
      const command = JSON.stringify([binary, '-c', '${fileArgs}']);
      const report = json(root, '--haproxy-command', command, 'lb1');
      const ours = report.diagnostics.find((d) => d.code === 'invalid-pattern-file');
      assert.equal(ours?.line, 8);
      // HAProxy's words join ours on that line (same line, same severity), not repeated.
      const related = (ours?.related ?? []).map((r) => r.message).join('\n');
      const theirs = report.diagnostics.filter(
        (d) => d.code === 'haproxy-check' && /blocked\.lst/.test(d.message),
      );
      const said = related + theirs.map((d) => `${d.line}:${d.severity}:${d.message}`).join('\n');
      assert.match(said, /'198\.51\.100\.7 # ops' is not a valid IPv4 or IPv6 address at line 3/);
      for (const d of theirs) assert.deepEqual([d.line, d.severity], [8, 'error']);
    });
  }
});
