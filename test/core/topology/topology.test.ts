/**
 * The topology graph of analysed clusters (the picture the preview and `halint topology` draw)
 * and the failover scenarios its controls run: the example pair, the cluster fixtures, and small
 * inline clusters for the cases the picture must make visible.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  HEALTHY,
  planClusters,
  type FailoverScenario,
  type ParsedDocument,
  type SimGroup,
  type TopologyGraph,
} from '../../../server/src/core/index.js';
import { runScenario } from '../../../server/src/core/topology/scenario.js';
import { projectRoot } from '../../helpers/paths.js';

const service = createLanguageService();

/** Parses `files` (path → text), plans the clusters and returns the graph of the first one. */
function graphOf(files: Readonly<Record<string, string>>, limit?: number): TopologyGraph {
  const documents: ParsedDocument[] = Object.entries(files).map(([path, text]) =>
    service.parse(path.includes('keepalived') ? 'keepalived' : 'haproxy', path, text),
  );
  const [plan] = planClusters(documents, []);
  assert.ok(plan, 'one cluster planned');
  const analysis = service.analyseCluster(plan.nodes, { settings: DEFAULT_SETTINGS });
  return service.getTopology(analysis, limit === undefined ? {} : { limit }, {
    settings: DEFAULT_SETTINGS,
  });
}

