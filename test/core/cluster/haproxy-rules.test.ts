import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCluster } from '../../../server/src/core/cluster/build.js';
import { analyseCluster, CLUSTER_RULES } from '../../../server/src/core/cluster/index.js';
import { HAPROXY_SIDE_RULES } from '../../../server/src/core/cluster/rules/haproxy-side.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings.js';
import { projectRoot } from '../../helpers/paths.js';
import {
  clusterFixtures,
  haproxyDocument,
  keepalivedDocument,
  loadCluster,
  readNodes,
  runHaproxySide,
  summarize,
} from './haproxy-harness.js';

const CODES = HAPROXY_SIDE_RULES.map((rule) => rule.code);

/** The findings of a fixture folder as `code file:line -> related file:line`. */
function findings(dir: string): string[] {
  const model = loadCluster(dir);
  return summarize(model, dir, runHaproxySide(model));
}

test('the rules have their codes, severities and source', () => {
  assert.deepEqual(CODES, [
    'bind-unmanaged-vip',
    'vip-not-bound',
    'no-haproxy-tracking',
    'nonlocal-bind',
    'config-drift',
    'peers-local',
  ]);
  const model = loadCluster('hk-drift');
  for (const issue of runHaproxySide(model)) {
    assert.equal(issue.source, 'cluster');
    assert.equal(issue.severity, 'warning');
    assert.ok(issue.uri);
  }
});

test('a clean pair gives none of the HAProxy-side codes', () => {
  assert.deepEqual(findings('hk-clean'), []);
});

test('bind-unmanaged-vip: an address no instance manages; VIPs, unicast_src_ip, loopback and wildcards are fine', () => {
  assert.deepEqual(findings('hk-unmanaged'), [
    'bind-unmanaged-vip lb1/haproxy.cfg:12 -> lb1/keepalived.conf:15',
  ]);
  const model = loadCluster('hk-unmanaged');
  const [issue] = runHaproxySide(model);
  assert.match(issue?.message ?? '', /10\.9\.9\.9/);
});

test('bind-unmanaged-vip: quiet when the cluster has no Keepalived configuration', () => {
  assert.ok(!findings('hk-haproxy-only').some((line) => line.startsWith('bind-unmanaged-vip')));
});

test('vip-not-bound: reported on the VIP and in the HAProxy file; a wildcard bind covers it', () => {
  assert.deepEqual(findings('hk-not-bound'), [
    'vip-not-bound lb1/haproxy.cfg:1 -> lb1/keepalived.conf:27',
    'vip-not-bound lb1/keepalived.conf:27 -> lb1/haproxy.cfg:11',
  ]);
  const model = loadCluster('hk-not-bound');
  assert.ok(runHaproxySide(model).every((issue) => issue.severity === 'info'));
});

test('no-haproxy-tracking: a script that checks something else; track_process haproxy counts', () => {
  assert.deepEqual(findings('hk-no-tracking'), [
    'no-haproxy-tracking lb1/haproxy.cfg:11 -> lb1/keepalived.conf:15',
    'no-haproxy-tracking lb1/keepalived.conf:15 -> lb1/haproxy.cfg:11',
  ]);
});

test('nonlocal-bind: the BACKUP node binding the VIP without transparent', () => {
  assert.deepEqual(findings('hk-nonlocal'), [
    'nonlocal-bind lb2/haproxy.cfg:11 -> lb2/keepalived.conf:26',
    'nonlocal-bind lb2/keepalived.conf:26 -> lb2/haproxy.cfg:11',
  ]);
  const model = loadCluster('hk-nonlocal');
  for (const issue of runHaproxySide(model)) {
    assert.equal(issue.severity, 'info');
    assert.match(issue.message, /net\.ipv4\.ip_nonlocal_bind=1/);
    assert.match(issue.message, /transparent/);
  }
});

test('config-drift: a server address and a backend differ, both sides reported', () => {
  assert.deepEqual(findings('hk-drift'), [
    'config-drift lb1/haproxy.cfg:17 -> lb2/haproxy.cfg:16',
    'config-drift lb1/haproxy.cfg:19 -> lb2/haproxy.cfg:14',
    'config-drift lb2/haproxy.cfg:14 -> lb1/haproxy.cfg:19',
    'config-drift lb2/haproxy.cfg:16 -> lb1/haproxy.cfg:17',
  ]);
});

