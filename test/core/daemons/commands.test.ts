import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  commonFolder,
  expandCommand,
  keepalivedInterfaces,
  presetCheck,
} from '../../../server/src/core/daemons/commands.js';

const values = {
  file: '/ws/lb1/haproxy.cfg',
  files: ['/ws/lb1/haproxy.cfg', '/ws/lb1/conf.d/be.cfg'],
  nodeDir: '/ws/lb1',
  version: '3.0',
  configId: 'lb1',
};

test('placeholders expand; the file list only as a whole argument', () => {
  assert.deepEqual(expandCommand(['haproxy', '-c', '${fileArgs}'], values), [
    'haproxy',
    '-c',
    '-f',
    '/ws/lb1/haproxy.cfg',
    '-f',
    '/ws/lb1/conf.d/be.cfg',
  ]);
  assert.deepEqual(
    expandCommand(['x', '${nodeDir}:/cfg', 'v${version}', '${file}', '${nope}'], values),
    ['x', '/ws/lb1:/cfg', 'v3.0', '/ws/lb1/haproxy.cfg', '${nope}'],
  );
});

test('the docker preset mounts the node folder and maps it back; no keepalived image', () => {
  const docker = presetCheck('docker', 'haproxy', values)!;
  assert.ok(docker.argv.includes('haproxy:3.0'));
  assert.ok(docker.argv.includes('/ws/lb1:/cfg:ro'));
  assert.deepEqual(docker.argv.slice(-4), ['-f', 'haproxy.cfg', '-f', 'conf.d/be.cfg']);
  assert.deepEqual(docker.mappings, [{ daemonPrefix: '/cfg', hostPrefix: '/ws/lb1' }]);
  assert.equal(presetCheck('docker', 'keepalived', values), undefined);
  assert.deepEqual(presetCheck('local', 'keepalived', values)!.argv, [
    'keepalived',
    '-t',
    '-i',
    'lb1',
    '-f',
    '/ws/lb1/haproxy.cfg',
  ]);
});

test('common folder of a node', () => {
  assert.equal(commonFolder(values.files), '/ws/lb1');
  assert.equal(commonFolder(['/a/b/c.cfg']), '/a/b');
  assert.equal(commonFolder(['/a/x.cfg', '/b/y.cfg']), '/');
});

test('the interfaces a keepalived config names', () => {
  const conf = `vrrp_instance VI_1 {
  interface ens19   # uplink
  track_interface {
    bond0 weight -20
    eth1
  }
  virtual_ipaddress {
    192.0.2.1/24 dev eth2 label eth2:1
  }
  virtual_routes {
    198.51.100.0/24 via 192.0.2.254 dev eth3
  }
}
global_defs {
  lvs_sync_daemon eth4 VI_1
}
vrrp_instance VI_2 {
  interface $IFACE
  track_interface { eth5 }
}
`;
  assert.deepEqual(
    keepalivedInterfaces(conf).sort(),
    ['bond0', 'eth1', 'eth2', 'eth3', 'eth4', 'eth5', 'ens19'].sort(),
  );
});
