import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  type ClusterAnalysis,
  type CodeActionClient,
} from '../../../server/src/core/index.js';
import { simulateFailover } from '../../../server/src/core/cluster/simulate.js';
import { peerName } from '../../../server/src/core/features/peer-node.js';
import { mark } from '../../helpers/markers.js';
import { MASTER_HAPROXY, masterKeepalived } from '../../helpers/written-configs.js';
import {
  allFindings,
  analyseFiles,
  applyWorkspaceEdit,
  parseFiles,
  type Files,
} from '../../helpers/node-files.js';

const service = createLanguageService();
const CLIENT: CodeActionClient = { createFiles: true, disabledActions: true };

/** The files of lb1 (and any `extra` files), the cursor in the Keepalived file. */
function workspace(keepalived: string, extra: Files = {}): { files: Files; cursor: number } {
  const { text, cursors } = mark(keepalived);
  return {
    files: {
      'file:///ws/lb1/keepalived.conf': text,
      'file:///ws/lb1/haproxy.cfg': MASTER_HAPROXY,
      ...extra,
    },
    cursor: cursors[0] ?? 0,
  };
}

function keepalivedOf(files: Files, uri = 'file:///ws/lb1/keepalived.conf') {
  const document = parseFiles(files).find((one) => one.uri === uri);
  assert.ok(document, uri);
  return document;
}

function peerActions(
  files: Files,
  cursor: number,
  client: CodeActionClient = CLIENT,
  analysis: ClusterAnalysis = analyseFiles(files),
): CodeAction[] {
  const document = keepalivedOf(files);
  const at = document.lineIndex.positionAt(cursor);
  return service
    .getCodeActions(
      document,
      { diagnostics: [], range: { start: at, end: at } },
      { settings: DEFAULT_SETTINGS, cluster: analysis, codeActions: client },
    )
    .filter((action) => action.kind === 'refactor');
}

test('peer node: lb2 is written in a new folder, every file created, none overwritten', () => {
  const { files, cursor } = workspace(masterKeepalived());
  const [action, ...rest] = peerActions(files, cursor);
  assert.equal(rest.length, 0);
  assert.ok(action?.edit);
  assert.match(action.title, /^Create the peer node lb2 \(VI_1 BACKUP, priority \d+\)$/);
  const changes = action.edit.documentChanges ?? [];
  assert.deepEqual(
    changes.map((change) =>
      !('kind' in change)
        ? `write ${change.textDocument.uri}`
        : change.kind === 'create'
          ? `create ${change.uri}`
          : change.kind,
    ),
    [
      'create file:///ws/lb2/keepalived.conf',
      'write file:///ws/lb2/keepalived.conf',
      'create file:///ws/lb2/haproxy.cfg',
      'write file:///ws/lb2/haproxy.cfg',
    ],
  );
  for (const change of changes) {
    if ('kind' in change && change.kind === 'create') {
      assert.deepEqual(change.options, { overwrite: false, ignoreIfExists: false });
    }
  }
  // A client refuses the edit when one of the files exists.
  assert.throws(
    () => applyWorkspaceEdit({ ...files, 'file:///ws/lb2/haproxy.cfg': '' }, action.edit!),
    /exists/,
  );
});

test('peer node: the written pair validates clean, the cluster checks say nothing, failover works', () => {
  const { files, cursor } = workspace(masterKeepalived());
  assert.deepEqual(allFindings(files), [], 'the master alone is clean');
  const [action] = peerActions(files, cursor);
  const after = applyWorkspaceEdit(files, action!.edit!);
  assert.deepEqual(allFindings(after), []);

  const peer = after['file:///ws/lb2/keepalived.conf'] ?? '';
  assert.match(peer, /^ {4}state BACKUP$/m);
  assert.match(peer, /^ {4}router_id lb2$/m);
  assert.match(peer, /^ {4}unicast_src_ip 192\.0\.2\.2$/m);
  assert.match(peer, /unicast_peer \{\n {8}192\.0\.2\.1\n/);
  // Kept as written: VRID, VIP, authentication, advert interval, scripts and tracks.
  for (const line of [
    '    virtual_router_id 51',
    '        192.0.2.100/24',
    '        auth_pass s3cret',
    '    advert_int 1',
    '    weight -30',
    '        chk_haproxy',
    '        chk_disk',
  ]) {
    assert.ok(peer.includes(`${line}\n`), line);
  }
  const haproxy = after['file:///ws/lb2/haproxy.cfg'] ?? '';
  assert.match(haproxy, /^ {4}localpeer lb2$/m);
  assert.match(haproxy, /^ {4}bind 192\.0\.2\.2:8404$/m);
  assert.match(haproxy, /^ {4}bind 192\.0\.2\.100:80 transparent$/m);
  assert.equal(
    haproxy.replace('localpeer lb2', 'localpeer lb1').replace('192.0.2.2:8404', '192.0.2.1:8404'),
    MASTER_HAPROXY,
  );

  // Every tracked check failing on lb1 hands the VIP to lb2, by the simulation the rules use.
  const analysis = analyseFiles(after);
  const group = analysis.model.groups.find((one) => one.id === 'VI_1');
  assert.ok(group);
  const simulation = simulateFailover(group);
  assert.equal(simulation.healthy.holder?.node.name, 'lb1');
  const onMaster = simulation.failures.filter((failure) => failure.member.node.name === 'lb1');
  assert.deepEqual(
    onMaster.map((failure) => [failure.check.name, failure.holder?.node.name]),
    [
      ['chk_haproxy', 'lb2'],
      ['chk_disk', 'lb2'],
    ],
  );
});

test('peer node: the priority is the middle of those that fail over, from the election arithmetic', () => {
  // lb1: 150, -30 on failure: lb2 must stay below 150 and above 120.
  const { files, cursor } = workspace(masterKeepalived());
  const [action] = peerActions(files, cursor);
  assert.match(action?.title ?? '', /priority 135\)$/);
  // A weight of -2 leaves one priority: 149.
  const small = workspace(masterKeepalived({ weight: -2 }));
  const [tight] = peerActions(small.files, small.cursor);
  assert.match(tight?.title ?? '', /priority 149\)$/);
  const after = applyWorkspaceEdit(small.files, tight!.edit!);
  assert.deepEqual(allFindings(after), []);
});

