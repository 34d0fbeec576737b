/**
 * `halint --fix` and `--fix --dry-run` through the bundled CLI (`node dist/cli.cjs`, built by
 * `npm test` first), and the fixed files checked by the real `haproxy -c` and `keepalived -t`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { daemonMissing, daemonPath, type Daemon } from '../helpers/daemons.js';
import { distFile } from '../helpers/paths.js';

const CLI = distFile('cli.cjs');

/** Three removed keywords, a typo with one candidate, no final newline; s3 lacks 'check'. */
const BROKEN = `global
    maxconn 100

defaults
    mode http
    contimeout 5s
    clitimeout 30s
    srvtimeout 30s

frontend fe
    bind 127.0.0.1:18080
    default_backend be

backend be
    balance roundrobin
    server s1 127.0.0.1:18081 chek
    server s2 127.0.0.1:18082 check
    server s3 127.0.0.1:18083`;

const FIXED = `${BROKEN.replace('contimeout', 'timeout connect')
  .replace('clitimeout', 'timeout client')
  .replace('srvtimeout', 'timeout server')
  .replace(' chek', ' check')}\n`;

const FIXED_CODES = ['removed-keyword', 'unknown-option', 'missing-final-newline'];

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'halint-fix-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

function halint(args: readonly string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  diagnostics: { code: string; path: string }[];
}

