import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../../server/src/core/language-service.js';
import { migrateDocument } from '../../../server/src/core/features/migrate.js';
import type { TextEdit } from '../../../server/src/core/common/issue.js';
import type { LanguageId } from '../../../server/src/core/common/detect.js';
import { daemonMissing, daemonPath } from '../../helpers/daemons.js';
import { projectRoot } from '../../helpers/paths.js';

const service = createLanguageService();

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

function migrate(languageId: LanguageId, text: string, version: string) {
  const document = service.parse(languageId, `file:///test.${languageId}`, text);
  const migration = migrateDocument(document, version);
  return { ...migration, text: apply(text, migration.edits) };
}

/** A HAProxy section with `lines`, migrated to `version`; the migrated lines back. */
function haproxy(section: string, lines: readonly string[], version = '3.0') {
  const text = `${section}\n${lines.map((line) => `    ${line}`).join('\n')}\n`;
  const result = migrate('haproxy', text, version);
  const body = result.text
    .split('\n')
    .slice(1, -1)
    .map((line) => line.trim());
  return { ...result, body };
}

describe('HAProxy migration: mechanical rewrites', () => {
  it('renames removed keywords whose replacement takes the same line', () => {
    const { body, notMigrated } = haproxy('defaults', [
      'contimeout 5s',
      'clitimeout 30s',
      'srvtimeout 30s',
      'timeout contimeout 5s',
      'option forceclose',
      'redispatch',
    ]);
    assert.deepEqual(body, [
      'timeout connect 5s',
      'timeout client 30s',
      'timeout server 30s',
      'timeout connect 5s',
      'option httpclose',
      'option redispatch',
    ]);
    assert.deepEqual(notMigrated, []);
  });

  it('keeps the condition of block as http-request deny', () => {
    assert.deepEqual(haproxy('frontend fe', ['block if { src 203.0.113.9 }']).body, [
      'http-request deny if { src 203.0.113.9 }',
    ]);
  });

  it('removes lines that do nothing any more', () => {
    const { body, text } = haproxy('defaults', [
      'mode http',
      'option http-use-htx',
      'no option http-use-htx',
      'option http-tunnel',
      'bind-process all',
    ]);
    assert.deepEqual(body, ['mode http']);
    assert.equal(text, 'defaults\n    mode http\n');
  });

  it('turns nbproc into nbthread, and drops nbproc 1', () => {
    assert.deepEqual(haproxy('global', ['nbproc 4']).body, ['nbthread 4']);
    assert.deepEqual(haproxy('global', ['nbproc 1', 'maxconn 100']).body, ['maxconn 100']);
    const both = haproxy('global', ['nbproc 2', 'nbthread 4']);
    assert.deepEqual(both.body, ['nbproc 2', 'nbthread 4']);
    assert.match(both.notMigrated[0]?.reason ?? '', /nbthread/);
  });

  it('writes reqadd and rspadd as add-header, quoting and escaping the value', () => {
    assert.deepEqual(
      haproxy('frontend fe', [
        'reqadd X-Forwarded-Proto:\\ https',
        'reqadd X-Note:\\ 100%\\ sure if { src 198.51.100.0/24 }',
        'rspadd X-Frame-Options:\\ DENY',
      ]).body,
      [
        'http-request add-header X-Forwarded-Proto https',
        'http-request add-header X-Note "100%% sure" if { src 198.51.100.0/24 }',
        'http-response add-header X-Frame-Options DENY',
      ],
    );
  });

  it('writes a delete of one named header as del-header', () => {
    assert.deepEqual(
      haproxy('backend be', ['reqdel ^X-Debug:.*', 'reqidel ^Proxy:', 'rspidel ^Server:']).body,
      [
        'http-request del-header X-Debug',
        'http-request del-header Proxy',
        'http-response del-header Server',
      ],
    );
  });

  it('writes a rewrite of one header value as replace-header, anchored', () => {
    assert.deepEqual(
      haproxy('frontend fe', [
        'reqrep ^Host:\\ (.*)$ Host:\\ www.\\1',
        'rsprep ^Location:\\ http://(.*) Location:\\ https://\\1',
      ]).body,
      [
        'http-request replace-header Host ^(.*)$ www.\\1',
        'http-response replace-header Location ^http://(.*) https://\\1',
      ],
    );
  });

  it('renames deprecated keywords only when the arguments carry over', () => {
    const { body, notMigrated } = haproxy(
      'global',
      ['tune.quic.frontend.max-idle-timeout 30s', 'tune.quic.disable-tx-pacing'],
      '3.4',
    );
    assert.deepEqual(body, ['tune.quic.fe.max-idle-timeout 30s', 'tune.quic.disable-tx-pacing']);
    assert.deepEqual(
      notMigrated.map((item) => item.keyword),
      ['tune.quic.disable-tx-pacing'],
    );
  });

  it('changes nothing a version still accepts', () => {
    const result = haproxy('global', ['tune.quic.frontend.max-idle-timeout 30s'], '3.0');
    assert.deepEqual(result.edits, []);
    assert.deepEqual(result.notMigrated, []);
  });
});