test('config-drift: without Keepalived every node is compared; conf.d read in order, .if evaluated', () => {
  assert.deepEqual(findings('hk-haproxy-only'), [
    'config-drift web1/haproxy.cfg:16 -> web2/conf.d/20-web.cfg:6',
    'config-drift web2/conf.d/20-web.cfg:6 -> web1/haproxy.cfg:16',
  ]);
  // For 2.2 the `.else` branch is live, and it lists the same servers as web1.
  const model = loadCluster('hk-haproxy-only', {
    ...DEFAULT_SETTINGS,
    haproxy: { version: '2.2', severities: {} },
  });
  assert.deepEqual(runHaproxySide(model), []);
});

test('config-drift: only the first differences of a pair, with the total', () => {
  const backends = (count: number, address: string): string =>
    Array.from(
      { length: count },
      (_, i) => `backend be${i}\n    server s ${address}:${8000 + i}\n`,
    ).join('\n');
  const model = buildCluster({
    nodes: [
      {
        name: 'a',
        haproxy: [haproxyDocument('/x/a/haproxy.cfg', backends(5, '10.0.0.1'))],
        keepalived: [],
      },
      {
        name: 'b',
        haproxy: [haproxyDocument('/x/b/haproxy.cfg', backends(5, '10.0.0.2'))],
        keepalived: [],
      },
    ],
    settings: DEFAULT_SETTINGS,
  });
  const issues = runHaproxySide(model);
  assert.equal(issues.length, 6);
  assert.match(issues[0]?.message ?? '', /5 differences between a and b; the first 3 are shown/);
});

test('config-drift: the same text reads differently under another environment', () => {
  // Nodes with one text and one environment are not compared at all; a node whose environment
  // gives a server another address still is.
  const text = 'backend be\n    server s "${BACKEND}:80"\n';
  const node = (name: string, address: string) => ({
    name,
    env: { BACKEND: address },
    haproxy: [haproxyDocument(`/x/${name}/haproxy.cfg`, text)],
    keepalived: [],
  });
  const same = buildCluster({
    nodes: [node('a', '192.0.2.10'), node('b', '192.0.2.10')],
    settings: DEFAULT_SETTINGS,
  });
  assert.deepEqual(runHaproxySide(same), []);
  const differing = buildCluster({
    nodes: [node('a', '192.0.2.10'), node('b', '192.0.2.11'), node('c', '192.0.2.10')],
    settings: DEFAULT_SETTINGS,
  });
  const messages = runHaproxySide(differing).map((issue) => issue.message);
  assert.equal(messages.length, 4, messages.join('\n'));
  assert.ok(
    messages.every((message) => /192\.0\.2\.1[01]/.test(message)),
    messages.join('\n'),
  );
});

test('peers-local: the host name is no peer; localpeer names the local peer', () => {
  assert.deepEqual(findings('hk-peers-local'), [
    'peers-local lb2/haproxy.cfg:11 -> lb2/haproxy.cfg:12',
  ]);
});

test('${VAR} in binds comes from the node env; unknown variables are opaque', () => {
  const haproxy = [
    'defaults',
    '    mode http',
    'frontend fe',
    '    bind "${VIP}:80"',
    '    default_backend be',
    'backend be',
    '    server s 10.0.1.1:80',
    '',
  ].join('\n');
  const keepalived = (state: string, priority: number): string =>
    [
      'vrrp_script chk { ',
      '    script "/usr/bin/pgrep -x haproxy"',
      '}',
      'vrrp_instance VI {',
      `    state ${state}`,
      '    interface eth0',
      '    virtual_router_id 7',
      `    priority ${priority}`,
      '    virtual_ipaddress {',
      '        10.0.0.100',
      '    }',
      '    track_script {',
      '        chk',
      '    }',
      '}',
      '',
    ].join('\n');
  const build = (env: Record<string, string> | undefined) =>
    buildCluster({
      nodes: [
        {
          name: 'n1',
          env,
          haproxy: [haproxyDocument('/c/haproxy.cfg', haproxy)],
          keepalived: [keepalivedDocument('/c/n1.conf', keepalived('MASTER', 150))],
        },
        {
          name: 'n2',
          env,
          haproxy: [haproxyDocument('/c/haproxy.cfg', haproxy)],
          keepalived: [keepalivedDocument('/c/n2.conf', keepalived('BACKUP', 100))],
        },
      ],
      settings: DEFAULT_SETTINGS,
    });
  // The VIP from the environment: n2 (BACKUP) needs a non-local bind.
  assert.deepEqual(
    summarize(build({ VIP: '10.0.0.100' }), '/c', runHaproxySide(build({ VIP: '10.0.0.100' }))),
    ['nonlocal-bind haproxy.cfg:4 -> n2.conf:10', 'nonlocal-bind n2.conf:10 -> haproxy.cfg:4'],
  );
  // A different address from the environment is unmanaged.
  const other = build({ VIP: '10.0.0.7' });
  assert.deepEqual(
    runHaproxySide(other).map((issue) => issue.code),
    [
      'bind-unmanaged-vip',
      'bind-unmanaged-vip',
      'vip-not-bound',
      'vip-not-bound',
      'vip-not-bound',
      'vip-not-bound',
    ],
  );
  // Without a value the bind is opaque: nothing is guessed.
  assert.deepEqual(runHaproxySide(build(undefined)), []);
});