/** Every `haproxy*.cfg` / `keepalived*.conf` below a fixture folder, as `graphOf` input. */
function folder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^(haproxy.*\.cfg|keepalived.*\.conf)$/.test(name)) {
        files[path] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

function element(graph: TopologyGraph, id: string): TopologyGraph['elements'][number] {
  const found = graph.elements.find((candidate) => candidate.id === id);
  assert.ok(found, `element ${id} in ${graph.elements.map((e) => e.id).join(', ')}`);
  return found;
}

function edge(graph: TopologyGraph, kind: string, from: string, to: string) {
  const found = graph.edges.find((e) => e.kind === kind && e.from === from && e.to === to);
  assert.ok(found, `${kind} edge ${from} → ${to}`);
  return found;
}

function only(graph: TopologyGraph): SimGroup {
  assert.equal(graph.groups.length, 1);
  const [group] = graph.groups;
  assert.ok(group);
  return group;
}

const scenario = (partial: Partial<FailoverScenario>): FailoverScenario => ({
  ...HEALTHY,
  ...partial,
});

/** The example lb1 keepalived.conf with replacements applied. */
function keepalived(
  node: 'lb1' | 'lb2',
  replace: readonly [string | RegExp, string][] = [],
): string {
  let text = readFileSync(join(projectRoot, 'examples', node, 'keepalived.conf'), 'utf8');
  for (const [from, to] of replace) text = text.replace(from, to);
  return text;
}
const haproxy = (node: 'lb1' | 'lb2'): string =>
  readFileSync(join(projectRoot, 'examples', node, 'haproxy.cfg'), 'utf8');

describe('topology of examples/', () => {
  const graph = graphOf(folder(join(projectRoot, 'examples')));

  test('clients, the VIP with its VRRP settings, and both nodes', () => {
    assert.deepEqual(graph.nodes, ['lb1', 'lb2']);
    const vip = element(graph, 'vip:192.168.10.100');
    assert.equal(vip.kind, 'vip');
    assert.match(vip.details.join('\n'), /VI_WEB · VRID 51/);
    assert.match(vip.details.join('\n'), /advert 1 s · auth PASS/);
    edge(graph, 'traffic', 'clients', 'vip:192.168.10.100');
    assert.equal(edge(graph, 'vip', 'vip:192.168.10.100', 'node:lb1').label, 'VI_WEB · 110');
    assert.equal(edge(graph, 'vip', 'vip:192.168.10.100', 'node:lb2').label, 'VI_WEB · 100');
    const lb1 = element(graph, 'node:lb1');
    assert.equal(lb1.node, 'lb1');
    assert.match(lb1.details.join('\n'), /VI_WEB: MASTER · priority 110/);
    assert.match(lb1.details.join('\n'), /tracks chk_haproxy -20/);
    assert.ok(lb1.location?.uri.endsWith(join('lb1', 'keepalived.conf')));
  });

  test('identical HAProxy files are drawn once, marked as shared', () => {
    const layers = graph.elements.filter((e) => e.kind === 'haproxy');
    assert.equal(layers.length, 1);
    const [layer] = layers;
    assert.equal(layer?.label, 'HAProxy · same on lb1, lb2');
    assert.deepEqual(layer?.marks, ['shared']);
  });

  test('frontends, routes with their conditions, backends and servers', () => {
    const layer = 'haproxy:lb1+lb2';
    const fe = element(graph, `${layer}/fe/fe_web`);
    assert.deepEqual(fe.marks, ['transparent']);
    assert.match(fe.details[0] ?? '', /bind 192\.168\.10\.100:80 transparent/);
    assert.equal(
      edge(graph, 'route', `${layer}/fe/fe_web`, `${layer}/be/be_api`).label,
      'path_beg /api/',
    );
    edge(graph, 'default-route', `${layer}/fe/fe_web`, `${layer}/be/be_app`);
    assert.equal(
      edge(graph, 'serves', 'node:lb1', `${layer}/fe/fe_web`).label,
      '192.168.10.100:80',
    );
    const app = element(graph, `${layer}/be/be_app`);
    assert.deepEqual(app.details, [
      'http · roundrobin',
      'check: httpchk GET /health',
      'cookie SRV insert indirect nocache',
    ]);
    const server = element(graph, `${layer}/be/be_app/srv/app1`);
    assert.equal(server.label, 'app1 10.0.1.11:8080');
    assert.deepEqual(server.details, ['check inter 2s fall 3 rise 2']);
    assert.deepEqual(element(graph, `${layer}/be/be_static/srv/sorry`).marks, ['backup']);
    assert.equal(element(graph, `${layer}/li/stats`).kind, 'listen');
    assert.equal(graph.folded, 0);
  });

  test('a clean cluster has no findings anywhere on the picture', () => {
    assert.deepEqual(graph.counts, { error: 0, warning: 0, info: 0, hint: 0 });
    assert.ok(graph.elements.every((e) => e.findings.length === 0));
  });

  test('failover controls: node down, HAProxy down, a failing check', () => {
    const group = only(graph);
    assert.deepEqual(runScenario(group, HEALTHY).holders, ['lb1']);
    const down = runScenario(group, scenario({ nodesDown: ['lb1'] }));
    assert.deepEqual(down.holders, ['lb2']);
    assert.equal(down.priorities.lb1, 'down');
    assert.match(down.explanation, /moves from lb1 to lb2.*lb1 is down/);
    const haproxyDown = runScenario(group, scenario({ haproxyDown: ['lb1'] }));
    assert.deepEqual(haproxyDown.holders, ['lb2']);
    assert.equal(haproxyDown.priorities.lb1, 90);
    assert.equal(haproxyDown.problem, false);
    const check = group.members[0]?.checks[0];
    assert.equal(check?.watchesHaproxy, true);
    const failing = runScenario(group, scenario({ failing: [check?.id ?? ''] }));
    assert.deepEqual(failing.holders, ['lb2']);
    // Both nodes down: nobody holds the VIP, and the picture says it is a problem.
    const none = runScenario(group, scenario({ nodesDown: ['lb1', 'lb2'] }));
    assert.deepEqual(none.holders, []);
    assert.equal(none.problem, true);
  });
});

describe('topology of inline clusters', () => {
  const pair = (lb2Replace: readonly [string | RegExp, string][] = []): Record<string, string> => ({
    '/c/lb1/haproxy.cfg': haproxy('lb1'),
    '/c/lb1/keepalived.conf': keepalived('lb1'),
    '/c/lb2/haproxy.cfg': haproxy('lb2'),
    '/c/lb2/keepalived.conf': keepalived('lb2', lb2Replace),
  });

  test('different VRIDs: the group is split and both nodes hold the VIP', () => {
    const graph = graphOf(pair([['virtual_router_id 51', 'virtual_router_id 52']]));
    const group = only(graph);
    assert.equal(group.split?.code, 'vrid-mismatch');
    const outcome = runScenario(group, HEALTHY);
    assert.deepEqual(outcome.holders, ['lb1', 'lb2']);
    assert.equal(outcome.problem, true);
    assert.match(outcome.explanation, /split brain/);
    // The finding is on the picture, on the node whose instance carries it.
    const codes = element(graph, 'node:lb2').findings.map((f) => f.code);
    assert.ok(codes.includes('vrid-mismatch'), codes.join(', '));
  });

  test('different passwords: the group is split and both nodes hold the VIP', () => {
    const graph = graphOf(pair([['auth_pass s3cr3tPw', 'auth_pass 0therPw']]));
    const group = only(graph);
    assert.equal(group.split?.code, 'auth-mismatch');
    const outcome = runScenario(group, HEALTHY);
    assert.deepEqual(outcome.holders, ['lb1', 'lb2']);
    assert.equal(outcome.problem, true);
    assert.match(outcome.explanation, /split brain/);
    const codes = graph.elements.flatMap((e) => e.findings.map((f) => f.code));
    assert.ok(codes.includes('auth-mismatch'), codes.join(', '));
  });

  test('HAProxy alone: no VRRP group, the clients reach its frontends directly', () => {
    const graph = graphOf({ '/c/lb1/haproxy.cfg': haproxy('lb1') });
    assert.deepEqual(graph.groups, []);
    assert.deepEqual(
      graph.elements.filter((e) => e.kind === 'vip' || e.kind === 'node'),
      [],
    );
    assert.equal(element(graph, 'haproxy@lb1').label, 'HAProxy on lb1');
    edge(graph, 'traffic', 'clients', 'haproxy@lb1/fe/fe_web');
    edge(graph, 'traffic', 'clients', 'haproxy@lb1/li/stats');
    edge(graph, 'server', 'haproxy@lb1/be/be_api', 'haproxy@lb1/be/be_api/srv/api1');
  });

  test('Keepalived alone: the VRRP picture, with no HAProxy layer', () => {
    const graph = graphOf({
      '/c/lb1/keepalived.conf': keepalived('lb1'),
      '/c/lb2/keepalived.conf': keepalived('lb2'),
    });
    assert.deepEqual(graph.elements.map((e) => e.kind).sort(), ['clients', 'node', 'node', 'vip']);
    edge(graph, 'traffic', 'clients', 'vip:192.168.10.100');
    edge(graph, 'vip', 'vip:192.168.10.100', 'node:lb1');
    edge(graph, 'vip', 'vip:192.168.10.100', 'node:lb2');
    assert.deepEqual(runScenario(only(graph), HEALTHY).holders, ['lb1']);
    assert.deepEqual(runScenario(only(graph), scenario({ nodesDown: ['lb1'] })).holders, ['lb2']);
  });

  test('a weight too small: the VIP does not move and the outcome says why', () => {
    const files = pair();
    files['/c/lb1/keepalived.conf'] = keepalived('lb1', [['weight -20', 'weight -5']]);
    files['/c/lb2/keepalived.conf'] = keepalived('lb2', [['weight -20', 'weight -5']]);
    const graph = graphOf(files);
    const group = only(graph);
    const outcome = runScenario(group, scenario({ haproxyDown: ['lb1'] }));
    assert.deepEqual(outcome.holders, ['lb1']);
    assert.equal(outcome.priorities.lb1, 105);
    assert.equal(outcome.problem, true);
    assert.match(outcome.explanation, /stays on lb1.*failover-weight/);
    assert.match(outcome.explanation, /HAProxy is down on lb1/);
    const codes = element(graph, 'node:lb1').findings.map((f) => f.code);
    assert.ok(codes.includes('failover-weight'), codes.join(', '));
  });

  test('nothing tracks HAProxy: HAProxy down leaves the VIP on a node that cannot serve', () => {
    const strip: [RegExp, string][] = [[/\s*track_script \{\s*chk_haproxy\s*\}/, '']];
    const files = pair(strip);
    files['/c/lb1/keepalived.conf'] = keepalived('lb1', strip);
    const group = only(graphOf(files));
    const outcome = runScenario(group, scenario({ haproxyDown: ['lb1'] }));
    assert.deepEqual(outcome.holders, ['lb1']);
    assert.equal(outcome.problem, true);
    assert.match(outcome.explanation, /no-haproxy-tracking/);
  });

  test('nopreempt keeps a higher backup from taking over', () => {
    const files = pair([
      ['priority 100', 'priority 120'],
      ['state BACKUP', 'state BACKUP\n    nopreempt'],
    ]);
    const group = only(graphOf(files));
    const lb2 = group.members.find((member) => member.node === 'lb2');
    assert.equal(lb2?.nopreempt, true);
    // Healthy: lb2 wins the first election with 120.
    assert.deepEqual(runScenario(group, HEALTHY).holders, ['lb2']);
  });

  test('a server without check and a route to a missing backend are visibly wrong', () => {
    const text = [
      'defaults',
      '    mode http',
      '    timeout connect 5s',
      '    timeout client 30s',
      '    timeout server 30s',
      '',
      'frontend fe',
      '    bind 192.0.2.10:80',
      '    use_backend be_missing if { path_beg /x/ }',
      '    default_backend be',
      '',
      'backend be',
      '    server web1 198.51.100.11:80',
      '    server web2 198.51.100.12:80 check',
      '',
    ].join('\n');
    const graph = graphOf({ '/solo/web1/haproxy.cfg': text });
    assert.ok(!graph.elements.some((e) => e.kind === 'vip' || e.kind === 'node'));
    const layer = 'haproxy@web1';
    edge(graph, 'traffic', 'clients', `${layer}/fe/fe`);
    const unchecked = element(graph, `${layer}/be/be/srv/web1`);
    assert.ok(unchecked.marks.includes('no-check'));
    assert.ok(unchecked.findings.some((f) => f.code === 'missing-check'));
    const missing = element(graph, `${layer}/missing/be_missing`);
    assert.deepEqual(missing.marks, ['missing']);
    const route = edge(graph, 'route', `${layer}/fe/fe`, `${layer}/missing/be_missing`);
    assert.equal(route.label, '{ path_beg /x/ }');
    assert.ok(route.findings.some((f) => f.code === 'undefined-backend'));
    assert.ok(graph.counts.error >= 1);
  });

  test('long server lists and many backends fold, and limit 0 shows everything', () => {
    const lines = ['defaults', '    mode http', '    timeout connect 5s', '    timeout client 5s'];
    lines.push('    timeout server 5s', 'frontend fe', '    bind :80', '    default_backend be0');
    for (let b = 0; b < 60; b++) {
      lines.push(`backend be${b}`);
      for (let s = 0; s < 12; s++) lines.push(`    server s${s} 198.51.100.${s + 1}:80 check`);
    }
    const files = { '/big/lb/haproxy.cfg': `${lines.join('\n')}\n` };
    const folded = graphOf(files);
    const more = folded.elements.filter((e) => e.kind === 'more');
    // 40 backends drawn (5 × 8) with 4 servers folded each, the other 20 backends folded whole.
    assert.equal(folded.elements.filter((e) => e.kind === 'backend').length, 40);
    assert.ok(more.some((e) => e.label === '+ 20 more backends' && e.count === 20));
    assert.ok(more.some((e) => e.label === '+ 4 more servers' && e.count === 4));
    assert.equal(folded.folded, 40 * 4 + 20);
    const full = graphOf(files, 0);
    assert.equal(full.folded, 0);
    assert.equal(full.elements.filter((e) => e.kind === 'server').length, 60 * 12);
  });

  test("Keepalived's own virtual servers are drawn with their real servers", () => {
    const lvs = [
      'virtual_server 192.0.2.20 443 {',
      '    lb_algo rr',
      '    lb_kind NAT',
      '    protocol TCP',
      '    real_server 198.51.100.21 443 {',
      '        weight 1',
      '        TCP_CHECK {',
      '            connect_timeout 3',
      '        }',
      '    }',
      '    real_server 198.51.100.22 443 {',
      '        weight 2',
      '    }',
      '}',
    ].join('\n');
    const graph = graphOf({
      '/lvs/lb1/keepalived.conf': `${keepalived('lb1')}\n${lvs}\n`,
      '/lvs/lb2/keepalived.conf': `${keepalived('lb2')}\n${lvs}\n`,
    });
    const vs = element(graph, 'lvs:192.0.2.20 443');
    assert.equal(vs.kind, 'virtual-server');
    assert.deepEqual(vs.details, ['rr · NAT · TCP']);
    edge(graph, 'lvs', 'node:lb1', 'lvs:192.0.2.20 443');
    edge(graph, 'lvs', 'node:lb2', 'lvs:192.0.2.20 443');
    const checked = element(graph, 'lvs:192.0.2.20 443/rs:198.51.100.21:443');
    assert.deepEqual(checked.details, ['TCP_CHECK · weight 1']);
    const unchecked = element(graph, 'lvs:192.0.2.20 443/rs:198.51.100.22:443');
    assert.deepEqual(unchecked.marks, ['no-check']);
  });

  test('the graph survives JSON unchanged (it crosses the LSP and webview boundaries)', () => {
    const graph = graphOf(pair());
    assert.deepEqual(JSON.parse(JSON.stringify(graph)), graph);
  });
});

describe('topology of a pair with a sync group', () => {
  const dir = join(projectRoot, 'test', 'fixtures', 'topology', 'sync-pair');
  const graph = graphOf(folder(dir));

  test('the sync group is a box around the VIPs of its instances, named and located', () => {
    const boxes = graph.elements.filter((e) => e.kind === 'sync-group');
    assert.deepEqual(
      boxes.map((box) => box.id),
      ['sync:G_FRONT'],
    );
    const box = element(graph, 'sync:G_FRONT');
    assert.equal(box.label, 'G_FRONT');
    assert.deepEqual(box.details, ['sync group of VI_WEB, VI_DB']);
    assert.deepEqual(box.members, ['VI_WEB', 'VI_DB']);
    assert.equal(box.parent, undefined);
    assert.ok(box.location?.uri.endsWith(join('lb1', 'keepalived.conf')));
    // 0-based: the `vrrp_sync_group G_FRONT` line, on the group's name.
    assert.equal(box.location?.range.start.line, 15);
    assert.equal(box.location?.range.start.character, 'vrrp_sync_group '.length);
    const inside = graph.elements.filter((e) => e.parent === 'sync:G_FRONT').map((e) => e.id);
    assert.deepEqual(inside, ['vip:192.0.2.100', 'vip:192.0.2.101']);
    // The box comes before its contents (ELK keeps the model order), the nodes stay outside.
    const order = graph.elements.map((e) => e.id);
    assert.ok(order.indexOf('sync:G_FRONT') < order.indexOf('vip:192.0.2.100'));
    assert.equal(element(graph, 'node:lb1').parent, undefined);
    // The edges still join the VIPs inside to the clients and the nodes outside.
    edge(graph, 'traffic', 'clients', 'vip:192.0.2.101');
    edge(graph, 'vip', 'vip:192.0.2.101', 'node:lb2');
  });

  test("a finding in the sync group's block is drawn on its box", () => {
    const files = folder(dir);
    const lb2 = Object.keys(files).find((path) => path.endsWith(join('lb2', 'keepalived.conf')));
    assert.ok(lb2);
    files[lb2] = (files[lb2] ?? '').replace('        VI_DB\n', '        VI_DB\n        VI_NOPE\n');
    const broken = graphOf(files);
    const box = element(broken, 'sync:G_FRONT');
    assert.deepEqual(box.members, ['VI_WEB', 'VI_DB', 'VI_NOPE']);
    assert.ok(
      box.findings.some((f) => f.code === 'sync-group-member' && /VI_NOPE/.test(f.message)),
      JSON.stringify(box.findings),
    );
    assert.equal(element(broken, 'vip:192.0.2.100').parent, 'sync:G_FRONT');
  });

  test('instances outside any sync group keep their VIPs at the top level', () => {
    const plain = graphOf(folder(join(projectRoot, 'examples')));
    assert.ok(!plain.elements.some((e) => e.kind === 'sync-group'));
    assert.equal(element(plain, 'vip:192.168.10.100').parent, undefined);
  });
});

describe('topology of the cluster fixtures', () => {
  const fixtures = join(projectRoot, 'test', 'fixtures', 'cluster');

  test('three nodes, one on another VRID: two masters, one per part that hears itself', () => {
    const files = folder(join(fixtures, 'clean-multicast'));
    const lb3 = Object.keys(files).find((path) => path.endsWith(join('lb3', 'keepalived.conf')));
    assert.ok(lb3);
    files[lb3] = (files[lb3] ?? '').replace('virtual_router_id 51', 'virtual_router_id 53');
    const graph = graphOf(files);
    const web = graph.groups.find((group) => group.id === 'VI_WEB');
    assert.equal(web?.split?.code, 'vrid-mismatch');
    assert.deepEqual(web?.parts, [['lb1', 'lb2'], ['lb3']]);
    const outcome = runScenario(web, HEALTHY);
    assert.deepEqual(outcome.holders, ['lb1', 'lb3']);
    assert.equal(outcome.problem, true);
    // lb1 down: lb2 takes over its part, lb3 still holds the VIP on its own.
    assert.deepEqual(runScenario(web, scenario({ nodesDown: ['lb1'] })).holders, ['lb2', 'lb3']);
    const db = graph.groups.find((group) => group.id === 'VI_DB');
    assert.equal(db?.split, undefined);
    assert.deepEqual(runScenario(db as SimGroup, HEALTHY).holders, ['lb1']);
  });

  test('differing HAProxy files are drawn per node, the differences marked', () => {
    const graph = graphOf(folder(join(fixtures, 'hk-drift')));
    const layers = graph.elements.filter((e) => e.kind === 'haproxy');
    assert.deepEqual(
      layers.map((layer) => [layer.id, layer.marks]),
      [
        ['haproxy@lb1', ['drift']],
        ['haproxy@lb2', ['drift']],
      ],
    );
    assert.ok(graph.elements.some((e) => e.parent === 'haproxy@lb1' && e.marks.includes('drift')));
  });

  test('every fixture cluster gives a graph whose edges join existing elements', () => {
    for (const name of readdirSync(fixtures).sort()) {
      const files = folder(join(fixtures, name));
      if (Object.keys(files).length === 0) continue;
      const graph = graphOf(files);
      const ids = new Set(graph.elements.map((e) => e.id));
      assert.equal(ids.size, graph.elements.length, `${name}: unique element ids`);
      for (const e of graph.edges) {
        assert.ok(ids.has(e.from) && ids.has(e.to), `${name}: ${e.id}`);
      }
      for (const e of graph.elements) {
        if (e.parent !== undefined) assert.ok(ids.has(e.parent), `${name}: parent of ${e.id}`);
      }
    }
  });
});
