/**
 * The daemons accept what the code actions write: the files of "Create the peer node" and of
 * "Make lb2 match lb1" are written to a temporary folder and checked with `haproxy -c` (2.6) and
 * `keepalived -t` (2.2, inside a network namespace of its own holding `eth0`). Skipped with one
 * printed line where a daemon (or, for keepalived, root and `ip`) is missing, unless in CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/core/index.js';
import { pairConfig } from '../helpers/cluster-nodes.js';
import { daemonMissing, daemonPath } from '../helpers/daemons.js';
import { mark } from '../helpers/markers.js';
import { analyseFiles, applyWorkspaceEdit, parseFiles, type Files } from '../helpers/node-files.js';
import { MASTER_HAPROXY, masterKeepalived } from '../helpers/written-configs.js';

const service = createLanguageService();
const haproxy = daemonPath('haproxy-2.6');
const keepalived = daemonPath('keepalived-2.2');
const namespace = `hxw${process.pid}`;

/** Why keepalived cannot be run here, or undefined. */
function keepalivedMissing(): string | undefined {
  if (keepalived === undefined) return daemonMissing('keepalived-2.2');
  if (process.getuid?.() !== 0) {
    return 'not running as root (keepalived -t runs in a network namespace)';
  }
  if (spawnSync('ip', ['-V']).status !== 0) return 'the ip command is not available';
  return undefined;
}

/** Skips (one printed line) when `why` is set outside CI; fails in CI, where the daemons must be. */
function skipUnless(t: TestContext, why: string | undefined, what: string): boolean {
  if (why === undefined) return false;
  assert.ok(!process.env['CI'], `${what}: ${why}`);
  console.log(`skipped: ${what} (${why})`);
  t.skip(why);
  return true;
}

let folder = '';
/** Writes `files` (URIs under file:///ws/) below a fresh folder; returns the path of each. */
function write(files: Files, name: string): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [uri, text] of Object.entries(files)) {
    const path = join(folder, name, uri.replace('file:///ws/', ''));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    paths[uri] = path;
  }
  return paths;
}

function checkHaproxy(path: string): void {
  const result = spawnSync(haproxy ?? 'haproxy', ['-c', '-f', path], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 0, `haproxy -c ${path}:\n${result.stdout}${result.stderr}`);
  assert.doesNotMatch(`${result.stdout}${result.stderr}`, /\[(WARNING|ALERT)\]/, path);
}

