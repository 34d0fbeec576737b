/**
 * `npm run bench`: the speed and memory figures of issue 14, measured on generated inputs with
 * the bundles users run (built here as the extension package builds them: minified, with the CLI's
 * code cache): `halint` against the daemons' own checks, and the language server over stdio as
 * VS Code drives it (with the same V8 flags). Prints a table of figure, target and verdict
 * and, after a full run, writes it to `bench/results.md`. Not a test: CI does not run it.
 *
 *   npm run bench [-- --quick] [-- --only cli|startup|server|cluster|gc|scaling] [-- --runs N]
 *                 [-- --out FILE]
 *
 * `--quick` measures the small inputs only, with fewer repetitions (for development); `--only`
 * one group of figures. Partial runs write no file unless `--out` is given.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  alternate,
  medianCpu,
  medianWall,
  answers,
  cliWithMemory,
  gcShare,
  halint,
  Netns,
  runCommand,
  writeMemoryPreload,
} from './cli.js';
import { backendsForLines, generateHaproxy, generateKeepalived, writeCluster } from './inputs.js';
import { BenchServer } from './lsp.js';
import { mb, meets, ms, percentile, Report } from './report.js';
import {
  clusterSession,
  cpuPercentiles,
  haproxySession,
  QUIET_LONG_MS,
  QUIET_SHORT_MS,
  type HaproxyFigures,
} from './server.js';

const GROUPS = ['cli', 'startup', 'server', 'cluster', 'gc', 'scaling'] as const;
type Group = (typeof GROUPS)[number];

const HAPROXY = '/usr/sbin/haproxy';
const KEEPALIVED = '/usr/sbin/keepalived';
const ROOT = resolve(import.meta.dirname, '..', '..');
/** The floor under a Node checker's time (see `word-floor.mjs`). */
const WORD_FLOOR = join(ROOT, 'scripts', 'bench', 'word-floor.mjs');

/** The HAProxy sizes of the table, in lines. */
const SIZES = [
  { label: '1.5k lines', lines: 1_500 },
  { label: '15k lines', lines: 15_000 },
  { label: '75k lines', lines: 75_000 },
] as const;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = values.quick;
const only = values.only as Group | undefined;
if (only !== undefined && !GROUPS.includes(only)) {
  console.error(`--only takes one of ${GROUPS.join(', ')}`);
  process.exit(2);
}
const runs = Math.max(1, Number(values.runs ?? (quick ? 3 : 5)) || 5);
/** Profiled runs for the GC share, whose median is reported. */
const GC_RUNS = quick ? 1 : 3;
const edits = quick ? 10 : 40;
const requests = quick ? 10 : 40;
const sizes = quick ? SIZES.slice(0, 2) : SIZES;
const wants = (group: Group): boolean => only === undefined || only === group;
const options = [
  quick ? '--quick' : '',
  only ? `--only ${only}` : '',
  values.runs ? `--runs ${runs}` : '',
]
  .filter(Boolean)
  .join(' ');
const out = values.out ?? (quick || only ? undefined : join(ROOT, 'bench', 'results.md'));

const dir = mkdtempSync(join(tmpdir(), 'halint-bench-'));
let netns: Netns | undefined;
/** Everything the benchmark started or wrote outside the project goes here, whatever happened. */
function cleanUp(): void {
  BenchServer.killAll();
  netns?.delete();
  netns = undefined;
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    cleanUp();
    process.exit(130);
  });
}

