// The daemon-check settings both hosts read: what a .halint.json may set (a preset, never a
// command line), which layer wins, how mappings are resolved, and the runner a node gets.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  checksEnabled,
  readCommand,
  readDaemonSettings,
  runnerFor,
} from '../../server/src/node/daemons/settings.js';

test('a command line comes from the editor layer only; one in .halint.json is ignored and said', () => {
  const { settings, ignored } = readDaemonSettings({
    editor: { haproxy: { validate: { command: ['haproxy', '-c', '${fileArgs}'] } } },
    file: {
      haproxy: { validate: { preset: 'docker' } },
      keepalived: { validate: { command: ['sh', '-c', 'id'], ssh: { destination: 'x@y' } } },
    },
  });
  assert.deepEqual(settings.haproxy.command, ['haproxy', '-c', '${fileArgs}']);
  assert.equal(settings.haproxy.preset, 'docker');
  assert.equal(settings.keepalived.command, undefined);
  assert.equal(settings.keepalived.ssh, undefined);
  assert.equal(checksEnabled(settings.keepalived), false);
  assert.deepEqual(
    ignored.map((message) => /keepalived\.validate\.(command|ssh)/.exec(message)?.[1]),
    ['command', 'ssh'],
  );
});

test('the file wins for preset, on and timeout; bad values fall back to the defaults', () => {
  const { settings } = readDaemonSettings({
    editor: { haproxy: { validate: { preset: 'local', on: 'demand', timeoutMs: 5000 } } },
    file: { haproxy: { validate: { preset: 'ssh', timeoutMs: 50 } } },
  });
  assert.equal(settings.haproxy.preset, 'ssh');
  assert.equal(settings.haproxy.on, 'demand');
  assert.equal(settings.haproxy.timeoutMs, 5000, 'a timeout below 1 s is ignored');
  const defaults = readDaemonSettings({ editor: { haproxy: { validate: { preset: 'all' } } } });
  assert.equal(defaults.settings.haproxy.preset, 'off');
  assert.equal(defaults.settings.haproxy.on, 'save');
  assert.equal(defaults.settings.haproxy.timeoutMs, 20_000);
});

test('a command must be an array of strings; a shell string or an empty program is refused', () => {
  assert.deepEqual(readCommand(['keepalived', '-t']), ['keepalived', '-t']);
  for (const value of ['haproxy -c', [], [''], ['haproxy', 3], ['a\0b'], null]) {
    assert.equal(readCommand(value), undefined, JSON.stringify(value));
  }
  const { ignored } = readDaemonSettings({
    editor: { haproxy: { validate: { command: 'haproxy -c' } } },
  });
  assert.match(ignored[0] ?? '', /must be an array of strings/);
  const cleared = readDaemonSettings({ editor: { haproxy: { validate: { command: [] } } } });
  assert.deepEqual(cleared.ignored, [], 'an empty array is how a user clears the setting');
});

test('path mappings: the editor’s absolute ones, then the file’s, relative to its folder', () => {
  const { settings } = readDaemonSettings({
    editor: {
      keepalived: { pathMappings: { '/etc/keepalived/': '/home/me/lb1', '/x': 'relative' } },
    },
    file: {
      keepalived: { pathMappings: { '/etc/keepalived': 'lb2/keepalived', 'not-absolute': '/a' } },
    },
    fileFolder: '/work/infra',
  });
  assert.deepEqual(settings.keepalived.pathMappings, [
    { daemonPrefix: '/etc/keepalived', hostPrefix: '/home/me/lb1' },
    { daemonPrefix: '/etc/keepalived', hostPrefix: '/work/infra/lb2/keepalived' },
  ]);
});

test('the runner: a command first, else the preset; ssh names the node and refuses an option', () => {
  const base = readDaemonSettings({}).settings.haproxy;
  assert.equal(runnerFor('haproxy', base, 'lb1'), 'haproxy checks are off');
  assert.deepEqual(runnerFor('haproxy', { ...base, preset: 'docker' }, 'lb1'), {
    preset: 'docker',
  });
  assert.deepEqual(runnerFor('haproxy', { ...base, preset: 'docker', command: ['h'] }, 'lb1'), {
    command: ['h'],
  });
  assert.match(
    JSON.stringify(runnerFor('haproxy', { ...base, preset: 'ssh' }, 'lb1')),
    /needs haproxy\.validate\.ssh/,
  );
  const ssh = {
    ...base,
    preset: 'ssh' as const,
    ssh: { destination: 'admin@${node}.example.net', options: ['-p', '2222'] },
  };
  assert.deepEqual(runnerFor('haproxy', ssh, 'lb1'), {
    preset: 'ssh',
    destination: 'admin@lb1.example.net',
    sshOptions: ['-p', '2222'],
  });
  const hostile = { ...ssh, ssh: { destination: '${node}', options: [] } };
  assert.match(
    JSON.stringify(runnerFor('haproxy', hostile, '-oProxyCommand=id')),
    /starts with '-'/,
  );
});
