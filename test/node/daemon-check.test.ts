/**
 * The daemons' own checks run for real: Debian's haproxy 2.6 and keepalived 2.2 (and the newer
 * 3.0 / 2.3 builds where `scripts/install-newer-daemons.sh` put them), on a node's files in a
 * temporary folder; keepalived inside a private network namespace when the tests run as root.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import type { CheckedFile } from '../../server/src/core/daemons/place.js';
import { checkWithDaemon } from '../../server/src/node/daemons/check.js';
import { daemonMissing, daemonPath, type Daemon } from '../helpers/daemons.js';

const root = mkdtempSync(join(tmpdir(), 'halint-daemon-check-'));
after(() => rmSync(root, { recursive: true, force: true }));

function node(name: string, files: Record<string, string>): CheckedFile[] {
  const dir = join(root, name);
  return Object.entries(files).map(([relative, text]) => {
    const path = join(dir, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return { uri: pathToFileURL(path).href, path, text };
  });
}

function at(
  files: readonly CheckedFile[],
  uri: string | undefined,
  start: number,
  end: number,
): string {
  const file = files.find((f) => f.uri === uri);
  assert.ok(file, `no file ${uri}`);
  return file.text.slice(start, end);
}

const HAPROXY_MAIN = `global
  nbproc 2
defaults
  mode http
  timeout connect 5s
  timeout client 5s
  timeout server 5s
frontend fe
  bind 127.0.0.1:8080
  default_backend be
backend be
  server s1 192.0.2.10:80 check
`;
const HAPROXY_SECOND = `backend be2
  server s3 192.0.2.12:80 check weight 300
  frobnicate
`;

for (const daemon of ['haproxy-2.6', 'haproxy-3.0'] as const satisfies readonly Daemon[]) {
  test(`${daemon} -c: each file's findings on its own lines, with the version`, async (t) => {
    const program = daemonPath(daemon);
    if (program === undefined) return t.skip(daemonMissing(daemon));
    const files = node(daemon, { 'haproxy.cfg': HAPROXY_MAIN, 'conf.d/be2.cfg': HAPROXY_SECOND });
    const outcome = await checkWithDaemon({
      daemon: 'haproxy',
      files,
      runner: { command: [program, '-c', '${fileArgs}'] },
      version: daemon.slice(-3),
    });
    assert.equal(outcome.exitCode, 1);
    assert.match(outcome.version ?? '', daemon === 'haproxy-2.6' ? /^2\.6\./ : /^3\.0\./);
    const found = outcome.issues.map((issue) => [
      issue.uri === files[0]!.uri ? 'main' : 'second',
      at(files, issue.uri, issue.start, issue.end),
      issue.severity,
      issue.source,
    ]);
    assert.deepEqual(found, [
      ['main', 'nbproc 2', 'error', 'haproxy -c'],
      ['second', 'server s3 192.0.2.12:80 check weight 300', 'error', 'haproxy -c'],
      ['second', 'frobnicate', 'error', 'haproxy -c'],
    ]);
    assert.deepEqual(outcome.argv.slice(1), ['-c', '-f', files[0]!.path, '-f', files[1]!.path]);
  });
}

const KEEPALIVED_MAIN = `global_defs {
  router_id lb1
}
vrrp_instance VI_1 {
  state MASTER
  interface ens19
  virtual_router_id 300
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.0.2.100/24 dev ens19
  }
}
include extra.conf
`;
const KEEPALIVED_EXTRA = `vrrp_instance VI_2 {
  interface ens19
  virtual_router_id 52
  priority 90
  bogus_keyword 1
  virtual_ipaddress {
    192.0.2.101/24
  }
}
`;

const isRoot = process.getuid?.() === 0;
const hasIp = spawnSync('ip', ['-V']).status === 0;

for (const daemon of ['keepalived-2.2', 'keepalived-2.3'] as const satisfies readonly Daemon[]) {
  test(`${daemon} -t in a namespace with the config's interfaces`, async (t) => {
    const program = daemonPath(daemon);
    if (program === undefined) return t.skip(daemonMissing(daemon));
    if (!isRoot || !hasIp) return t.skip('needs root and ip to make a network namespace');
    const files = node(daemon, {
      'keepalived.conf': KEEPALIVED_MAIN,
      'extra.conf': KEEPALIVED_EXTRA,
    });
    const outcome = await checkWithDaemon({
      daemon: 'keepalived',
      files,
      runner: { command: [program, '-t', '-f', '${file}'] },
      version: daemon.slice(-3),
    });
    assert.equal(outcome.note, undefined, 'no caveat: the namespace holds ens19');
    assert.match(outcome.version ?? '', daemon === 'keepalived-2.2' ? /^2\.2\./ : /^2\.3\./);
    const found = outcome.issues.map((issue) => [
      issue.uri === files[0]!.uri ? 'main' : 'extra',
      at(files, issue.uri, issue.start, issue.end),
      issue.severity,
    ]);
    // The out-of-range VRID twice (the number, then the instance's refusal), the unknown keyword
    // of the included file, then the line-less "(VI_1) the virtual router id must be set" on the
    // instance it names; nothing about ens19, which the namespace has.
    assert.deepEqual(found, [
      ['main', '300', 'error'],
      ['main', '300', 'error'],
      ['extra', 'bogus_keyword', 'error'],
      ['main', 'VI_1', 'error'],
    ]);
    const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
    assert.doesNotMatch(namespaces, new RegExp(`hlchk${process.pid}-`), 'the namespace is removed');
  });
}

test('a missing program, a timeout, a crash and a cancelled run each say so', async () => {
  const files = node('failures', { 'haproxy.cfg': HAPROXY_MAIN });
  const base = { daemon: 'haproxy' as const, files, version: '2.6' };
  const missing = await checkWithDaemon({
    ...base,
    runner: { command: ['/nonexistent/haproxy', '-c'] },
  });
  assert.match(missing.note ?? '', /\/nonexistent\/haproxy was not found/);
  assert.deepEqual(missing.issues, []);

  const slow = await checkWithDaemon({
    ...base,
    runner: { command: ['sleep', '5'] },
    timeoutMs: 200,
  });
  assert.match(slow.note ?? '', /did not finish within 0 s and was stopped/);

  const crash = await checkWithDaemon({
    ...base,
    runner: { command: ['node', '-e', "process.kill(process.pid, 'SIGSEGV')"] },
  });
  assert.match(crash.note ?? '', /was killed by SIGSEGV/);

  const controller = new AbortController();
  const pending = checkWithDaemon({
    ...base,
    runner: { command: ['sleep', '5'] },
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 50);
  const cancelled = await pending;
  assert.match(cancelled.note ?? '', /cancelled by a newer one/);
});

test('output beyond the cap is cut and said to be', async () => {
  const files = node('chatty', { 'haproxy.cfg': HAPROXY_MAIN });
  const outcome = await checkWithDaemon({
    daemon: 'haproxy',
    files,
    version: '2.6',
    runner: { command: ['node', '-e', "process.stdout.write('x'.repeat(100000))"] },
    maxOutputBytes: 1000,
  });
  assert.match(outcome.note ?? '', /cut at the size limit/);
});

/**
 * A real OpenSSH server on a free loopback port, for the `ssh` preset: root logs in with a key
 * made for the test. Returns undefined (with the reason) when this machine cannot run one.
 */