test('peer node: a positive weight counts on both nodes', () => {
  // lb1 150 +20 healthy = 170, 150 when chk_haproxy fails; lb2 healthy must be in (150, 170),
  // so its base is 131..149 and the middle is 140.
  const { files, cursor } = workspace(masterKeepalived({ weight: 20 }));
  const [action] = peerActions(files, cursor);
  const after = applyWorkspaceEdit(files, action!.edit!);
  assert.deepEqual(allFindings(after), []);
  assert.match(action?.title ?? '', /priority 140\)$/);
});

test('peer node: no priority works, so the action is disabled with the reason', () => {
  // state MASTER without priority is 255: keepalived ignores the script's weight.
  const { files, cursor } = workspace(masterKeepalived({ priority: '' }));
  const [action] = peerActions(files, cursor);
  assert.equal(action?.edit, undefined);
  assert.match(action?.disabled?.reason ?? '', /chk_haproxy.*priority 255/);
  // Clients that do not show disabled actions get none.
  assert.deepEqual(peerActions(files, cursor, { createFiles: true, disabledActions: false }), []);
});

test('peer node: only for clients creating files, on a MASTER instance without a peer', () => {
  const { files, cursor } = workspace(masterKeepalived());
  assert.deepEqual(peerActions(files, cursor, { createFiles: false, disabledActions: true }), []);
  // Outside the instance: nothing.
  assert.deepEqual(peerActions(files, 0), []);
  // A BACKUP instance: nothing.
  const backup = workspace(masterKeepalived().replace('state MASTER', 'state BACKUP'));
  assert.deepEqual(peerActions(backup.files, backup.cursor), []);
  // Once lb2 exists, lb1 has its peer.
  const [action] = peerActions(files, cursor);
  const after = applyWorkspaceEdit(files, action!.edit!);
  assert.deepEqual(peerActions(after, cursor), []);
  // A stale analysis (the document changed since) offers nothing rather than wrong offsets.
  const older = analyseFiles({
    ...files,
    'file:///ws/lb1/keepalived.conf': `# old\n${files['file:///ws/lb1/keepalived.conf'] ?? ''}`,
  });
  assert.deepEqual(peerActions(files, cursor, CLIENT, older), []);
});

test('peer node: the next free name, never an existing node', () => {
  assert.equal(peerName('lb1', new Set(['lb1'])), 'lb2');
  assert.equal(peerName('lb1', new Set(['lb1', 'lb2', 'lb3'])), 'lb4');
  assert.equal(peerName('lb09', new Set(['lb09'])), 'lb10');
  assert.equal(peerName('lb01', new Set(['lb01'])), 'lb02');
  assert.equal(peerName('edge', new Set(['edge'])), 'edge-peer');
  assert.equal(peerName('edge', new Set(['edge', 'edge-peer'])), 'edge-peer2');
  // An unrelated node already in lb2/: the peer goes to lb3.
  const { files, cursor } = workspace(masterKeepalived(), {
    'file:///ws/lb2/haproxy.cfg': 'defaults\n    mode http\n',
  });
  const [action] = peerActions(files, cursor);
  assert.match(action?.title ?? '', /^Create the peer node lb3 /);
});

test('peer node of a folder: the same edit as the code action, or why there is none', () => {
  const { files, cursor } = workspace(masterKeepalived());
  const analysis = analyseFiles(files);
  const [action] = peerActions(files, cursor, CLIENT, analysis);
  const result = service.getPeerNode(keepalivedOf(files), { cluster: analysis });
  assert.ok(!('reason' in result), JSON.stringify(result));
  assert.equal(result.name, 'lb2');
  assert.match(result.summary, /^VI_1 BACKUP, priority \d+$/);
  assert.ok(action?.title.includes(result.summary), action?.title);
  assert.deepEqual(result.edit, action?.edit);

  // Without a MASTER instance, a pair already written, or a stale analysis: a reason.
  const backup = workspace(masterKeepalived().replace('state MASTER', 'state BACKUP')).files;
  const noMaster = service.getPeerNode(keepalivedOf(backup), { cluster: analyseFiles(backup) });
  assert.deepEqual(noMaster, { reason: 'no vrrp_instance of keepalived.conf says state MASTER' });
  const pair = applyWorkspaceEdit(files, result.edit);
  const paired = service.getPeerNode(keepalivedOf(pair), { cluster: analyseFiles(pair) });
  assert.match('reason' in paired ? paired.reason : '', /already has a peer on another node/);
  assert.match(
    JSON.stringify(service.getPeerNode(keepalivedOf(files), {})),
    /not part of an analysed cluster/,
  );
  const haproxy = parseFiles(files).find((one) => one.languageId === 'haproxy');
  assert.match(
    JSON.stringify(service.getPeerNode(haproxy!, { cluster: analysis })),
    /no Keepalived file/,
  );
});
