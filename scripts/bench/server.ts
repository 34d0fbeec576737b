/**
 * The language server's figures: one session per input, driven as an editor drives it (open,
 * completion, hover, references, outline, semantic tokens, formatting, then typing), each request
 * measured in server CPU and wall time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { BenchServer, readMemory, type Measured } from './lsp.js';
import { median, percentile } from './report.js';

/** What one HAProxy session measured. */
export interface HaproxyFigures {
  readonly openCpuMs: number;
  readonly rssOpenMb: number;
  /** RSS once the server has been quiet for {@link QUIET_SHORT_MS} after opening. */
  readonly rssOpenQuietMb: number;
  readonly completion: Measured[];
  readonly hover: Measured[];
  /** Median CPU of `textDocument/references` on a backend, ms. */
  readonly referencesCpuMs: number;
  readonly symbolBytes: number | undefined;
  readonly semanticCpuMs: number | undefined;
  readonly formattingCpuMs: number | undefined;
  readonly edits: Measured[];
  /** RSS as soon as the last edit's diagnostics are in and the server is idle. */
  readonly rssEditedMb: number;
  /** The same after {@link QUIET_SHORT_MS} and {@link QUIET_LONG_MS} of quiet. */
  readonly rssEditedQuietMb: number;
  readonly rssEditedLongQuietMb: number;
  readonly peakMb: number;
}

/**
 * How long the session stays quiet before reading the RSS again. After a burst of work the
 * server collects its garbage in the first pause (`lsp/idle-collector.ts`), and V8's own
 * memory reducer hands freed pages back to the system some ten seconds later: the three readings
 * show what the editor's machine sees while typing, a moment after, and once the user reads.
 */
export const QUIET_SHORT_MS = 2_000;
export const QUIET_LONG_MS = 12_000;

/** What a session does besides opening the file and editing it. */
export interface SessionPlan {
  /** Completion and hover requests each. */
  readonly requests: number;
  readonly edits: number;
  /** Outline, semantic tokens and formatting too (the large file only). */
  readonly heavy: boolean;
  /** Runs of each heavy request, the median kept. */
  readonly heavyRuns: number;
}

/** Line numbers (0-based) of each `backend be_N` header, by N. */
function backendLines(lines: readonly string[]): number[] {
  const found: number[] = [];
  lines.forEach((line, i) => {
    const match = /^backend be_(\d+)$/.exec(line);
    if (match) found[Number(match[1])] = i;
  });
  return found;
}

/** Measures one generated `haproxy.cfg` (see `generateHaproxy`) in a fresh server. */
export async function haproxySession(file: string, plan: SessionPlan): Promise<HaproxyFigures> {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const backends = backendLines(lines);
  const count = backends.length;
  const middle = Math.floor(count / 2);
  const uri = pathToFileURL(file).href;
  const textDocument = { uri };
  const at = (i: number): number => backends[(middle + i) % count] ?? 0;
  const server = await BenchServer.start();
  try {
    const open = await server.measure(async () => {
      await server.client.open(uri, 'haproxy', text, 1);
      await server.diagnosticsOf(uri, 1);
    });
    await server.settle();
    const rssOpenMb = readMemory(server.pid).rssMb;
    await delay(QUIET_SHORT_MS);
    const rssOpenQuietMb = readMemory(server.pid).rssMb;

    const completion: Measured[] = [];
    for (let i = 0; i < plan.requests; i++) {
      // After "  ba" of the `balance` line: the keywords a backend takes.
      const position = { line: at(i) + 1, character: 4 };
      completion.push(
        await server.measure(() =>
          server.request('textDocument/completion', { textDocument, position }),
        ),
      );
    }
    const useLines = new Map<number, number>();
    lines.forEach((line, i) => {
      const match = /^ {2}use_backend be_(\d+) /.exec(line);
      if (match) useLines.set(Number(match[1]), i);
    });
    const hover: Measured[] = [];
    for (let i = 0; i < plan.requests; i++) {
      const target = (middle + i) % count;
      // On the backend's name in its `use_backend` rule.
      const position = { line: useLines.get(target) ?? 0, character: 16 };
      hover.push(
        await server.measure(() =>
          server.request('textDocument/hover', { textDocument, position }),
        ),
      );
    }
    const references: number[] = [];
    for (let i = 0; i < 11; i++) {
      const position = { line: at(i), character: 10 };
      const run = await server.measure(() =>
        server.request<unknown[]>('textDocument/references', {
          textDocument,
          position,
          context: { includeDeclaration: true },
        }),
      );
      if (!Array.isArray(run.result) || run.result.length < 2) {
        throw new Error(
          `references of a backend found ${JSON.stringify(run.result)?.slice(0, 200)}`,
        );
      }
      references.push(run.cpuMs);
    }

    let symbolBytes: number | undefined;
    let semanticCpuMs: number | undefined;
    let formattingCpuMs: number | undefined;
    if (plan.heavy) {
      const symbols = await server.measure(() =>
        server.request<unknown>('textDocument/documentSymbol', { textDocument }),
      );
      symbolBytes = Buffer.byteLength(JSON.stringify(symbols.result));
      await server.settle();
      const semantic: number[] = [];
      const formatting: number[] = [];
      for (let i = 0; i < plan.heavyRuns; i++) {
        semantic.push(
          (
            await server.measure(() =>
              server.request('textDocument/semanticTokens/full', { textDocument }),
            )
          ).cpuMs,
        );
        formatting.push(
          (
            await server.measure(() =>
              server.request('textDocument/formatting', {
                textDocument,
                options: { tabSize: 2, insertSpaces: true },
              }),
            )
          ).cpuMs,
        );
      }
      semanticCpuMs = median(semantic);
      formattingCpuMs = median(formatting);
      await server.settle();
    }

    const edits: Measured[] = [];
    for (let i = 0; i < plan.edits; i++) {
      const version = i + 2;
      // One character typed after "  server s5" of a backend in the middle: each edit on its own
      // line, so that the positions worked out from the original text stay right.
      const position = { line: at(i) + 9, character: 11 };
      edits.push(
        await server.measure(async () => {
          await server.client.change(uri, version, [
            { range: { start: position, end: position }, text: 'x' },
          ]);
          await server.diagnosticsOf(uri, version);
        }),
      );
      await server.settle();
    }
    const memory = readMemory(server.pid);
    await delay(QUIET_SHORT_MS);
    const rssEditedQuietMb = readMemory(server.pid).rssMb;
    await delay(QUIET_LONG_MS - QUIET_SHORT_MS);
    const rssEditedLongQuietMb = readMemory(server.pid).rssMb;
    return {
      openCpuMs: open.cpuMs,
      rssOpenMb,
      rssOpenQuietMb,
      completion,
      hover,
      referencesCpuMs: median(references),
      symbolBytes,
      semanticCpuMs,
      formattingCpuMs,
      edits,
      rssEditedMb: memory.rssMb,
      rssEditedQuietMb,
      rssEditedLongQuietMb,
      peakMb: memory.peakMb,
    };
  } finally {
    await server.dispose();
  }
}

