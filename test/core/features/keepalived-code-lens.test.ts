import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, DEFAULT_SETTINGS } from '../../../server/src/core/index.js';
import { SHOW_TOPOLOGY_COMMAND } from '../../../server/src/core/features/topology-lens.js';
import { inlineCluster, pairConfig } from '../../helpers/cluster-nodes.js';

const service = createLanguageService();

/** Lens titles by line of a Keepalived text (the topology lenses have tests of their own). */
function lenses(text: string): Array<[number, string]> {
  const document = service.parse('keepalived', 'file:///k.conf', text);
  return service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS })
    .filter((lens) => lens.command?.command !== SHOW_TOPOLOGY_COMMAND)
    .map((lens) => [lens.range.start.line, lens.command?.title ?? '']);
}

const CONFIG = `vrrp_script chk_web {
  script "/usr/bin/true"
  weight -20
}
vrrp_script chk_db {
  script "/usr/bin/true"
}
vrrp_script chk_idle {
  script "/usr/bin/true"
}
vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
  track_script {
    chk_web
    chk_db weight 5
  }
  track_interface {
    eth1
  }
}
vrrp_instance VI_2 {
  interface eth0
  virtual_router_id 52
  track_script {
    chk_web weight 0 reverse
  }
}
vrrp_sync_group SG {
  group {
    VI_1 VI_2
  }
  track_script {
    chk_db
  }
}
virtual_server 10.0.0.1 80 {
  real_server 10.0.0.2 80 {
    TCP_CHECK {
      connect_timeout 3
    }
  }
  real_server 10.0.0.3 80 {
  }
}
`;

test('keepalived code lens: who tracks each script, with the weight it applies', () => {
  const found = lenses(CONFIG);
  assert.deepEqual(found.slice(0, 3), [
    // keepalived -t: "(VI_1) ignoring tracked script chk_web with weights due to SYNC group".
    [0, 'tracked by VI_1 (\u221220 ignored: sync group → FAULT), VI_2 (0 reverse → FAULT)'],
    [4, 'tracked by VI_1 (+5 ignored: sync group → FAULT), SG (0 → FAULT)'],
    [7, 'not tracked'],
  ]);
  const alone = CONFIG.slice(0, CONFIG.indexOf('vrrp_sync_group'));
  assert.deepEqual(lenses(alone).slice(0, 2), [
    [0, 'tracked by VI_1 (\u221220), VI_2 (0 reverse → FAULT)'],
    [4, 'tracked by VI_1 (+5)'],
  ]);
  const kept = CONFIG.replace('  group {', '  sync_group_tracking_weight\n  group {');
  assert.equal(lenses(kept)[0]?.[1], 'tracked by VI_1 (\u221220), VI_2 (0 reverse → FAULT)');
});

test('keepalived code lens: state, priority and tracked checks of an instance', () => {
  const found = new Map(lenses(CONFIG));
  assert.equal(found.get(10), 'MASTER · priority 150 · 3 tracked checks');
  // No state line: keepalived starts the instance as BACKUP with priority 100.
  assert.equal(found.get(23), 'BACKUP · priority 100 · 1 tracked check');
});

test('keepalived code lens: real servers and checkers of a virtual server', () => {
  const found = new Map(lenses(CONFIG));
  assert.equal(found.get(38), '2 real servers · 1 checker');
  assert.equal(lenses(CONFIG).length, 6);
});

test('keepalived code lens: an instance with a cluster lens gets no second one', () => {
  const cluster = inlineCluster({
    lb1: pairConfig(101, 'MASTER', 2),
    lb2: pairConfig(100, 'BACKUP', 2),
  });
  const document = cluster.nodes.lb1?.document;
  assert.ok(document);
  const titles = service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS, cluster: cluster.analysis })
    .map((lens) => lens.command?.title ?? '');
  assert.equal(titles.filter((title) => title.includes('priority')).length, 0);
  assert.equal(titles.filter((title) => title.includes('failover OK')).length, 1);
  assert.equal(titles.filter((title) => title.startsWith('tracked by')).length, 1);
  // Without the cluster, the single-document lens is there.
  const alone = service
    .getCodeLenses(document, { settings: DEFAULT_SETTINGS })
    .map((lens) => lens.command?.title);
  assert.ok(alone.some((title) => title?.startsWith('MASTER · priority 101')));
});

test('keepalived code lens: nothing for HAProxy-only lenses in keepalived and vice versa', () => {
  const haproxy = service.parse(
    'haproxy',
    'file:///h.cfg',
    'backend be\n  server s1 10.0.0.1:80\n',
  );
  const titles = service
    .getCodeLenses(haproxy, { settings: DEFAULT_SETTINGS })
    .filter((lens) => lens.command?.command !== SHOW_TOPOLOGY_COMMAND)
    .map((lens) => lens.command?.title);
  assert.deepEqual(titles, ['1 server · 0 checked · 0 backup']);
});
