/**
 * Where the real daemons are, for the few tests that run them (the agreement benchmarks
 * themselves read stored labels). The system's own versions come from Debian 12's packages; the
 * newer ones are unpacked by `scripts/install-newer-daemons.sh` into `.cache/newer-daemons`
 * (or the directory named by `HALINT_NEWER_DAEMONS`), with `/tmp/newer-daemons` as a fallback
 * for machines where they were set up by hand.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.js';

/** The daemon builds the project labels configurations with. */
export type Daemon = 'haproxy-2.6' | 'haproxy-3.0' | 'keepalived-2.2' | 'keepalived-2.3';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function newerDirs(): string[] {
  const fromEnvironment = process.env['HALINT_NEWER_DAEMONS'];
  return [
    ...(fromEnvironment ? [fromEnvironment] : []),
    join(projectRoot, '.cache', 'newer-daemons'),
    '/tmp/newer-daemons',
  ];
}

/** Path of a daemon's executable, or undefined when this machine does not have it. */
export function daemonPath(daemon: Daemon): string | undefined {
  const candidates =
    daemon === 'haproxy-2.6'
      ? ['/usr/sbin/haproxy']
      : daemon === 'keepalived-2.2'
        ? ['/usr/sbin/keepalived']
        : newerDirs().map((dir) => join(dir, 'bin', daemon));
  return candidates.find(executable);
}

/** The line a test prints when it skips for want of a daemon. */
export function daemonMissing(daemon: Daemon): string {
  const how =
    daemon === 'haproxy-3.0' || daemon === 'keepalived-2.3'
      ? 'run scripts/install-newer-daemons.sh'
      : 'run scripts/install-test-deps.sh';
  return `${daemon} is not available here (${how})`;
}