/** What the cluster session measured. */
export interface ClusterFigures {
  readonly hover: Measured[];
  /** From an edit of lb1's keepalived.conf to the republished diagnostics of lb2's. */
  readonly reanalysis: Measured[];
  readonly rssMb: number;
}

/**
 * Opens lb1's keepalived.conf of a generated cluster (see `writeCluster`) with the cluster's folder
 * as the workspace, then toggles lb1's VI_1 priority between its own and lb2's, which makes and
 * clears a priority clash reported on lb2's file: each edit must republish lb2's diagnostics.
 */
export async function clusterSession(
  dir: string,
  edits: number,
  hovers: number,
): Promise<ClusterFigures> {
  const lb1 = join(dir, 'lb1', 'keepalived.conf');
  const lb2 = pathToFileURL(join(dir, 'lb2', 'keepalived.conf')).href;
  const uri = pathToFileURL(lb1).href;
  const text = readFileSync(lb1, 'utf8');
  const lines = text.split('\n');
  const instanceLine = lines.indexOf('vrrp_instance VI_1 {');
  const priorityLine = lines.findIndex(
    (line, i) => i > instanceLine && line.trim().startsWith('priority '),
  );
  if (instanceLine < 0 || priorityLine < 0) {
    throw new Error('the cluster input has no VI_1 priority');
  }
  const server = await BenchServer.start([pathToFileURL(dir).href]);
  try {
    await server.client.open(uri, 'keepalived', text, 1);
    await server.diagnosticsOf(uri, 1);
    await server.client.waitFor(
      () => (server.client.latest(lb2) ? true : undefined),
      'the cluster analysis of lb2',
    );
    await server.settle();
    const hover: Measured[] = [];
    for (let i = 0; i < hovers; i++) {
      // On the instance's name: the group's election across the nodes.
      const position = { line: instanceLine, character: 16 };
      hover.push(
        await server.measure(() =>
          server.request('textDocument/hover', { textDocument: { uri }, position }),
        ),
      );
    }
    const reanalysis: Measured[] = [];
    const priorityText = lines[priorityLine] ?? '';
    const start = { line: priorityLine, character: priorityText.indexOf('priority ') + 9 };
    const end = { line: priorityLine, character: start.character + 3 };
    for (let i = 0; i < edits; i++) {
      const published = server.client.history(lb2).length;
      const value = i % 2 === 0 ? '195' : '200';
      reanalysis.push(
        await server.measure(async () => {
          await server.client.change(uri, i + 2, [{ range: { start, end }, text: value }]);
          await server.client.waitFor(
            () => (server.client.history(lb2).length > published ? true : undefined),
            `lb2's diagnostics after edit ${i + 1}`,
            30_000,
          );
        }),
      );
      await server.settle();
    }
    return { hover, reanalysis, rssMb: readMemory(server.pid).rssMb };
  } finally {
    await server.dispose();
  }
}

/** p50 and p95 of the CPU of `runs`. */
export function cpuPercentiles(runs: readonly Measured[]): {
  p50: number;
  p95: number;
  allP50: number;
  allP95: number;
} {
  const cpu = runs.map((run) => run.cpuMs);
  const all = runs.map((run) => run.allCpuMs);
  return {
    p50: percentile(cpu, 50),
    p95: percentile(cpu, 95),
    allP50: percentile(all, 50),
    allP95: percentile(all, 95),
  };
}
