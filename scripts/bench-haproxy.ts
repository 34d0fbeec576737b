/**
 * Times the HAProxy parser alone, in process, on the inputs of `npm run bench`: a full parse of a
 * 75,000-line file and an incremental re-parse after a one-character edit in the middle of a
 * 15,000-line file. Run with `npx tsx scripts/bench-haproxy.ts`; `npm run bench` measures the
 * built server and CLI.
 */
import { performance } from 'node:perf_hooks';
import { parseHaproxy, reparseHaproxy } from '../server/src/core/haproxy/index.js';
import { backendsForLines, generateHaproxy } from './bench/inputs.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Timing {
  /** Median wall-clock time. */
  readonly median: number;
  /** Fastest run: the least disturbed by other processes on a shared machine. */
  readonly min: number;
  /** Median CPU time of this process (user + system). */
  readonly cpu: number;
}

function time(run: () => void, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) run();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { median: median(samples), min: Math.min(...samples), cpu: median(cpu) };
}

function show(label: string, timing: Timing): void {
  const format = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
  console.log(
    `${label}: median ${format(timing.median)} ms, fastest ${format(timing.min)} ms, CPU ${format(timing.cpu)} ms`,
  );
}

/** Allocation cost on this machine, to put the figures in context on a busy shared host. */
function allocationBaseline(): Timing {
  return time(
    () => {
      const objects: { start: number; end: number; raw: string }[] = [];
      for (let i = 0; i < 1_000_000; i++) objects.push({ start: i, end: i + 1, raw: 'x' });
    },
    1,
    5,
  );
}

if (process.argv[1]?.endsWith('bench-haproxy.ts')) {
  show('baseline: allocating 1,000,000 small objects', allocationBaseline());
  const big = generateHaproxy(backendsForLines(75_000));
  const bigLines = big.split('\n').length;
  show(
    `parseHaproxy, ${bigLines} lines`,
    time(() => parseHaproxy(big), 3, 9),
  );

  const mid = generateHaproxy(backendsForLines(15_000));
  const midLines = mid.split('\n').length;
  const midParse = parseHaproxy(mid);
  const at = mid.indexOf('server s5', Math.floor(mid.length / 2)) + 8;
  const change = { start: at, end: at + 1, text: '7' };
  const edited = mid.slice(0, at) + '7' + mid.slice(at + 1);
  show(
    `parseHaproxy, ${midLines} lines`,
    time(() => parseHaproxy(mid), 3, 9),
  );
  show(
    `reparseHaproxy, ${midLines} lines, one character replaced mid-file`,
    time(() => reparseHaproxy(midParse, mid, edited, change), 5, 21),
  );
  const insertion = { start: at, end: at, text: 'x' };
  const inserted = mid.slice(0, at) + 'x' + mid.slice(at);
  show(
    `reparseHaproxy, ${midLines} lines, one character inserted mid-file`,
    time(() => reparseHaproxy(midParse, mid, inserted, insertion), 5, 21),
  );
}
