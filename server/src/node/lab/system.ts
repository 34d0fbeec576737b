/**
 * The lab's contact with the machine: network namespaces, veth pairs and a bridge through
 * `ip`, a PID and mount namespace per node (`unshare`) that the node's daemons are started in
 * (`nsenter`), and the clean-up that removes all of it. Every name starts with the lab's prefix
 * and the owner's process id, so that a later run can tell a crashed lab's leftovers from a
 * running lab's namespaces.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';

/** Prefix of every namespace a lab creates: `hlab<pid>-…`. */
export const LAB_PREFIX = 'hlab';

/** A command that failed, with what it printed. */
export class LabCommandError extends Error {
  override readonly name = 'LabCommandError';
}

/** Runs a command to completion; throws {@link LabCommandError} on a non-zero exit. */
export function sh(command: string, args: readonly string[], input?: string): string {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 20_000,
    ...(input !== undefined ? { input } : {}),
  });
  if (result.error) {
    throw new LabCommandError(`${command} ${args.join(' ')}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const said = (result.stderr || result.stdout || '').trim().split('\n')[0] ?? '';
    throw new LabCommandError(`${command} ${args.join(' ')}: ${said || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** Runs a command and ignores its failure (clean-up paths). */
function trySh(command: string, args: readonly string[]): void {
  spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
}

/** Where a program is, searching PATH and the sbin folders root usually has. */
export function which(program: string): string | undefined {
  if (program.includes('/')) return existsSync(program) ? program : undefined;
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (dir !== '' && existsSync(`${dir}/${program}`)) return `${dir}/${program}`;
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Namespaces that exist now. */
function namespaces(): string[] {
  const result = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return (result.stdout ?? '')
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

/** Processes whose network namespace is `ns`. */
function pidsIn(ns: string): number[] {
  const result = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' });
  return (result.stdout ?? '')
    .split('\n')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Kills every process in a namespace and deletes it. */
export function removeNamespace(ns: string): void {
  for (let round = 0; round < 3; round++) {
    const pids = pidsIn(ns);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    spawnSync('sleep', ['0.1']);
  }
  trySh('ip', ['netns', 'del', ns]);
}

/**
 * Removes what crashed labs left behind: namespaces named for a lab whose owner process is gone.
 * Returns the names removed.
 */
export function removeLeftovers(): string[] {
  const removed: string[] = [];
  for (const ns of namespaces()) {
    const match = new RegExp(`^${LAB_PREFIX}(\\d+)-`).exec(ns);
    if (!match) continue;
    const owner = Number(match[1]);
    if (owner === process.pid || alive(owner)) continue;
    removeNamespace(ns);
    removed.push(ns);
  }
  for (const entry of readdirSync(LAB_DIR_PARENT)) {
    const match = /^halint-lab-(\d+)-/.exec(entry);
    if (!match) continue;
    const owner = Number(match[1]);
    if (owner === process.pid || alive(owner)) continue;
    rmSync(`${LAB_DIR_PARENT}/${entry}`, { recursive: true, force: true });
    removed.push(`${LAB_DIR_PARENT}/${entry}`);
  }
  return removed;
}

/** Where labs keep their files: a tmpfs on Linux, so nothing outlives a reboot. */
const LAB_DIR_PARENT = '/run';

/** A new folder for this process's lab, named so a later run can tell whether its owner lives. */
export function makeLabDir(): string {
  return mkdtempSync(`${LAB_DIR_PARENT}/halint-lab-${process.pid}-`);
}

/** The children of a process, by reading `/proc`. */
function childrenOf(pid: number): number[] {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A node's PID and mount namespace, inside its network namespace: an idle process is its init;
 * daemons are started beside it with `nsenter`. Killing the init ends every process in it.
 */
export class NodeSpace {
  private constructor(
    readonly ns: string,
    /** Host PID of the namespace's init. */
    readonly init: number,
    private readonly holder: ChildProcess,
  ) {}

  /** Creates the PID and mount namespace inside the network namespace `ns`. */
  static async create(ns: string): Promise<NodeSpace> {
    const holder = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        'unshare',
        '--pid',
        '--mount',
        '--fork',
        '--mount-proc',
        '--kill-child',
        'sleep',
        'infinity',
      ],
      { stdio: 'ignore', detached: true },
    );
    holder.unref();
    const started = Date.now();
    while (Date.now() - started < 5000) {
      const pid = holder.pid === undefined ? undefined : childrenOf(holder.pid)[0];
      if (pid !== undefined) return new NodeSpace(ns, pid, holder);
      await sleep(20);
    }
    throw new LabCommandError(`could not start a PID namespace in ${ns}`);
  }

  /** The `nsenter` arguments that run a command inside this node. */
  private enter(command: readonly string[]): string[] {
    return ['-t', String(this.init), '-p', '-m', '-n', '--', ...command];
  }

  /** Starts a long-running command inside the node; its output goes to the given file descriptor. */
  start(command: readonly string[], output: number): ChildProcess {
    const child = spawn('nsenter', this.enter(command), {
      stdio: ['ignore', output, output],
      detached: true,
    });
    child.unref();
    return child;
  }

  /** Runs a short command inside the node. */
  run(command: readonly string[]): string {
    return sh('nsenter', this.enter(command));
  }

  /** Host PIDs of the processes in this node whose command name is `name`. */
  processes(name: string): number[] {
    const own = nsOf(this.init);
    if (own === undefined) return [];
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === this.init) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
        if (nsOf(pid) === own) pids.push(pid);
      } catch {
        // The process ended while we looked.
      }
    }
    return pids;
  }

  /** Signals every process named `name` in the node; the number signalled. */
  signal(name: string, signal: NodeJS.Signals): number {
    const pids = this.processes(name);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone already.
      }
    }
    return pids.length;
  }

  /** Ends every process of the node. */
  destroy(): void {
    try {
      process.kill(this.init, 'SIGKILL');
    } catch {
      // Gone already.
    }
    try {
      if (this.holder.pid !== undefined) process.kill(this.holder.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

function nsOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** IPv4 addresses held in a namespace. */
export function addressesIn(ns: string): Set<string> {
  const result = spawnSync('ip', ['-n', ns, '-o', '-4', 'addr', 'show'], { encoding: 'utf8' });
  const found = new Set<string>();
  for (const match of (result.stdout ?? '').matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)) {
    if (match[1]) found.add(match[1]);
  }
  return found;
}

export { sleep };
