/**
 * The bundled `halint` CLI on whole clusters: nodes by folder, nodes from a `.halint.json`
 * mapping (with a shared file and environment values), and `--no-cluster`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { distFile, projectRoot } from '../helpers/paths.js';

const CLI = distFile('cli.cjs');

/** The cross-node codes issue 5 lists. */
const CLUSTER_CODES = [
  'vrid-mismatch',
  'priority-clash',
  'failover-weight',
  'advert-mismatch',
  'auth-mismatch',
  'version-mismatch',
  'vip-mismatch',
  'unicast-mismatch',
  'group-setting-mismatch',
  'script-drift',
  'master-count',
  'vrid-collision',
  'bind-unmanaged-vip',
  'vip-not-bound',
  'no-haproxy-tracking',
  'nonlocal-bind',
  'config-drift',
  'peers-local',
];
const EXAMPLES = join(projectRoot, 'examples');

interface JsonDiagnostic {
  path: string;
  line: number;
  code: string;
  severity: string;
  source: string;
  message: string;
  related: { path: string; line: number; message: string }[];
}

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'halint-cluster-'));
  roots.push(root);
  return root;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function halint(
  args: readonly string[],
  cwd: string,
): { status: number | null; diagnostics: JsonDiagnostic[] } {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], {
    cwd,
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  return { status: result.status, diagnostics: report.diagnostics };
}

function clusterFindings(diagnostics: readonly JsonDiagnostic[]): JsonDiagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.source === 'cluster');
}

/** The example pair with lb2's `virtual_router_id` changed. */
function splitBrainCopy(): string {
  const root = tempRoot();
  cpSync(EXAMPLES, join(root, 'site'), { recursive: true });
  const file = join(root, 'site', 'lb2', 'keepalived.conf');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('virtual_router_id 51', 'virtual_router_id 52'),
  );
  return root;
}

void describe('halint on a cluster', () => {
  void test('the example pair is clean', () => {
    const run = halint(['.'], EXAMPLES);
    assert.equal(run.status, 0);
    assert.deepEqual(clusterFindings(run.diagnostics), []);
  });

  void test('every cross-node code is found on the fixture clusters, none on the clean ones', () => {
    const fixtures = join(projectRoot, 'test', 'fixtures', 'cluster');
    const run = halint(['.'], fixtures);
    const found = clusterFindings(run.diagnostics);
    assert.deepEqual([...new Set(found.map((d) => d.code))].sort(), [...CLUSTER_CODES].sort());
    for (const clean of ['clean-multicast/', 'hk-clean/']) {
      assert.deepEqual(
        found.filter((d) => d.path.startsWith(clean)).map((d) => d.code),
        [],
        clean,
      );
    }
    // Every finding points at the peer's line (or, for a lone node, its other file).
    for (const diagnostic of found) assert.ok(diagnostic.related.length > 0, diagnostic.code);
  });

  void test('a virtual_router_id that differs between the nodes is reported in both files', () => {
    const root = splitBrainCopy();
    const run = halint(['site'], root);
    assert.equal(run.status, 1);
    const found = clusterFindings(run.diagnostics).filter((d) => d.code === 'vrid-mismatch');
    assert.deepEqual(
      found.map((d) => [d.path, d.line, d.severity, d.related.map((r) => [r.path, r.line])]),
      [
        ['site/lb1/keepalived.conf', 20, 'error', [['site/lb2/keepalived.conf', 20]]],
        ['site/lb2/keepalived.conf', 20, 'error', [['site/lb1/keepalived.conf', 20]]],
      ],
    );
  });

  void test('--no-cluster checks every file alone', () => {
    const root = splitBrainCopy();
    const run = halint(['--no-cluster', 'site'], root);
    assert.equal(run.status, 0);
    assert.deepEqual(clusterFindings(run.diagnostics), []);
  });

  void test('a .halint.json mapping shares one keepalived.conf between nodes by config-id', () => {
    const root = tempRoot();
    const shared = readFileSync(join(EXAMPLES, 'lb1', 'keepalived.conf'), 'utf8')
      .replace('    state MASTER\n', '    @lb1 state MASTER\n    @lb2 state BACKUP\n')
      // Both nodes end up with the same priority: the mapping must give each its own view.
      .replace('    priority 110\n', '    @lb1 priority 100\n    @lb2 priority 100\n')
      .replace(
        'unicast_src_ip 192.168.10.11',
        '@lb1 unicast_src_ip 192.168.10.11\n    @lb2 unicast_src_ip 192.168.10.12',
      )
      .replace(
        '        192.168.10.12\n',
        '        @lb1 192.168.10.12\n        @lb2 192.168.10.11\n',
      );
    write(root, {
      'shared/keepalived.conf': shared,
      'hosts/a/haproxy.cfg': readFileSync(join(EXAMPLES, 'lb1', 'haproxy.cfg'), 'utf8'),
      'hosts/b/haproxy.cfg': readFileSync(join(EXAMPLES, 'lb2', 'haproxy.cfg'), 'utf8'),
      '.halint.json': JSON.stringify({
        nodes: {
          lb1: { files: ['hosts/a/haproxy.cfg', 'shared/keepalived.conf'], configId: 'lb1' },
          lb2: { files: ['hosts/b/haproxy.cfg', 'shared/keepalived.conf'], configId: 'lb2' },
        },
      }),
    });
    const run = halint(['hosts/a'], root);
    const codes = clusterFindings(run.diagnostics).map((d): [string, string] => [d.code, d.path]);
    assert.ok(
      codes.some(
        ([code, path]) => code === 'priority-clash' && path.endsWith('shared/keepalived.conf'),
      ),
      JSON.stringify(codes),
    );
    // The files the mapping names were read although only hosts/a was given.
    assert.ok(!codes.some(([code]) => code === 'vrid-mismatch'), JSON.stringify(codes));
  });
});
