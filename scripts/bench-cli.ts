/**
 * Times the built `halint` CLI on a generated 75,000-line `haproxy.cfg`, next to `haproxy -c` when
 * HAProxy is installed, and the in-process parse alone. Build first (`node scripts/build.mjs`),
 * then run `npx tsx scripts/bench-cli.ts [--runs N] [--cli path/to/cli.cjs]`.
 *
 * Peak memory and CPU time come from `/usr/bin/time` when it exists; without it only wall-clock
 * times are printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseHaproxy } from '../server/src/core/haproxy/index.js';
import { generateConfig } from './bench-haproxy.js';

const TIME = '/usr/bin/time';

/** One run of a command. */
interface Sample {
  /** Wall-clock seconds. */
  readonly wall: number;
  /** User + system CPU seconds, when measured. */
  readonly cpu: number | undefined;
  /** Peak resident memory in MB, when measured. */
  readonly memory: number | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs `command` once; throws when it cannot be started or is killed. */
function runOnce(command: string, args: readonly string[]): Sample {
  const timed = existsSync(TIME);
  const start = performance.now();
  const result = timed
    ? spawnSync(TIME, ['-f', 'BENCH %U %S %M', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (result.error) throw result.error;
  if (result.signal !== null) throw new Error(`${command} was killed by ${result.signal}`);
  // `time` prints its line last on stderr, after whatever the command printed there.
  const line = timed ? /BENCH (\S+) (\S+) (\d+)\s*$/.exec(result.stderr) : null;
  if (!line) return { wall, cpu: undefined, memory: undefined };
  return {
    wall,
    cpu: Number(line[1]) + Number(line[2]),
    memory: Number(line[3]) / 1024,
  };
}

function summary(label: string, samples: readonly Sample[]): string {
  const parts = [`median ${median(samples.map((s) => s.wall)).toFixed(2)} s wall`];
  const cpu = samples.flatMap((s) => (s.cpu === undefined ? [] : [s.cpu]));
  if (cpu.length > 0) parts.push(`${median(cpu).toFixed(2)} s CPU`);
  const memory = samples.flatMap((s) => (s.memory === undefined ? [] : [s.memory]));
  if (memory.length > 0) parts.push(`peak ${Math.round(Math.max(...memory))} MB`);
  return `${label}: ${parts.join(', ')} (${samples.length} runs)`;
}

function bench(label: string, command: string, args: readonly string[], runs: number): void {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(runOnce(command, args));
  console.log(summary(label, samples));
}

function haproxyInstalled(): boolean {
  const probe = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      cli: { type: 'string', default: resolve('dist/cli.cjs') },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 3);
  const cli = values.cli;
  if (!existsSync(cli)) {
    console.error(`${cli} not found: run "node scripts/build.mjs" first`);
    process.exitCode = 2;
    return;
  }
  const text = generateConfig(5000);
  const lines = text.split('\n').length;
  const dir = mkdtempSync(join(tmpdir(), 'halint-bench-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, text);
  try {
    console.log(`${lines} lines, ${(text.length / 1e6).toFixed(1)} MB`);
    bench('halint CLI', process.execPath, [cli, '--haproxy-version', '2.6', file], runs);
    if (haproxyInstalled()) bench('haproxy -c', 'haproxy', ['-c', '-f', file], runs);
    else console.log('haproxy -c: not installed');
    const parses: number[] = [];
    parseHaproxy(text); // warm-up: the first parse also compiles the parser
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      parseHaproxy(text);
      parses.push(performance.now() - start);
    }
    console.log(`parseHaproxy in process: median ${median(parses).toFixed(0)} ms (${runs} runs)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