describe('halint --fix', () => {
  test('writes the safe fixes in place, keeps the mode, and reports what is left', () => {
    const root = folderWith({ 'haproxy.cfg': BROKEN });
    const file = join(root, 'haproxy.cfg');
    chmodSync(file, 0o640);
    const run = halint(['--fix', '--format', 'json', 'haproxy.cfg'], root);
    assert.equal(readFileSync(file, 'utf8'), FIXED);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    const report = JSON.parse(run.stdout) as JsonReport;
    // The unsafe "Add 'check'" is left to the author, and reported.
    assert.deepEqual(
      report.diagnostics.map((d) => d.code),
      ['missing-check'],
    );
    assert.equal(run.status, 0, 'warnings only: the usual exit rules');
    assert.match(
      run.stderr,
      /halint: fixed 1 missing-final-newline, 3 removed-keyword, 1 unknown-option in 1 file/,
    );
    // The same exit rules as without --fix.
    assert.equal(halint(['--fix', '--max-warnings', '0', 'haproxy.cfg'], root).status, 1);
  });

  test('only the files given are written', () => {
    const root = folderWith({ 'haproxy.cfg': BROKEN, 'other.cfg': BROKEN });
    halint(['--fix', 'haproxy.cfg'], root);
    assert.equal(readFileSync(join(root, 'haproxy.cfg'), 'utf8'), FIXED);
    assert.equal(readFileSync(join(root, 'other.cfg'), 'utf8'), BROKEN);
  });

  test('--dry-run prints a unified diff, writes nothing, and reports on the fixed text', () => {
    const root = folderWith({ 'haproxy.cfg': BROKEN });
    const run = halint(['--fix', '--dry-run', 'haproxy.cfg'], root);
    assert.equal(readFileSync(join(root, 'haproxy.cfg'), 'utf8'), BROKEN);
    assert.ok(run.stdout.startsWith('--- haproxy.cfg\n+++ haproxy.cfg\n@@ -3,9 +3,9 @@\n'));
    for (const line of [
      '-    contimeout 5s',
      '+    timeout connect 5s',
      '+    server s1 127.0.0.1:18081 check',
    ]) {
      assert.ok(run.stdout.includes(`\n${line}\n`), line);
    }
    assert.ok(run.stdout.includes('\\ No newline at end of file\n'));
    assert.match(run.stdout, /missing-check/);
    assert.doesNotMatch(run.stdout, /removed-keyword/);
    assert.match(run.stderr, /halint: would fix .* in 1 file/);
    assert.equal(run.status, 0);
    // The diff applies with patch(1) and gives what --fix writes.
    const patched = spawnSync('patch', ['-s', '-p0'], {
      cwd: root,
      input: run.stdout.slice(0, run.stdout.indexOf('\n\n') + 1),
      encoding: 'utf8',
    });
    if (patched.error === undefined) {
      assert.equal(patched.status, 0, patched.stderr);
      assert.equal(readFileSync(join(root, 'haproxy.cfg'), 'utf8'), FIXED);
    }
  });

  test('--dry-run in a machine format keeps stdout for the report', () => {
    const root = folderWith({ 'haproxy.cfg': BROKEN });
    const run = halint(['--fix', '--dry-run', '--format', 'sarif', 'haproxy.cfg'], root);
    assert.doesNotThrow(() => JSON.parse(run.stdout) as unknown);
    assert.match(run.stderr, /^--- haproxy\.cfg$/m);
    assert.equal(readFileSync(join(root, 'haproxy.cfg'), 'utf8'), BROKEN);
  });

  test('--dry-run without --fix is a usage error', () => {
    const root = folderWith({ 'haproxy.cfg': BROKEN });
    const run = halint(['--dry-run', 'haproxy.cfg'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.trim().split('\n'), [
      'halint: --dry-run only goes with --fix (it shows the fixes instead of writing them) (see halint --help)',
    ]);
    assert.equal(readFileSync(join(root, 'haproxy.cfg'), 'utf8'), BROKEN);
  });
});

describe('the fixed file and the real haproxy -c', () => {
  const root = folderWith({ 'haproxy.cfg': BROKEN });
  halint(['--fix', 'haproxy.cfg'], root);
  const file = join(root, 'haproxy.cfg');

  for (const daemon of ['haproxy-2.6', 'haproxy-3.0'] as Daemon[]) {
    const path = daemonPath(daemon);
    test(
      `${daemon} refuses the original and accepts the fixed file`,
      { skip: path ? false : daemonMissing(daemon) },
      () => {
        const original = join(root, 'original.cfg');
        writeFileSync(original, BROKEN);
        assert.notEqual(spawnSync(path!, ['-c', '-f', original]).status, 0);
        const checked = spawnSync(path!, ['-c', '-f', file], { encoding: 'utf8' });
        assert.equal(checked.status, 0, checked.stderr);
        rmSync(original);
      },
    );
  }

  test('the fixed file lints clean for the fixed codes, at both versions', () => {
    for (const version of ['2.6', '3.0']) {
      const run = halint(['--format', 'json', '--haproxy-version', version, 'haproxy.cfg'], root);
      const codes = (JSON.parse(run.stdout) as JsonReport).diagnostics.map((d) => d.code);
      assert.deepEqual(
        codes.filter((code) => FIXED_CODES.includes(code)),
        [],
        version,
      );
    }
  });
});

/** A lowercase state (Keepalived falls back to BACKUP) and a typo'd keyword (dropped). */
const KEEPALIVED_BROKEN = `global_defs {
    router_id lb1
    enable_script_security
    script_user root
}

vrrp_script chk_haproxy {
    script "/usr/bin/pgrep -x haproxy"
    interval 2
    weight -20
}

vrrp_instance VI_1 {
    state master
    interface eth0
    virtual_router_id 51
    priorty 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
    track_script {
        chk_haproxy
    }
}
`;

describe('the fixed keepalived.conf and the real keepalived -t', () => {
  const root = folderWith({ 'keepalived.conf': KEEPALIVED_BROKEN });
  const fixed = halint(['--fix', 'keepalived.conf'], root);

  test('halint --fix writes the two safe fixes and then reports nothing', () => {
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.equal(
      readFileSync(join(root, 'keepalived.conf'), 'utf8'),
      KEEPALIVED_BROKEN.replace('state master', 'state MASTER').replace('priorty', 'priority'),
    );
  });

  for (const daemon of ['keepalived-2.2', 'keepalived-2.3'] as Daemon[]) {
    const path = daemonPath(daemon);
    const skip =
      path === undefined
        ? daemonMissing(daemon)
        : process.getuid?.() !== 0
          ? 'keepalived -t needs root for a network namespace'
          : false;
    test(
      `${daemon} complains about the original and says nothing of the fixed file`,
      { skip },
      () => {
        // keepalived -t reads the host's interfaces: give it a namespace holding eth0.
        const ns = `hfix${process.pid}${daemon.slice(-1)}`;
        const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });
        const check = (file: string) => {
          const run = spawnSync(
            'timeout',
            ['10', 'ip', 'netns', 'exec', ns, path!, '-t', '-f', file],
            {
              encoding: 'utf8',
            },
          );
          return `${run.stdout}${run.stderr}`;
        };
        const original = join(root, `original-${daemon}.conf`);
        try {
          assert.equal(ip('netns', 'add', ns).status, 0);
          ip(
            'netns',
            'exec',
            ns,
            'ip',
            'link',
            'add',
            'eth0',
            'type',
            'veth',
            'peer',
            'name',
            'p0',
          );
          writeFileSync(original, KEEPALIVED_BROKEN);
          const before = check(original);
          assert.match(before, /unknown state 'master'/);
          assert.match(before, /priorty/);
          assert.equal(check(join(root, 'keepalived.conf')).trim(), '');
        } finally {
          ip('netns', 'del', ns);
          rmSync(original, { force: true });
        }
      },
    );
  }
});
