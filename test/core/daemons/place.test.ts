import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../../server/src/core/common/issue.js';
import {
  parseHaproxyOutput,
  parseKeepalivedOutput,
} from '../../../server/src/core/daemons/output.js';
import {
  mergeDaemonIssues,
  placeFindings,
  resolvePosix,
  type CheckedFile,
} from '../../../server/src/core/daemons/place.js';

const MAIN = `global
  nbproc 2
defaults
  mode http
frontend fe
  bind :8080
  use_backend missing if { path_beg /api }
  default_backend be
backend be
  server s1 192.0.2.10:80 check
`;
const SECOND = 'backend be2\n  server s3 192.0.2.12:80 check\n  frobnicate\n';

const files: CheckedFile[] = [
  { uri: 'file:///ws/lb1/haproxy.cfg', path: '/ws/lb1/haproxy.cfg', text: MAIN },
  { uri: 'file:///ws/lb1/conf.d/be2.cfg', path: '/ws/lb1/conf.d/be2.cfg', text: SECOND },
];

function text(issue: Issue): string {
  const file = files.find((f) => f.uri === issue.uri)!;
  return file.text.slice(issue.start, issue.end);
}

test('haproxy findings land on the quoted word, else on the whole line', () => {
  const { findings } = parseHaproxyOutput(
    [
      '[ALERT]    (1) : config : parsing [haproxy.cfg:2] : nbproc is not supported any more since HAProxy 2.5.',
      "[ALERT]    (1) : config : parsing [conf.d/be2.cfg:3] : unknown keyword 'frobnicate' in 'backend' section",
    ].join('\n'),
  );
  const issues = placeFindings(findings, {
    daemon: 'haproxy',
    files,
    daemonDirectory: '/ws/lb1',
    version: '2.6.12',
  });
  assert.deepEqual(issues.map(text), ['nbproc 2', 'frobnicate']);
  assert.deepEqual(
    issues.map((i) => [i.uri, i.code, i.source, i.severity]),
    [
      ['file:///ws/lb1/haproxy.cfg', 'haproxy-check', 'haproxy -c', 'error'],
      ['file:///ws/lb1/conf.d/be2.cfg', 'haproxy-check', 'haproxy -c', 'error'],
    ],
  );
  assert.equal(issues[0]!.data?.['version'], '2.6.12');
});

test('a container path comes back through the path mapping', () => {
  const { findings } = parseHaproxyOutput(
    "[ALERT]    (1) : config : parsing [/cfg/conf.d/be2.cfg:3] : unknown keyword 'frobnicate' in 'backend' section",
  );
  const mapped = placeFindings(findings, {
    daemon: 'haproxy',
    files,
    daemonDirectory: '/',
    mappings: [{ daemonPrefix: '/cfg', hostPrefix: '/ws/lb1' }],
  });
  assert.equal(mapped[0]!.uri, 'file:///ws/lb1/conf.d/be2.cfg');
  assert.equal(text(mapped[0]!), 'frobnicate');
});

test('line-less messages go on the word they quote in the section they name, else on the section, else on the first line', () => {
  const { findings } = parseHaproxyOutput(
    [
      "[ALERT]    (1) : config : Proxy 'fe': unable to find required use_backend: 'missing'.",
      "[WARNING]  (1) : config : missing timeouts for backend 'be2'.",
      '[ALERT]    (1) : config : something about nothing in particular.',
    ].join('\n'),
  );
  const issues = placeFindings(findings, { daemon: 'haproxy', files, daemonDirectory: '/ws/lb1' });
  // HAProxy 2.6 gives no line for the missing use_backend: its quoted name finds the line.
  assert.deepEqual(issues.map(text), ['missing', 'be2', 'global']);
  assert.deepEqual(
    issues.map((i) => i.uri),
    ['file:///ws/lb1/haproxy.cfg', 'file:///ws/lb1/conf.d/be2.cfg', 'file:///ws/lb1/haproxy.cfg'],
  );
});

test('an unknown file keeps its name in the message', () => {
  const { findings } = parseHaproxyOutput(
    '[ALERT]    (1) : config : parsing [/elsewhere/x.cfg:4] : bad',
  );
  const [issue] = placeFindings(findings, { daemon: 'haproxy', files, daemonDirectory: '/ws/lb1' });
  assert.equal(issue!.message, '/elsewhere/x.cfg:4: bad');
  assert.equal(text(issue!), 'global');
});