test('the example cluster gives none of these codes', () => {
  const dir = join(projectRoot, 'examples');
  const issues = runHaproxySide(loadCluster(dir));
  // The backup binds the VIP with `transparent`, so even nonlocal-bind has nothing to say.
  assert.deepEqual(
    issues.map((issue) => issue.message),
    [],
  );
});

test('static_ipaddress counts as local; a sync group tracking HAProxy covers its members', () => {
  const keepalived = [
    'static_ipaddress {',
    '    10.0.5.1/24 dev eth1',
    '}',
    'vrrp_script chk_haproxy {',
    '    script "/usr/bin/killall -0 haproxy"',
    '    weight -20',
    '}',
    'vrrp_sync_group G {',
    '    group {',
    '        VI',
    '    }',
    '    track_script {',
    '        chk_haproxy',
    '    }',
    '}',
    'vrrp_instance VI {',
    '    state MASTER',
    '    interface eth0',
    '    virtual_router_id 7',
    '    priority 150',
    '    virtual_ipaddress {',
    '        10.0.0.100',
    '    }',
    '}',
    '',
  ].join('\n');
  const haproxy = [
    'frontend fe',
    '    bind 10.0.0.100:80',
    '    bind 10.0.5.1:8404',
    '    bind 10.0.5.2:8405',
    '    default_backend be',
    'backend be',
    '    server s 10.0.1.1:80',
    '',
  ].join('\n');
  const model = buildCluster({
    nodes: [
      {
        name: 'n1',
        haproxy: [haproxyDocument('/s/haproxy.cfg', haproxy)],
        keepalived: [keepalivedDocument('/s/keepalived.conf', keepalived)],
      },
    ],
    settings: DEFAULT_SETTINGS,
  });
  assert.deepEqual(summarize(model, '/s', runHaproxySide(model)), [
    'bind-unmanaged-vip haproxy.cfg:4 -> keepalived.conf:16',
  ]);
});

test('the rules run with the cluster rules, and a clean fixture stays clean', () => {
  const codes = CLUSTER_RULES.map((rule) => rule.code);
  for (const code of CODES) assert.ok(codes.includes(code), code);
  const clean = analyseCluster({
    nodes: readNodes(join(clusterFixtures, 'hk-clean')),
    settings: DEFAULT_SETTINGS,
  });
  assert.deepEqual(
    clean.issues.map((issue) => `${issue.code}: ${issue.message}`),
    [],
  );
  const drift = analyseCluster({
    nodes: readNodes(join(clusterFixtures, 'hk-drift')),
    settings: DEFAULT_SETTINGS,
  });
  assert.deepEqual(
    drift.issues.map((issue) => issue.code),
    ['config-drift', 'config-drift', 'config-drift', 'config-drift'],
  );
});

test('config-drift: one shared file differs through the nodes env', () => {
  const text = ['backend be', '    server s1 "${APP}:80"', ''].join('\n');
  const shared = haproxyDocument('/shared/haproxy.cfg', text);
  const build = (second: string) =>
    buildCluster({
      nodes: [
        { name: 'a', env: { APP: '10.0.0.1' }, haproxy: [shared], keepalived: [] },
        { name: 'b', env: { APP: second }, haproxy: [shared], keepalived: [] },
      ],
      settings: DEFAULT_SETTINGS,
    });
  assert.deepEqual(runHaproxySide(build('10.0.0.1')), []);
  const issues = runHaproxySide(build('10.0.0.2'));
  assert.equal(issues.length, 2);
  assert.match(issues[0]?.message ?? '', /10\.0\.0\.1:80 on a but to 10\.0\.0\.2:80 on b/);
});
