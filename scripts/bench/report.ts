/**
 * The benchmark's table: one row per figure and size, printed as it is measured and written at
 * the end to `bench/results.md` with the machine it ran on.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import * as prettier from 'prettier';

/** Median of `values` (0 for none). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The `p`th percentile of `values` (nearest rank; 0 for none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

/** Milliseconds, rounded to what the figure can tell. */
export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en')} ms`;
}

/** Megabytes with one decimal below 10. */
export function mb(value: number): string {
  return value < 10 ? `${value.toFixed(1)} MB` : `${Math.round(value).toLocaleString('en')} MB`;
}

/** One line of the table. */
export interface Row {
  readonly figure: string;
  /** Input size, e.g. "75k lines". */
  readonly size: string;
  readonly measured: string;
  /** The issue's target, or "" when the row is for reference. */
  readonly target: string;
  /** "met", "NOT met", a ratio with a mark, or a reason the figure is missing. */
  readonly verdict: string;
}

/** Verdict of a figure against an upper bound. */
export function meets(value: number, limit: number): string {
  return value <= limit ? 'met' : `NOT met (${(value / limit).toFixed(1)}× the target)`;
}

/** Collects the rows and the conditions of the run. */
export class Report {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];
  private readonly loadBefore = loadavg();
  private readonly started = new Date();

  add(row: Row): void {
    this.rows.push(row);
    console.log(
      `  ${row.figure} [${row.size}]: ${row.measured}${row.target ? ` (target ${row.target}: ${row.verdict})` : row.verdict ? ` (${row.verdict})` : ''}`,
    );
  }

  /** A sentence printed now and kept under the table (a skipped daemon, a failed figure). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  /** The table and its context as Markdown. */
  markdown(options: string): string {
    const loadAfter = loadavg();
    const cpu = cpus();
    const model = cpuModel() ?? cpu[0]?.model ?? 'unknown CPU';
    const load = (values: number[]): string => values.map((v) => v.toFixed(2)).join(' / ');
    const cell = (text: string): string => text.replaceAll('|', '\\|');
    const lines = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench${options ? ` -- ${options}` : ''}\` (see README, "Benchmarks").`,
      '',
      `- Date: ${this.started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${model}, ${cpu.length} cores`,
      `- Load average (1 / 5 / 15 min): ${load(this.loadBefore)} before, ${load(loadAfter)} after`,
      `- Node ${process.version}`,
      '',
      'CPU figures are the server\'s main thread (from `/proc/<pid>/task/<pid>/schedstat`); "all',
      "threads\" adds the garbage collector's and the compiler's helper threads. Wall times depend on",
      'the load above; CPU times much less.',
      '',
      '| Figure | Size | Measured | Target | Ratio / met? |',
      '|---|---|---|---|---|',
      ...this.rows.map(
        (row) =>
          `| ${cell(row.figure)} | ${cell(row.size)} | ${cell(row.measured)} | ${cell(row.target)} | ${cell(row.verdict)} |`,
      ),
      '',
    ];
    if (this.notes.length > 0) lines.push('Notes:', '', ...this.notes.map((n) => `- ${n}`), '');
    return lines.join('\n');
  }

  /** Prints the table and writes it to `path`, formatted as the project's Prettier would. */
  async write(path: string, options: string): Promise<void> {
    const config = (await prettier.resolveConfig(path)) ?? {};
    const text = await prettier.format(this.markdown(options), { ...config, filepath: path });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`\n${text}`);
    console.log(`written to ${path}`);
  }
}

/** The CPU's model name from /proc/cpuinfo (Node's can be empty on some virtual machines). */
function cpuModel(): string | undefined {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
  } catch {
    return undefined;
  }
}
