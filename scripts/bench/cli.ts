/**
 * Timing of command lines: the built `halint` next to the daemons' own checks, run alternately in
 * the same loop so that a change in the machine's load touches both, and the share of a `halint`
 * run spent collecting garbage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './report.js';

/** Longest a single command may run before it counts as broken. */
const COMMAND_TIMEOUT_MS = 180_000;

/** One run of a command. */
export interface CommandRun {
  readonly wallMs: number;
  /** Peak resident memory in MB, when the command reported it (see {@link writeMemoryPreload}). */
  readonly peakMb: number | undefined;
  /** User + system CPU in ms, when the command reported it. */
  readonly cpuMs: number | undefined;
  readonly status: number | null;
  readonly output: string;
}

/** Runs a command once; throws when it cannot start, times out or is killed by a signal. */
export function runCommand(command: string, args: readonly string[]): CommandRun {
  const start = performance.now();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  if (result.error) throw result.error;
  if (result.signal !== null) {
    throw new Error(`${command} ${args.join(' ')}: killed by ${result.signal}`);
  }
  const usage = /BENCH_MAXRSS (\d+) (\d+)/.exec(result.stderr);
  return {
    wallMs,
    peakMb: usage ? Number(usage[1]) / 1024 : undefined,
    cpuMs: usage ? Number(usage[2]) / 1000 : undefined,
    status: result.status,
    output: result.stdout + result.stderr,
  };
}

/** A command line, named for the table. */
export interface Command {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * Runs the commands alternately `runs` times (a, b, a, b, …) and returns each one's runs; the
 * first round is a warm-up (file cache, page cache of the binaries) and is not kept.
 */
export function alternate(commands: readonly Command[], runs: number): CommandRun[][] {
  const times = commands.map((): CommandRun[] => []);
  for (let round = 0; round <= runs; round++) {
    commands.forEach((command, i) => {
      const run = runCommand(command.command, command.args);
      if (round > 0) times[i]?.push(run);
    });
  }
  return times;
}

/** Median wall time of runs, in ms. */
export function medianWall(runs: readonly CommandRun[]): number {
  return median(runs.map((run) => run.wallMs));
}

/** Median CPU time of runs that reported it, in ms, or undefined. */
export function medianCpu(runs: readonly CommandRun[]): number | undefined {
  const cpu = runs.flatMap((run) => (run.cpuMs === undefined ? [] : [run.cpuMs]));
  return cpu.length > 0 ? median(cpu) : undefined;
}

/**
 * The bundled CLI, run by this Node, with the preload of {@link writeMemoryPreload} (it costs
 * about a millisecond) so that its own CPU time and memory are known too.
 */
export function halint(cli: string, preload: string, args: readonly string[]): Command {
  return { label: 'halint', command: process.execPath, args: ['--require', preload, cli, ...args] };
}

/**
 * Writes a preload script that prints the process's peak resident memory (KB) and user + system
 * CPU time (µs) on exit, from Node's `process.resourceUsage()`, so that the CLI is measured
 * without `/usr/bin/time`.
 */
export function writeMemoryPreload(dir: string): string {
  const path = join(dir, 'max-rss.cjs');
  writeFileSync(
    path,
    [
      "process.on('exit', () => {",
      '  const usage = process.resourceUsage();',
      '  const cpu = usage.userCPUTime + usage.systemCPUTime;',
      "  require('node:fs').writeSync(2, '\\nBENCH_MAXRSS ' + usage.maxRSS + ' ' + cpu + '\\n');",
      '});',
      '',
    ].join('\n'),
  );
  return path;
}

/** Median wall and CPU time (ms) and largest peak memory (MB) of `runs` runs of the CLI. */
export function cliWithMemory(
  cli: string,
  preload: string,
  args: readonly string[],
  runs: number,
): { wallMs: number; cpuMs: number; peakMb: number } {
  const command = halint(cli, preload, args);
  runCommand(command.command, command.args); // warm-up
  const done: CommandRun[] = [];
  for (let i = 0; i < runs; i++) done.push(runCommand(command.command, command.args));
  return {
    wallMs: medianWall(done),
    cpuMs: medianCpu(done) ?? Number.NaN,
    peakMb: Math.max(0, ...done.map((run) => run.peakMb ?? 0)),
  };
}

/** The GC share of one profiled run (see {@link gcShare}). */
function profiledShare(
  cli: string,
  args: readonly string[],
  dir: string,
): { share: number; totalMs: number } {
  const profiles = mkdtempSync(join(dir, 'cpu-prof-'));
  runCommand(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, cli, ...args]);
  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('node --cpu-prof wrote no profile');
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const collector = new Set(
    profile.nodes
      .filter((node) => node.callFrame.functionName === '(garbage collector)')
      .map((node) => node.id),
  );
  let total = 0;
  let gc = 0;
  profile.samples.forEach((sample, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    if (collector.has(sample)) gc += delta;
  });
  return { share: total > 0 ? gc / total : 0, totalMs: total / 1000 };
}