describe('HAProxy migration: what is left for a person', () => {
  it('lists the rules without a mechanical replacement, with the line, why and a link', () => {
    const { notMigrated, body } = haproxy('frontend fe', [
      'reqrep ^([^\\ :]*)\\ /old/(.*) \\1\\ /new/\\2',
      'reqrep ^Host:\\ (.*) X-Host:\\ \\1',
      'reqirep ^Host:\\ (.*) Host:\\ \\1',
      'reqdeny ^User-Agent:.*curl',
      'reqadd X-Cost:\\ $5',
      'monitor-net 192.0.2.0/24',
      'reqdel ^X.Debug:',
    ]);
    assert.deepEqual(
      notMigrated.map((item) => [item.line, item.keyword]),
      [
        [1, 'reqrep'],
        [2, 'reqrep'],
        [3, 'reqirep'],
        [4, 'reqdeny'],
        [5, 'reqadd'],
        [6, 'monitor-net'],
        [7, 'reqdel'],
      ],
    );
    assert.equal(body.length, 7, 'nothing was rewritten');
    for (const item of notMigrated) {
      assert.match(item.docUrl, /^https:\/\/docs\.haproxy\.org\//);
      assert.match(item.reason, /removed since HAProxy 2\.(1|4)/);
    }
    assert.match(notMigrated[0]?.reason ?? '', /replace-path/);
    assert.match(notMigrated[5]?.reason ?? '', /http-request return status 200/);
  });

  it('says nothing for an unknown version', () => {
    const result = haproxy('defaults', ['contimeout 5s'], '9.9');
    assert.deepEqual([result.edits, result.notMigrated], [[], []]);
  });
});

describe('Keepalived migration', () => {
  it('renames deprecated keywords and route options the rules know to be exact', () => {
    const text = [
      'global_defs {',
      '    lvs_process_name checker',
      '    vrrp_rlimit_rtime 10000',
      '}',
      'vrrp_track_file f1 {',
      '    file /etc/keepalived/f1',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    virtual_routes {',
      '        198.51.100.0/24 gw 192.0.2.1 dev eth0',
      '    }',
      '}',
      '',
    ].join('\n');
    const result = migrate('keepalived', text, '2.3');
    assert.equal(
      result.text,
      text
        .replace('lvs_process_name', 'checker_process_name')
        .replace('vrrp_rlimit_rtime', 'vrrp_rlimit_rttime')
        .replace('vrrp_track_file', 'track_file')
        .replace(' gw ', ' via '),
    );
    assert.equal(result.migrated, 4);
  });

  it('moves lvs_sync_daemon_interface to global_defs as lvs_sync_daemon', () => {
    const instance = [
      'vrrp_instance VI_2 {',
      '    interface eth0',
      '    lvs_sync_daemon_interface eth1',
      '    virtual_router_id 52',
      '}',
      '',
    ];
    const alone = migrate('keepalived', instance.join('\n'), '2.2');
    assert.equal(
      alone.text,
      [
        'global_defs {',
        '    lvs_sync_daemon eth1 VI_2',
        '}',
        '',
        'vrrp_instance VI_2 {',
        '    interface eth0',
        '    virtual_router_id 52',
        '}',
        '',
      ].join('\n'),
    );
    const withGlobal = migrate(
      'keepalived',
      ['global_defs {', '    router_id lb1', '}', ...instance].join('\n'),
      '2.3',
    );
    assert.match(
      withGlobal.text,
      /^global_defs \{\n {4}router_id lb1\n {4}lvs_sync_daemon eth1 VI_2\n\}\n/,
    );
    assert.doesNotMatch(withGlobal.text, /lvs_sync_daemon_interface/);
  });

  it('lists what needs a choice', () => {
    const text = [
      'global_defs {',
      '    lvs_sync_daemon eth0 VI_1',
      '}',
      'vrrp_instance VI_1 {',
      '    lvs_sync_daemon_interface eth1',
      '    native_ipv6',
      '}',
      '',
    ].join('\n');
    const result = migrate('keepalived', text, '2.3');
    assert.equal(result.text, text);
    assert.deepEqual(
      result.notMigrated.map((item) => [item.line, item.keyword]),
      [
        [4, 'lvs_sync_daemon_interface'],
        [5, 'native_ipv6'],
      ],
    );
    assert.match(result.notMigrated[0]?.reason ?? '', /already has lvs_sync_daemon/);
    assert.match(result.notMigrated[1]?.docUrl ?? '', /^https:\/\/keepalived\.org\//);
  });
});

describe('migrated fixtures pass the daemons', () => {
  const fixture = (name: string): string =>
    readFileSync(join(projectRoot, 'test', 'fixtures', 'migrate', name), 'utf8');

  it('haproxy 3.0 accepts the migrated 2.0-era haproxy.cfg, and refused the original', (t) => {
    const haproxy = daemonPath('haproxy-3.0');
    if (!haproxy) return t.skip(daemonMissing('haproxy-3.0'));
    const original = fixture('haproxy.cfg');
    const result = migrate('haproxy', original, '3.0');
    assert.deepEqual(result.notMigrated, []);
    const dir = mkdtempSync(join(tmpdir(), 'halint-migrate-'));
    try {
      const check = (text: string) => {
        writeFileSync(join(dir, 'haproxy.cfg'), text);
        return spawnSync(haproxy, ['-c', '-f', join(dir, 'haproxy.cfg')], { encoding: 'utf8' });
      };
      assert.notEqual(check(original).status, 0);
      const migrated = check(result.text);
      assert.equal(migrated.status, 0, migrated.stdout + migrated.stderr);
      assert.doesNotMatch(migrated.stdout + migrated.stderr, /WARNING|ALERT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keepalived 2.3 accepts the migrated keepalived.conf without a notice', (t) => {
    const keepalived = daemonPath('keepalived-2.3');
    if (!keepalived) return t.skip(daemonMissing('keepalived-2.3'));
    if (process.getuid?.() !== 0) return t.skip('keepalived -t needs root for a namespace');
    const original = fixture('keepalived.conf');
    const result = migrate('keepalived', original, '2.3');
    assert.deepEqual(result.notMigrated, []);
    const dir = mkdtempSync(join(tmpdir(), 'halint-migrate-'));
    const ns = `hmig${process.pid}`;
    const run = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });
    try {
      assert.equal(run('netns', 'add', ns).status, 0);
      run('netns', 'exec', ns, 'ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'p0');
      const check = (text: string) => {
        const file = join(dir, 'keepalived.conf');
        writeFileSync(file, text);
        return spawnSync(
          'timeout',
          ['10', 'ip', 'netns', 'exec', ns, keepalived, '-t', '-f', file],
          {
            encoding: 'utf8',
          },
        );
      };
      const before = check(original);
      assert.match(
        before.stdout + before.stderr,
        /lvs_sync_daemon_interface against a vrrp is deprecated/,
      );
      const after = check(result.text);
      assert.equal(after.status, 0, after.stdout + after.stderr);
      assert.equal((after.stdout + after.stderr).trim(), '');
    } finally {
      run('netns', 'del', ns);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