test('keepalived findings: quoted numbers, instances named without a line', () => {
  const conf = `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 300
  priority 100
}
`;
  const kfiles: CheckedFile[] = [{ uri: 'k', path: '/etc/keepalived/keepalived.conf', text: conf }];
  const { findings } = parseKeepalivedOutput(
    [
      "(/etc/keepalived/keepalived.conf: Line 3) number '300' outside range [1, 255]",
      '(VI_1): Cannot find an IP address to use for interface eth0',
    ].join('\n'),
    '/etc/keepalived/keepalived.conf',
  );
  const issues = placeFindings(findings, {
    daemon: 'keepalived',
    files: kfiles,
    daemonDirectory: '/',
  });
  assert.deepEqual(
    issues.map((i) => conf.slice(i.start, i.end)),
    ['300', 'VI_1'],
  );
  assert.equal(issues[0]!.source, 'keepalived -t');
});

test('merge keeps ours, attaches the daemon words, adds what we did not say', () => {
  const { findings } = parseHaproxyOutput(
    [
      "[ALERT]    (1) : config : parsing [conf.d/be2.cfg:3] : unknown keyword 'frobnicate' in 'backend' section",
      '[ALERT]    (1) : config : parsing [conf.d/be2.cfg:2] : something only the daemon knows.',
    ].join('\n'),
  );
  const theirs = placeFindings(findings, { daemon: 'haproxy', files, daemonDirectory: '/ws/lb1' });
  const start = SECOND.indexOf('frobnicate');
  const ours: Issue[] = [
    {
      code: 'unknown-keyword',
      severity: 'error',
      message: 'Unknown keyword',
      start,
      end: start + 10,
    },
    // Same line, other severity: a different finding, kept apart.
    { code: 'missing-check', severity: 'warning', message: 'w', start: 12, end: 18 },
  ];
  const merged = mergeDaemonIssues(files[1]!.uri, SECOND, ours, theirs);
  assert.deepEqual(
    merged.map((i) => i.code),
    ['unknown-keyword', 'missing-check', 'haproxy-check'],
  );
  assert.equal(
    merged[0]!.related?.[0]?.message,
    "haproxy -c: unknown keyword 'frobnicate' in 'backend' section",
  );
  assert.equal(merged[2]!.severity, 'error');
  assert.equal(merged[2]!.related, undefined);
  // The same warning as ours on its line is folded into ours.
  const warned = mergeDaemonIssues(files[1]!.uri, SECOND, ours, [
    { ...merged[2]!, severity: 'warning' },
  ]);
  assert.deepEqual(
    warned.map((i) => i.code),
    ['unknown-keyword', 'missing-check'],
  );
});

test('posix paths resolve without the host path module', () => {
  assert.equal(resolvePosix('/a/b', '../c/./d.cfg'), '/a/c/d.cfg');
  assert.equal(resolvePosix('/a/b', '/x/y'), '/x/y');
  assert.equal(resolvePosix('/', 'k.conf'), '/k.conf');
});

test('a proxy-level message on the declaring line goes to the section line holding the word it quotes', () => {
  const text = `frontend fe_web
  bind :80
  # use_backend be_apis is the old name
  use_backend be_apis if { path_beg /api }
  default_backend be_app
backend be_app
  server a 192.0.2.1:80 check
`;
  const report = parseHaproxyOutput(
    "[ALERT]    (1) : config : [/ws/haproxy.cfg:1] : Proxy 'fe_web': unable to find required use_backend: 'be_apis'.\n",
  );
  const [issue] = placeFindings(report.findings, {
    daemon: 'haproxy',
    files: [{ uri: 'file:///ws/haproxy.cfg', path: '/ws/haproxy.cfg', text }],
    daemonDirectory: '/ws',
  });
  assert.ok(issue);
  assert.equal(text.slice(issue.start, issue.end), 'be_apis');
  assert.equal(
    text.slice(0, issue.start).split('\n').length,
    4,
    'the use_backend line, not the comment',
  );
});

test('a path mapping keeps the host folder, the longest daemon prefix winning', async () => {
  const { mapDaemonPath } = await import('../../../server/src/core/daemons/place.js');
  const mappings = [
    { daemonPrefix: '/etc/haproxy', hostPrefix: '/w/lb1' },
    { daemonPrefix: '/etc/haproxy/maps', hostPrefix: '/w/shared-maps' },
  ];
  assert.equal(mapDaemonPath('/etc/haproxy/errors/503.http', mappings), '/w/lb1/errors/503.http');
  assert.equal(mapDaemonPath('/etc/haproxy/maps/hosts.map', mappings), '/w/shared-maps/hosts.map');
  assert.equal(mapDaemonPath('/etc/haproxy', mappings), '/w/lb1');
  assert.equal(mapDaemonPath('/etc/haproxyx/a', mappings), undefined);
});