/**
 * Share of a CLI run's main-thread samples that V8 attributes to "(garbage collector)", from a
 * `--cpu-prof` profile (a sample's time is the delta recorded with it): the run of median share
 * among `runs` runs, with the lowest and highest share. One run alone moves by a few points from
 * one try to the next on a loaded machine.
 */
export function gcShare(
  cli: string,
  args: readonly string[],
  dir: string,
  runs: number,
): { share: number; totalMs: number; lowest: number; highest: number } {
  const done: { share: number; totalMs: number }[] = [];
  for (let i = 0; i < runs; i++) done.push(profiledShare(cli, args, dir));
  done.sort((a, b) => a.share - b.share);
  const median = done[Math.floor(done.length / 2)] ?? { share: 0, totalMs: 0 };
  return {
    ...median,
    lowest: done[0]?.share ?? 0,
    highest: done[done.length - 1]?.share ?? 0,
  };
}

/** Whether an executable exists and answers `args` with exit status 0. */
export function answers(command: string, args: readonly string[]): boolean {
  if (command.startsWith('/') && !existsSync(command)) return false;
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return probe.error === undefined && probe.status === 0;
}

/**
 * A network namespace holding `eth0` and `eth1` (veth pairs), where `keepalived -t` finds the
 * interfaces a configuration names without touching the host's network. Needs root and `ip`.
 */
export class Netns {
  private constructor(readonly name: string) {}

  /** Creates the namespace, or returns why it could not. */
  static create(name: string): Netns | string {
    const add = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8', timeout: 10_000 });
    if (add.error || add.status !== 0) {
      return `ip netns add failed: ${add.error?.message ?? add.stderr.trim()}`;
    }
    const netns = new Netns(name);
    for (const [link, peer] of [
      ['eth0', 'p0'],
      ['eth1', 'p1'],
    ] as const) {
      const made = spawnSync(
        'ip',
        ['netns', 'exec', name, 'ip', 'link', 'add', link, 'type', 'veth', 'peer', 'name', peer],
        {
          encoding: 'utf8',
          timeout: 10_000,
        },
      );
      if (made.error || made.status !== 0) {
        netns.delete();
        return `could not add ${link} in the namespace: ${made.error?.message ?? made.stderr.trim()}`;
      }
    }
    return netns;
  }

  /** `keepalived -t -f file` inside the namespace, under `timeout`. */
  keepalivedCheck(keepalived: string, file: string): Command {
    return {
      label: 'keepalived -t',
      command: 'timeout',
      args: ['20', 'ip', 'netns', 'exec', this.name, keepalived, '-t', '-f', file],
    };
  }

  delete(): void {
    spawnSync('ip', ['netns', 'del', this.name], { timeout: 10_000 });
  }
}