function checkKeepalived(path: string): void {
  const result = spawnSync(
    'ip',
    ['netns', 'exec', namespace, 'timeout', '20', keepalived ?? 'keepalived', '-t', '-f', path],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(result.status, 0, `keepalived -t ${path}:\n${result.stdout}${result.stderr}`);
}

/** The "Create the peer node" action on lb1's instance. */
function peerAction(files: Files, cursor: number): CodeAction | undefined {
  const document = parseFiles(files).find((one) => one.uri === 'file:///ws/lb1/keepalived.conf');
  assert.ok(document);
  const at = document.lineIndex.positionAt(cursor);
  return service
    .getCodeActions(
      document,
      { diagnostics: [], only: ['refactor'], range: { start: at, end: at } },
      {
        settings: DEFAULT_SETTINGS,
        cluster: analyseFiles(files),
        codeActions: { createFiles: true, disabledActions: false },
      },
    )
    .find((action) => action.title.startsWith('Create the peer node'));
}

/** The "Make lb2 match lb1" action on the first finding of `code` in `uri`. */
function matchAction(files: Files, uri: string, code: string): CodeAction | undefined {
  const analysis = analyseFiles(files);
  const document = parseFiles(files).find((one) => one.uri === uri);
  assert.ok(document);
  const issue = analysis.issues.find((one) => one.uri === uri && one.code === code);
  assert.ok(issue, `a ${code} finding in ${uri}`);
  const range = {
    start: document.lineIndex.positionAt(issue.start),
    end: document.lineIndex.positionAt(issue.end),
  };
  const diagnostic = { range, code, message: issue.message };
  return service
    .getCodeActions(
      document,
      { diagnostics: [diagnostic] },
      { settings: DEFAULT_SETTINGS, cluster: analysis },
    )
    .find((action) => action.title === 'Make lb2 match lb1');
}

describe('the daemons accept the files the code actions write', () => {
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'halint-written-'));
    if (keepalivedMissing() === undefined) {
      spawnSync('ip', ['netns', 'add', namespace]);
      const link = ['link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'p0'];
      spawnSync('ip', ['netns', 'exec', namespace, 'ip', ...link]);
    }
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    if (keepalivedMissing() === undefined) spawnSync('ip', ['netns', 'del', namespace]);
  });

  const { text, cursors } = mark(masterKeepalived());
  const lb1: Files = {
    'file:///ws/lb1/keepalived.conf': text,
    'file:///ws/lb1/haproxy.cfg': MASTER_HAPROXY,
  };

  it('Create the peer node: haproxy -c on both nodes', (t) => {
    if (
      skipUnless(
        t,
        haproxy ? undefined : daemonMissing('haproxy-2.6'),
        'haproxy -c of the peer node',
      )
    ) {
      return;
    }
    const action = peerAction(lb1, cursors[0] ?? 0);
    const paths = write(applyWorkspaceEdit(lb1, action!.edit!), 'peer');
    checkHaproxy(paths['file:///ws/lb1/haproxy.cfg']!);
    checkHaproxy(paths['file:///ws/lb2/haproxy.cfg']!);
  });

  it('Create the peer node: keepalived -t on both nodes', (t) => {
    if (skipUnless(t, keepalivedMissing(), 'keepalived -t of the peer node')) return;
    const action = peerAction(lb1, cursors[0] ?? 0);
    const paths = write(applyWorkspaceEdit(lb1, action!.edit!), 'peer-k');
    checkKeepalived(paths['file:///ws/lb1/keepalived.conf']!);
    checkKeepalived(paths['file:///ws/lb2/keepalived.conf']!);
  });

  const pair: Files = {
    'file:///ws/lb1/keepalived.conf': pairConfig(150, 'MASTER', -60).replace(
      '    advert_int 1\n',
      '    advert_int 1\n    use_vmac\n',
    ),
    'file:///ws/lb2/keepalived.conf': pairConfig(100, 'BACKUP', -60).replace(
      'interval 2',
      'interval 5',
    ),
    'file:///ws/lb1/haproxy.cfg': MASTER_HAPROXY,
    'file:///ws/lb2/haproxy.cfg': MASTER_HAPROXY.replace('198.51.100.12', '198.51.100.99').replace(
      'localpeer lb1',
      'localpeer lb2',
    ),
  };

  it('Make lb2 match lb1 (config-drift): haproxy -c', (t) => {
    if (
      skipUnless(
        t,
        haproxy ? undefined : daemonMissing('haproxy-2.6'),
        'haproxy -c of a brought-over backend',
      )
    ) {
      return;
    }
    const action = matchAction(pair, 'file:///ws/lb2/haproxy.cfg', 'config-drift');
    const after = applyWorkspaceEdit(pair, action!.edit!);
    assert.match(after['file:///ws/lb2/haproxy.cfg'] ?? '', /198\.51\.100\.12/);
    checkHaproxy(write(after, 'drift')['file:///ws/lb2/haproxy.cfg']!);
  });

  it('Make lb2 match lb1 (script-drift, group-setting-mismatch): keepalived -t', (t) => {
    if (skipUnless(t, keepalivedMissing(), 'keepalived -t of brought-over settings')) return;
    let files = pair;
    for (const code of ['script-drift', 'group-setting-mismatch']) {
      const action = matchAction(files, 'file:///ws/lb2/keepalived.conf', code);
      files = applyWorkspaceEdit(files, action!.edit!);
    }
    const lb2 = files['file:///ws/lb2/keepalived.conf'] ?? '';
    assert.match(lb2, /use_vmac/);
    assert.match(lb2, /interval 2/);
    checkKeepalived(write(files, 'settings')['file:///ws/lb2/keepalived.conf']!);
  });
});
