/**
 * The failover lab's pure parts: what `planLab` builds from an analysed cluster (the lab copies,
 * what they change and why, interfaces, servers, frontends, checks), what the simulation
 * predicts for the drills, and how keepalived's log is read back.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  HEALTHY,
  planClusters,
  type ParsedDocument,
} from '../../../server/src/core/index.js';
import { observedPriority } from '../../../server/src/core/lab/observe.js';
import { planLab, type LabFrontend, type LabPlan } from '../../../server/src/core/lab/plan.js';
import {
  predictHolders,
  predictSpread,
  spreadAgrees,
} from '../../../server/src/core/lab/predict.js';
import { projectRoot } from '../../helpers/paths.js';

const service = createLanguageService();

/** The lab plan of `files` (path → text), written under /lab. */
function planOf(files: Readonly<Record<string, string>>, openFiles?: number): LabPlan {
  const documents: ParsedDocument[] = Object.entries(files).map(([path, text]) =>
    service.parse(path.includes('keepalived') ? 'keepalived' : 'haproxy', path, text),
  );
  const [cluster] = planClusters(documents, []);
  assert.ok(cluster, 'one cluster planned');
  const analysis = service.analyseCluster(cluster.nodes, { settings: DEFAULT_SETTINGS });
  const graph = service.getTopology(analysis, { limit: 0 }, { settings: DEFAULT_SETTINGS });
  return planLab(analysis.model, graph, { dir: '/lab', ...(openFiles ? { openFiles } : {}) });
}

