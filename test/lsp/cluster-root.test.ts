// The cluster root guessed above an opened file when the client sends no workspace folder: sibling
// folders count as nodes of one cluster only when their files say so (a shared VRRP group), not
// merely because each holds a keepalived.conf (two unrelated set-ups side by side in /tmp).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { findClusterRoot } from '../../server/src/lsp/cluster-root.js';

function instance(name: string, vrid: number, vip: string, state = 'BACKUP'): string {
  return [
    `vrrp_instance ${name} {`,
    `    state ${state}`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    '    priority 100',
    '    virtual_ipaddress {',
    `        ${vip}/24`,
    '    }',
    '}',
    '',
  ].join('\n');
}

/** Writes `files` (relative path → text) under a fresh folder of its own and returns it. */
function tree(t: TestContext, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ha-cluster-root-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

void describe('findClusterRoot', () => {
  void it('takes the folder of two nodes of one VRRP group, even with different VRIDs', (t) => {
    const root = tree(t, {
      'lb1/keepalived.conf': instance('VI_1', 51, '192.0.2.10', 'MASTER'),
      'lb2/keepalived.conf': instance('VI_1', 52, '192.0.2.10'),
    });
    const found = findClusterRoot(join(root, 'lb1', 'keepalived.conf'));
    assert.equal(found?.path, root);
    assert.match(found.reason, /lb1\/, lb2\/ each hold keepalived\.conf and share a VRRP group$/);
  });

  void it('joins nodes by a shared virtual IP when the instance names differ', (t) => {
    const root = tree(t, {
      'lb1/keepalived.conf': instance('VI_WEB_A', 51, '192.0.2.10', 'MASTER'),
      'lb2/keepalived.conf': instance('VI_WEB_B', 51, '192.0.2.10'),
    });
    assert.equal(findClusterRoot(join(root, 'lb2', 'keepalived.conf'))?.path, root);
  });

  void it('does not take two unrelated folders that each hold a keepalived.conf', (t) => {
    const root = tree(t, {
      'web/keepalived.conf': instance('VI_WEB', 51, '192.0.2.10', 'MASTER'),
      'db/keepalived.conf': instance('VI_DB', 60, '198.51.100.20', 'MASTER'),
    });
    assert.equal(findClusterRoot(join(root, 'web', 'keepalived.conf')), undefined);
  });

  void it('leaves out an unrelated folder beside the nodes, and says so', (t) => {
    const root = tree(t, {
      'lb1/keepalived.conf': instance('VI_1', 51, '192.0.2.10', 'MASTER'),
      'lb2/keepalived.conf': instance('VI_1', 51, '192.0.2.10'),
      'scratch/keepalived.conf': instance('VI_LAB', 90, '203.0.113.5'),
    });
    const found = findClusterRoot(join(root, 'lb2', 'keepalived.conf'));
    assert.equal(found?.path, root);
    assert.match(found.reason, /lb1\/, lb2\/ each hold keepalived\.conf/);
    assert.match(found.reason, /1 other folder there with keepalived\.conf left out/);
    // From the unrelated folder, there is no cluster to join.
    assert.equal(findClusterRoot(join(root, 'scratch', 'keepalived.conf')), undefined);
  });

  void it("judges a haproxy.cfg by its node's Keepalived files", (t) => {
    const haproxy = 'frontend fe\n    bind 192.0.2.10:80\n';
    const related = tree(t, {
      'lb1/haproxy.cfg': haproxy,
      'lb1/keepalived.conf': instance('VI_1', 51, '192.0.2.10', 'MASTER'),
      'lb2/haproxy.cfg': haproxy,
      'lb2/keepalived.conf': instance('VI_1', 51, '192.0.2.10'),
    });
    assert.equal(findClusterRoot(join(related, 'lb1', 'haproxy.cfg'))?.path, related);
    const unrelated = tree(t, {
      'web/haproxy.cfg': haproxy,
      'web/keepalived.conf': instance('VI_WEB', 51, '192.0.2.10', 'MASTER'),
      'db/haproxy.cfg': haproxy,
      'db/keepalived.conf': instance('VI_DB', 60, '198.51.100.20', 'MASTER'),
    });
    assert.equal(findClusterRoot(join(unrelated, 'web', 'haproxy.cfg')), undefined);
  });

  void it('takes HAProxy-only nodes together when they name a proxy alike', (t) => {
    const haproxy = 'frontend fe_web\n    bind 192.0.2.10:80\n    default_backend be_app\n';
    const root = tree(t, {
      'lb1/haproxy.cfg': haproxy,
      'lb2/haproxy.cfg': haproxy,
      'lab/haproxy.cfg': 'listen lab_stats\n    bind 203.0.113.5:8404\n',
      'mixed/haproxy.cfg': haproxy,
      'mixed/keepalived.conf': instance('VI_1', 51, '192.0.2.10'),
    });
    const found = findClusterRoot(join(root, 'lb1', 'haproxy.cfg'));
    assert.equal(found?.path, root);
    assert.match(found.reason, /lb1\/, lb2\/ each hold haproxy\.cfg and share a proxy name/);
    assert.match(found.reason, /2 other folders there with haproxy\.cfg left out/);
    assert.equal(findClusterRoot(join(root, 'lab', 'haproxy.cfg')), undefined);
  });

  void it('prefers the nearest .halint.json to any guess', (t) => {
    const root = tree(t, {
      'site/.halint.json': '{}',
      'site/web/keepalived.conf': instance('VI_WEB', 51, '192.0.2.10'),
    });
    const found = findClusterRoot(join(root, 'site', 'web', 'keepalived.conf'));
    assert.equal(found?.path, join(root, 'site'));
    assert.match(found.reason, /\.halint\.json/);
  });
});