async function startSshd(): Promise<
  { destination: string; options: string[]; stop: () => void } | string
> {
  if (!isRoot) return 'needs root to run sshd';
  if (spawnSync('/usr/sbin/sshd', ['-V']).error) {
    return 'sshd is not installed (run scripts/install-test-deps.sh)';
  }
  const dir = mkdtempSync(join(tmpdir(), 'halint-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  for (const name of ['host', 'client']) {
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  }
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
  const config = [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${join(dir, 'host')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PidFile none',
  ];
  writeFileSync(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: 'ignore',
  });
  const options = [
    '-p',
    String(port),
    '-i',
    join(dir, 'client'),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
  ];
  // Ready when a login works.
  for (let tries = 0; tries < 50; tries++) {
    if (
      spawnSync('ssh', ['-o', 'BatchMode=yes', ...options, 'root@127.0.0.1', 'true']).status === 0
    ) {
      return {
        destination: 'root@127.0.0.1',
        options,
        stop: () => {
          sshd.kill('SIGTERM');
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  sshd.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  return 'sshd did not accept a login';
}

test('the ssh preset checks copies on the node and maps their paths back', async (t) => {
  if (daemonPath('haproxy-2.6') === undefined) return t.skip(daemonMissing('haproxy-2.6'));
  const sshd = await startSshd();
  if (typeof sshd === 'string') return t.skip(sshd);
  try {
    const files = node('over-ssh', {
      'haproxy.cfg': HAPROXY_MAIN,
      'conf.d/be2.cfg': HAPROXY_SECOND,
    });
    const outcome = await checkWithDaemon({
      daemon: 'haproxy',
      files,
      version: '2.6',
      runner: { preset: 'ssh', destination: sshd.destination, sshOptions: sshd.options },
    });
    assert.equal(outcome.note, undefined);
    assert.deepEqual(
      outcome.issues.map((issue) => [
        issue.uri === files[0]!.uri ? 'main' : 'second',
        at(files, issue.uri, issue.start, issue.end),
      ]),
      [
        ['main', 'nbproc 2'],
        ['second', 'server s3 192.0.2.12:80 check weight 300'],
        ['second', 'frobnicate'],
      ],
    );
    const left = spawnSync(
      'ssh',
      [...sshd.options, sshd.destination, 'ls -d /tmp/halint-check.* 2>/dev/null'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(left.stdout.trim(), '', 'the copies are removed from the node');
  } finally {
    sshd.stop();
  }
});