function examples(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const node of ['lb1', 'lb2']) {
    for (const name of ['haproxy.cfg', 'keepalived.conf']) {
      const path = join(projectRoot, 'examples', node, name);
      files[path] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

describe('planLab on examples/', () => {
  const plan = planOf(examples(), 4096);

  test('one lab node per node, with the addresses its files use', () => {
    assert.deepEqual(
      plan.nodes.map((node) => node.name),
      ['lb1', 'lb2'],
    );
    const lb1 = plan.nodes[0];
    assert.ok(lb1);
    assert.deepEqual(lb1.interfaces, [{ name: 'eth0', addresses: ['192.168.10.11/24'] }]);
    assert.equal(lb1.nonlocalBind, false, 'its VIP binds are transparent: no sysctl needed');
    assert.deepEqual(plan.blockers, []);
  });

  test('the lab copies change only what cannot run in a lab, line for line, and say why', () => {
    const lb1 = plan.nodes[0];
    assert.ok(lb1);
    const haproxy = lb1.haproxy[0];
    assert.ok(haproxy);
    assert.ok(haproxy.path.startsWith('/lab/'));
    const original = examples()[join(projectRoot, 'examples/lb1/haproxy.cfg')] ?? '';
    assert.equal(
      haproxy.text.split('\n').length,
      original.split('\n').length,
      'line numbers stay the user’s',
    );
    const changed = plan.rewrites
      .filter((rewrite) => rewrite.node === 'lb1' && rewrite.uri.endsWith('haproxy.cfg'))
      .map((rewrite) => rewrite.before.trim().split(/\s+/)[0]);
    for (const keyword of ['log', 'user', 'group', 'daemon', 'maxconn', 'stats']) {
      assert.ok(changed.includes(keyword), `${keyword} is rewritten`);
    }
    assert.ok(!/^\s*daemon\b/m.test(haproxy.text), 'daemon is commented out');
    assert.ok(!haproxy.text.includes('/run/haproxy/admin.sock'), 'the socket moves');
    assert.ok(haproxy.text.includes('bind 192.168.10.100:80 transparent'), 'binds are kept');
    for (const rewrite of plan.rewrites) assert.ok(rewrite.why.length > 10, 'each says why');
  });

  test('the tracked script runs through a wrapper that a drill can make fail', () => {
    const lb1 = plan.nodes[0];
    const script = lb1?.scripts[0];
    assert.ok(script);
    assert.equal(script.command, '/usr/bin/killall -0 haproxy');
    assert.ok(lb1?.keepalived?.text.includes(script.path));
    const check = plan.checks.find((entry) => entry.node === 'lb1');
    assert.ok(check?.how && 'failFile' in check.how);
    assert.equal(check.failAfter, 4, 'interval 2 × fall 2');
    assert.equal(check.recoverAfter, 4, 'interval 2 × rise 2');
  });

  test('the frontend, its servers and how they share requests', () => {
    const web = plan.frontends.find((frontend) => frontend.proxy === 'fe_web');
    assert.ok(web);
    assert.equal(web.vip, '192.168.10.100');
    assert.equal(web.port, 80);
    assert.equal(web.backend, 'be_app');
    assert.deepEqual(web.active, ['be_app/app1', 'be_app/app2']);
    assert.equal(web.cookie, true);
    assert.equal(web.downAfter, 6, 'inter 2s × fall 3');
    assert.ok(plan.servers.some((server) => server.key === 'be_static/sorry'));
  });

  test('the simulation predicts lb1, then lb2 when HAProxy stops on lb1', () => {
    const group = plan.groups[0];
    assert.ok(group);
    assert.deepEqual(predictHolders(group, HEALTHY).holders, ['lb1']);
    const down = predictHolders(group, { nodesDown: [], haproxyDown: ['lb1'], failing: [] }, 'lb1');
    assert.deepEqual(down.holders, ['lb2']);
    assert.deepEqual(
      down.priorities.map((entry) => [entry.node, entry.priority]),
      [
        ['lb1', 90],
        ['lb2', 100],
      ],
    );
  });
});

describe('planLab limits', () => {
  test('maxconn beyond the open-files limit, a plain VIP bind, an include', () => {
    const plan = planOf(
      {
        '/c/lb1/haproxy.cfg': 'global\n    maxconn 100000\nfrontend f\n    bind 192.0.2.9:80\n',
        '/c/lb1/keepalived.conf':
          'include /etc/keepalived/extra.conf\nvrrp_instance V {\n    interface eth0\n    virtual_router_id 9\n' +
          '    priority 100\n    virtual_ipaddress {\n        192.0.2.9/24\n    }\n}\n',
      },
      1024,
    );
    const maxconn = plan.rewrites.find((rewrite) => rewrite.before.includes('maxconn'));
    assert.ok(maxconn?.after, 'maxconn is rewritten');
    assert.ok(Number(/maxconn\s+(\d+)/.exec(maxconn.after)?.[1]) * 2 < 1024);
    assert.equal(plan.nodes[0]?.nonlocalBind, true, 'binding the VIP needs ip_nonlocal_bind');
    assert.ok(plan.blockers.some((blocker) => blocker.includes('absolute include on line 1')));
  });
});

describe('planLab with includes', () => {
  test('included files are copied beside the main one, their checks wrapped', () => {
    const texts: Record<string, string> = {
      '/c/lb1/keepalived.conf':
        'include checks/*.conf\nvrrp_instance V {\n    interface eth0\n    virtual_router_id 9\n' +
        '    priority 100\n    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n    }\n' +
        '    virtual_ipaddress {\n        192.0.2.9/24\n    }\n    track_script {\n        chk\n    }\n}\n',
      '/c/lb1/checks/chk.conf':
        'vrrp_script chk {\n    script "/bin/true"\n    interval 1\n    weight -20\n}\n',
    };
    const withFiles = createLanguageService({
      files: {
        readFile: (uri) => texts[uri],
        glob: (pattern, relativeTo) =>
          pattern === 'checks/*.conf' && relativeTo.startsWith('/c/lb1/')
            ? ['/c/lb1/checks/chk.conf']
            : [],
      },
    });
    const main = withFiles.parse(
      'keepalived',
      '/c/lb1/keepalived.conf',
      texts['/c/lb1/keepalived.conf'] ?? '',
    );
    const [cluster] = planClusters([main], []);
    assert.ok(cluster);
    const analysis = withFiles.analyseCluster(cluster.nodes, { settings: DEFAULT_SETTINGS });
    const graph = withFiles.getTopology(analysis, { limit: 0 }, { settings: DEFAULT_SETTINGS });
    const plan = planLab(analysis.model, graph, { dir: '/lab' });
    const node = plan.nodes[0];
    assert.ok(node);
    assert.equal(node.keepalived?.path, '/lab/lb1/keepalived.conf');
    assert.deepEqual(
      node.included.map((file) => file.path),
      ['/lab/lb1/checks/chk.conf'],
      'the included file sits where the relative include finds it',
    );
    const script = node.scripts[0];
    assert.ok(script);
    assert.equal(script.command, '/bin/true');
    assert.ok(node.included[0]?.text.includes(`script "${script.path}"`), 'wrapped in the copy');
    assert.ok(node.keepalived?.text.startsWith('include checks/*.conf'), 'the include is kept');
    const rewrite = plan.rewrites.find((entry) => entry.uri === '/c/lb1/checks/chk.conf');
    assert.equal(rewrite?.line, 1, 'the rewrite names the included file and its line');
  });
});

describe('predictSpread', () => {
  const frontend: LabFrontend = {
    id: 'fe @ 192.0.2.1:80',
    proxy: 'fe',
    vip: '192.0.2.1',
    port: 80,
    mode: 'http',
    backend: 'be',
    active: ['be/a', 'be/b'],
    backups: ['be/x', 'be/y'],
    allBackups: false,
    balance: 'roundrobin',
    cookie: true,
    downAfter: 6,
  };

  test('round robin spreads; a kept cookie or a hash picks one; backups only when all are down', () => {
    const spread = predictSpread(frontend, new Set(), false);
    assert.equal(spread.spread, 'all');
    assert.equal(predictSpread(frontend, new Set(), true).spread, 'one');
    assert.equal(predictSpread({ ...frontend, balance: 'source' }, new Set(), false).spread, 'one');
    assert.deepEqual(predictSpread(frontend, new Set(['be/a', 'be/b']), false).servers, ['be/x']);
    assert.deepEqual(
      predictSpread({ ...frontend, allBackups: true }, new Set(['be/a', 'be/b']), false).servers,
      ['be/x', 'be/y'],
    );
    assert.ok(
      spreadAgrees(
        spread,
        new Map([
          ['be/a', 10],
          ['be/b', 10],
        ]),
      ),
    );
    assert.ok(!spreadAgrees(spread, new Map([['be/a', 20]])), 'one server only: not a spread');
    assert.ok(!spreadAgrees(spread, new Map([['be/x', 20]])), 'a backup answering: wrong');
  });
});

describe('observedPriority', () => {
  const log = [
    'Starting VRRP child process, pid=8',
    '(VI_1) Entering BACKUP STATE (init)',
    '(VI_1) Changing effective priority from 110 to 90',
    '(VI_2) Changing effective priority from 50 to 40',
    'Starting VRRP child process, pid=31',
    '(VI_1) Entering BACKUP STATE (init)',
  ].join('\n');

  test('counts only the last start: a restarted keepalived is back at its base priority', () => {
    assert.equal(observedPriority(log, 'VI_1', 110), 110);
    assert.equal(
      observedPriority(`${log}\n(VI_1) Changing effective priority from 110 to 85`, 'VI_1', 110),
      85,
    );
  });

  test('FAULT until the instance enters another state', () => {
    const fault = `${log}\n(VI_1) Entering FAULT STATE`;
    assert.equal(observedPriority(fault, 'VI_1', 110), 'fault');
    assert.equal(observedPriority(`${fault}\n(VI_1) Entering BACKUP STATE`, 'VI_1', 110), 110);
  });

  test('other instances do not count', () => {
    assert.equal(observedPriority(log, 'VI_2', 50), 50);
    assert.equal(observedPriority('', 'VI_3', 7), 7);
  });
});
