// What the labelling scripts (label-haproxy-agreement, label-keepalived-agreement,
// label-real-world) share: where each daemon build is, and the network namespaces they run in.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The executable of a daemon build (`haproxy-2.6`, `haproxy-3.0`, `keepalived-2.2`,
 * `keepalived-2.3`), looked up the way test/helpers/daemons.ts does: the system's packages for
 * the older ones; for the newer ones, $HALINT_NEWER_DAEMONS, then .cache/newer-daemons (written by
 * scripts/install-newer-daemons.sh), then /tmp/newer-daemons. Undefined when absent.
 */
export function daemonPath(daemon) {
  const system = { 'haproxy-2.6': '/usr/sbin/haproxy', 'keepalived-2.2': '/usr/sbin/keepalived' };
  const candidates = system[daemon]
    ? [system[daemon]]
    : [
        process.env.HALINT_NEWER_DAEMONS,
        join(root, '.cache', 'newer-daemons'),
        '/tmp/newer-daemons',
      ]
        .filter(Boolean)
        .map((dir) => join(dir, 'bin', daemon));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** `daemonPath`, or an error that says how to get the daemon. */
export function requireDaemon(daemon) {
  const path = daemonPath(daemon);
  if (path === undefined) {
    throw new Error(`${daemon} is not available: run scripts/install-newer-daemons.sh`);
  }
  return path;
}

export function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', ...options });
}

function mustRun(command, args) {
  const result = run(command, args);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
}

/** Deletes the network namespace `name` when it exists. */
export function deleteNamespace(name) {
  const list = run('ip', ['netns', 'list']);
  const exists = (list.stdout ?? '').split('\n').some((line) => line.split(' ')[0] === name);
  if (exists) run('ip', ['netns', 'delete', name]);
}

/**
 * A fresh network namespace (needs root) with loopback up and `interfaces` veth links named
 * eth0, eth1...: haproxy runs in one with none (no name lookup leaves it), keepalived in one with
 * the four interfaces configs name. Nothing in it reaches the host's network.
 */
export function createNamespace(name, interfaces) {
  deleteNamespace(name);
  mustRun('ip', ['netns', 'add', name]);
  mustRun('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  for (let i = 0; i < interfaces; i++) {
    const link = ['link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `p${i}`];
    mustRun('ip', ['netns', 'exec', name, 'ip', ...link]);
  }
}

/** Runs `body` with the namespace `name` created first and deleted after, also on failure. */
export function withNamespace(name, interfaces, body) {
  if (name === undefined) return body();
  createNamespace(name, interfaces);
  try {
    return body();
  } finally {
    deleteNamespace(name);
  }
}