// The bundles under test are the shipped ones (`vscode:prepublish` builds the same way): the
// development build in dist/ keeps comments, some of them not ASCII, and V8 then holds the whole
// 3 MB server source as a two-byte string, 4 MB more than users' servers hold.
const bundles = join(dir, 'dist');
console.log('Building the production bundles...');
execFileSync(
  process.execPath,
  [join(ROOT, 'scripts', 'build.mjs'), '--production', `--outdir=${bundles}`],
  { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
);
const CLI = join(bundles, 'cli.cjs');
BenchServer.file = join(bundles, 'server.cjs');

/** Makes the CLI report its CPU time and peak memory (see `writeMemoryPreload`). */
const preload = writeMemoryPreload(dir);

/** " (N ms CPU)" when the CPU time is known. */
function cpuNote(cpuMs: number | undefined): string {
  return cpuMs === undefined ? '' : ` (${ms(cpuMs)} CPU)`;
}

/** Writes a generated input and returns its path. */
function input(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function haproxyFile(lines: number): string {
  return input(`haproxy-${lines}.cfg`, generateHaproxy(backendsForLines(lines)));
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
const scaling = (value: number): string => `${value.toFixed(2)}× ${value <= 2.2 ? 'pass' : 'FAIL'}`;

const report = new Report();

async function main(): Promise<void> {
  console.log(`inputs in ${dir}`);
  const files = new Map<number, string>(sizes.map((size) => [size.lines, haproxyFile(size.lines)]));
  const haproxyAvailable = answers(HAPROXY, ['-v']);

  if (wants('cli')) {
    console.log('\n1. halint against the daemons (alternately, median)');
    if (!haproxyAvailable) {
      report.note(`${HAPROXY} is not installed: the halint / haproxy -c ratio is skipped.`);
    }
    for (const size of sizes) {
      const file = files.get(size.lines) ?? '';
      const commands = [halint(CLI, preload, ['--haproxy-version', '2.6', file])];
      if (haproxyAvailable) {
        commands.push({ label: 'haproxy -c', command: HAPROXY, args: ['-c', '-f', file] });
      }
      // The floor under any Node implementation, next to the target it bounds.
      const floored = haproxyAvailable && size.lines === 75_000;
      if (floored) {
        commands.push({ label: 'word floor', command: process.execPath, args: [WORD_FLOOR, file] });
      }
      const [ours = [], theirs = [], floor = []] = alternate(commands, runs);
      const halintMs = medianWall(ours);
      const halintCpu = medianCpu(ours);
      if (!haproxyAvailable) {
        report.add({
          figure: 'halint wall',
          size: size.label,
          measured: ms(halintMs),
          target: '',
          verdict: 'haproxy not installed',
        });
        continue;
      }
      const check = runCommand(HAPROXY, ['-c', '-f', file]);
      if (check.status !== 0) {
        report.note(`haproxy -c rejects the ${size.label} input: ${check.output.slice(0, 300)}`);
      }
      const value = ratio(halintMs, medianWall(theirs));
      report.add({
        figure: 'halint wall vs haproxy -c 2.6',
        size: size.label,
        measured: `${ms(halintMs)}${cpuNote(halintCpu)} vs ${ms(medianWall(theirs))} (median of ${runs})`,
        target: size.lines === 75_000 ? '≤ 0.5×' : '',
        verdict:
          size.lines === 75_000
            ? `${value.toFixed(2)}× ${meets(value, 0.5)}`
            : `${value.toFixed(2)}×`,
      });
      if (floored) {
        report.add({
          figure:
            'floor: Node reading the file and finding its words, no tree, no check (`word-floor.mjs`), vs haproxy -c',
          size: size.label,
          measured: `${ms(medianWall(floor))} vs ${ms(medianWall(theirs))} (median of ${runs})`,
          target: '',
          verdict: `${ratio(medianWall(floor), medianWall(theirs)).toFixed(2)}× (reference)`,
        });
      }
    }
    keepalivedFigure();
  }

  if (wants('startup')) {
    console.log('\n2. halint on a 2-line file');
    const small = input('haproxy-small.cfg', 'defaults\n  mode http\n');
    const [ours = [], node = []] = alternate(
      [
        halint(CLI, preload, [small]),
        { label: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
      ],
      Math.max(runs, 5),
    );
    report.add({
      figure: 'halint on a 2-line file',
      size: '2 lines',
      measured: `${ms(medianWall(ours))}${cpuNote(medianCpu(ours))}`,
      target: '≤ 150 ms',
      verdict: meets(medianWall(ours), 150),
    });
    report.add({
      figure: '`node -e 0` (reference)',
      size: '',
      measured: ms(medianWall(node)),
      target: '',
      verdict: '',
    });
  }

  const sessions = new Map<number, HaproxyFigures>();
  if (wants('server') || wants('scaling')) {
    console.log('\n3–7. the language server, per size');
    for (const size of sizes) {
      if (!wants('server') && size.lines !== 15_000) continue;
      const heavy = size.lines === 75_000 || (quick && size.lines === 15_000);
      const figures = await haproxySession(files.get(size.lines) ?? '', {
        requests,
        edits,
        heavy,
        heavyRuns: quick ? 3 : 5,
      });
      sessions.set(size.lines, figures);
      if (wants('server')) serverRows(size.label, size.lines, figures);
    }
  }

  if (wants('cluster') || wants('scaling')) {
    console.log('\n8. the 10-node cluster');
    const cluster = await clusterSession(writeClusterInput(10), quick ? 10 : 20, requests);
    const hover = cpuPercentiles(cluster.hover).p95;
    const hoverWall = percentile(
      cluster.hover.map((run) => run.wallMs),
      95,
    );
    const re = cpuPercentiles(cluster.reanalysis);
    if (wants('cluster')) {
      report.add({
        figure: 'hover p95 on a VRRP instance, CPU (wall)',
        size: '10-node cluster',
        measured: `${ms(hover)} (${ms(hoverWall)})`,
        target: '≤ 2 ms',
        verdict: meets(hover, 2),
      });
      report.add({
        figure: 'cluster re-analysis after an edit, CPU p50 / p95 (all threads)',
        size: '10-node cluster',
        measured: `${ms(re.p50)} / ${ms(re.p95)} (${ms(re.allP50)} / ${ms(re.allP95)})`,
        target: '',
        verdict: 'reference (issue: 13–21 ms)',
      });
    }
    if (wants('scaling')) {
      const doubled = await clusterSession(writeClusterInput(20), quick ? 10 : 20, 0);
      const re2 = cpuPercentiles(doubled.reanalysis);
      report.add({
        figure: 'scaling: cluster re-analysis CPU p50, 10 → 20 nodes',
        size: '10 → 20 nodes',
        measured: `${ms(re.p50)} → ${ms(re2.p50)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(re2.p50, re.p50)),
      });
      report.add({
        figure: 'scaling: server RSS after the cluster analysis',
        size: '10 → 20 nodes',
        measured: `${mb(cluster.rssMb)} → ${mb(doubled.rssMb)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(doubled.rssMb, cluster.rssMb)),
      });
    }
  }

  if (wants('gc')) {
    console.log('\n9. garbage collection in a CLI run');
    const largest = sizes.at(-1) ?? SIZES[0];
    const gc = gcShare(
      CLI,
      ['--haproxy-version', '2.6', files.get(largest.lines) ?? ''],
      dir,
      GC_RUNS,
    );
    const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
    report.add({
      figure:
        'GC share of a halint run (main-thread "(garbage collector)" samples of `node --cpu-prof`)',
      size: largest.label,
      measured: `${percent(gc.share)} of ${ms(gc.totalMs)} (median of ${GC_RUNS}; ${percent(gc.lowest)}–${percent(gc.highest)})`,
      target: '< 10%',
      verdict: gc.share < 0.1 ? 'met' : `NOT met (${(gc.share / 0.1).toFixed(1)}× the target)`,
    });
  }

  if (wants('scaling')) {
    console.log('\n10. scaling: the input doubled');
    const base = sessions.get(15_000);
    if (base) {
      const doubled = await haproxySession(haproxyFile(30_000), {
        requests: 0,
        edits: quick ? 10 : 20,
        heavy: false,
        heavyRuns: 0,
      });
      const a = cpuPercentiles(base.edits).p50;
      const b = cpuPercentiles(doubled.edits).p50;
      report.add({
        figure: 'scaling: edit CPU p50',
        size: '15k → 30k lines',
        measured: `${ms(a)} → ${ms(b)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(b, a)),
      });
      report.add({
        figure: 'scaling: server RSS after opening',
        size: '15k → 30k lines',
        measured: `${mb(base.rssOpenMb)} → ${mb(doubled.rssOpenMb)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(doubled.rssOpenMb, base.rssOpenMb)),
      });
      report.add({
        figure: 'scaling: server RSS after the edits',
        size: '15k → 30k lines',
        measured: `${mb(base.rssEditedMb)} → ${mb(doubled.rssEditedMb)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(doubled.rssEditedMb, base.rssEditedMb)),
      });
      report.add({
        figure: 'scaling: references of a backend, CPU median',
        size: '15k → 30k lines',
        measured: `${ms(base.referencesCpuMs)} → ${ms(doubled.referencesCpuMs)}`,
        target: '≤ 2.2×',
        verdict: scaling(ratio(doubled.referencesCpuMs, base.referencesCpuMs)),
      });
    }
    const [small, large] = quick ? [7_500, 15_000] : [37_500, 75_000];
    const smallFile = files.get(small) ?? haproxyFile(small);
    const largeFile = files.get(large) ?? haproxyFile(large);
    const cliRuns = quick ? 1 : 3;
    const x = cliWithMemory(CLI, preload, ['--haproxy-version', '2.6', smallFile], cliRuns);
    const y = cliWithMemory(CLI, preload, ['--haproxy-version', '2.6', largeFile], cliRuns);
    const label = `${small / 1000}k → ${large / 1000}k lines`;
    report.add({
      figure: 'scaling: halint CPU (wall)',
      size: label,
      measured: `${ms(x.cpuMs)} → ${ms(y.cpuMs)} (${ms(x.wallMs)} → ${ms(y.wallMs)})`,
      target: '≤ 2.2×',
      verdict: scaling(ratio(y.cpuMs, x.cpuMs)),
    });
    report.add({
      figure: 'scaling: halint peak RSS',
      size: label,
      measured: `${mb(x.peakMb)} → ${mb(y.peakMb)}`,
      target: '≤ 2.2×',
      verdict: scaling(ratio(y.peakMb, x.peakMb)),
    });
  }
}

function serverRows(label: string, lines: number, figures: HaproxyFigures): void {
  const edit = cpuPercentiles(figures.edits);
  const editTarget: [number, number] | undefined =
    lines === 15_000 ? [30, 60] : lines === 75_000 ? [60, 120] : undefined;
  report.add({
    figure: 'server CPU per one-character edit, p50 / p95 (all threads)',
    size: label,
    measured: `${ms(edit.p50)} / ${ms(edit.p95)} (${ms(edit.allP50)} / ${ms(edit.allP95)}); ${figures.edits.length} edits`,
    target: editTarget ? `≤ ${editTarget[0]} / ${editTarget[1]} ms` : '',
    verdict: editTarget
      ? edit.p50 <= editTarget[0] && edit.p95 <= editTarget[1]
        ? 'met'
        : `NOT met (${(edit.p50 / editTarget[0]).toFixed(1)}× / ${(edit.p95 / editTarget[1]).toFixed(1)}×)`
      : '',
  });
  const completion = cpuPercentiles(figures.completion).p95;
  const completionWall = percentile(
    figures.completion.map((run) => run.wallMs),
    95,
  );
  report.add({
    figure: 'completion p95 in a backend, CPU (wall)',
    size: label,
    measured: `${ms(completion)} (${ms(completionWall)})`,
    target: '≤ 20 ms',
    verdict: meets(completion, 20),
  });
  const hoverWall = percentile(
    figures.hover.map((run) => run.wallMs),
    95,
  );
  const hover = cpuPercentiles(figures.hover).p95;
  report.add({
    figure: 'hover p95 on a backend name, CPU (wall)',
    size: label,
    measured: `${ms(hover)} (${ms(hoverWall)})`,
    target: '≤ 2 ms',
    verdict: meets(hover, 2),
  });
  // The verdicts read the RSS at once, as the issue measured it; the quiet readings beside them
  // show what the server holds a moment later, once its garbage is collected.
  const short = `${QUIET_SHORT_MS / 1000} s`;
  report.add({
    figure: `server RSS after opening: at once / after ${short} quiet`,
    size: label,
    measured: `${mb(figures.rssOpenMb)} / ${mb(figures.rssOpenQuietMb)} (open: ${ms(figures.openCpuMs)} CPU)`,
    target: lines === 75_000 ? '≤ 200 MB at once' : '',
    verdict: lines === 75_000 ? meets(figures.rssOpenMb, 200) : '',
  });
  report.add({
    figure:
      `server RSS after ${figures.edits.length} edits: at once / after ${short} / ` +
      `${QUIET_LONG_MS / 1000} s quiet; peak (VmHWM)`,
    size: label,
    measured:
      `${mb(figures.rssEditedMb)} / ${mb(figures.rssEditedQuietMb)} / ` +
      `${mb(figures.rssEditedLongQuietMb)}; ${mb(figures.peakMb)}`,
    target: lines === 75_000 ? '≤ 250 MB at once' : '',
    verdict: lines === 75_000 ? meets(figures.rssEditedMb, 250) : '',
  });
  if (figures.symbolBytes !== undefined) {
    const megabytes = figures.symbolBytes / 1e6;
    report.add({
      figure: 'documentSymbol response (JSON)',
      size: label,
      measured: `${megabytes.toFixed(1)} MB`,
      target: lines === 75_000 ? '≤ 2 MB' : '',
      verdict: lines === 75_000 ? meets(megabytes, 2) : '',
    });
  }
  if (figures.semanticCpuMs !== undefined && figures.formattingCpuMs !== undefined) {
    const big = lines === 75_000;
    report.add({
      figure: 'semantic tokens (full), CPU median',
      size: label,
      measured: ms(figures.semanticCpuMs),
      target: big ? '≤ 150 ms' : '',
      verdict: big ? meets(figures.semanticCpuMs, 150) : '',
    });
    report.add({
      figure: 'formatting, CPU median',
      size: label,
      measured: ms(figures.formattingCpuMs),
      target: big ? '≤ 150 ms' : '',
      verdict: big ? meets(figures.formattingCpuMs, 150) : '',
    });
  }
}

function writeClusterInput(nodes: number): string {
  const folder = join(dir, `cluster-${nodes}`);
  writeCluster(folder, nodes);
  return folder;
}

/** `keepalived -t` against halint on the 500-instance file, when keepalived can run here. */
function keepalivedFigure(): void {
  const file = input('keepalived.conf', generateKeepalived(500));
  const size = '500 VRRP instances';
  if (!answers(KEEPALIVED, ['-v'])) {
    report.note(`${KEEPALIVED} is not installed: the halint / keepalived -t ratio is skipped.`);
    return;
  }
  const made = Netns.create(`halint-bench-${process.pid}`);
  if (typeof made === 'string') {
    report.note(
      `keepalived -t needs a network namespace (root and ip): ${made}; the ratio is skipped.`,
    );
    return;
  }
  netns = made;
  try {
    const check = made.keepalivedCheck(KEEPALIVED, file);
    const probe = runCommand(check.command, check.args);
    if (probe.status !== 0) {
      report.note(`keepalived -t rejects the ${size} input: ${probe.output.slice(0, 300)}`);
    }
    const [ours = [], theirs = []] = alternate(
      [halint(CLI, preload, ['--keepalived-version', '2.2', file]), check],
      runs,
    );
    const value = ratio(medianWall(ours), medianWall(theirs));
    report.add({
      figure: 'halint wall vs keepalived -t 2.2 (in a network namespace)',
      size,
      measured: `${ms(medianWall(ours))}${cpuNote(medianCpu(ours))} vs ${ms(medianWall(theirs))} (median of ${runs})`,
      target: '',
      verdict: `${value.toFixed(1)}×`,
    });
  } finally {
    made.delete();
    netns = undefined;
  }
}

try {
  await main();
  if (out !== undefined) await report.write(out, options);
  else {
    console.log(
      `\n${report.markdown(options)}\n(partial run: no file written; --out FILE writes one)`,
    );
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  cleanUp();
}
