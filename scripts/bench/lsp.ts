/**
 * The benchmark's LSP client: the built server (`server.cjs --stdio` with VS Code's V8 flags,
 * started by the tests' harness) and what the kernel says about its process. CPU time comes from
 * `/proc/<pid>/task/<tid>/schedstat` (first field: nanoseconds on a CPU), so that a figure does
 * not grow when other processes share the machine; wall time is kept beside it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../../client/src/server-options.js';
import { LspTestClient } from '../../test/helpers/lsp-harness.js';
import { distFile } from '../../test/helpers/paths.js';

/** Longest wait for any one answer or notification; only reached when something is broken. */
export const DEADLINE_MS = 120_000;

/** Nanoseconds a task of `pid` spent on a CPU, or 0 when it has gone. */
function taskNs(pid: number, tid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
    return Number(fields[0] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU time of a process so far: its main thread, and all its threads together. */
export interface CpuReading {
  readonly mainNs: number;
  readonly allNs: number;
}

/** Reads the CPU time of `pid`'s main thread and of all its threads. */
export function readCpu(pid: number): CpuReading {
  let allNs = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) allNs += taskNs(pid, tid);
  } catch {
    // The process is gone; the caller notices when the server's exit is reported.
  }
  return { mainNs: taskNs(pid, pid), allNs };
}

/** One measured piece of work: CPU of the main thread, of all threads, and wall time, in ms. */
export interface Measured {
  readonly cpuMs: number;
  readonly allCpuMs: number;
  readonly wallMs: number;
}

/** Resident memory of `pid` in MB: now (VmRSS) and the peak so far (VmHWM). */
export function readMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** A running server and the measuring around it. */
export class BenchServer {
  /** The server bundle to start (the benchmark builds its own; the tests' one by default). */
  static file = distFile('server.cjs');

  /** Servers not yet disposed, killed by {@link killAll} when the benchmark is interrupted. */
  private static readonly live = new Set<BenchServer>();

  private constructor(readonly client: LspTestClient) {
    BenchServer.live.add(this);
  }

  /** Kills every server still running (on an interrupt or an uncaught error). */
  static killAll(): void {
    for (const server of BenchServer.live) {
      if (server.client.running) server.client.child.kill('SIGKILL');
    }
    BenchServer.live.clear();
  }

  /** Starts the server over stdio and initializes it, with `folders` as workspace folders. */
  static async start(folders: readonly string[] = []): Promise<BenchServer> {
    // HALINT_BENCH_PROFILE=<folder> writes a V8 CPU profile of each server (at its shutdown).
    const profile = process.env['HALINT_BENCH_PROFILE'];
    const client =
      profile === undefined || profile === ''
        ? LspTestClient.stdio(SERVER_NODE_FLAGS, BenchServer.file, SERVER_ENVIRONMENT)
        : LspTestClient.command(
            [
              // `env` runs Node in its own place (the shell's `exec` keeps one process).
              'env',
              ...Object.entries(SERVER_ENVIRONMENT).map(([name, value]) => `${name}=${value}`),
              process.execPath,
              ...SERVER_NODE_FLAGS,
              '--cpu-prof',
              `--cpu-prof-dir=${profile}`,
              BenchServer.file,
            ]
              .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
              .concat('--stdio')
              .join(' '),
          );
    const server = new BenchServer(client);
    try {
      await withDeadline(
        client.initialize({
          rootUri: folders[0] ?? null,
          workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
          capabilities: {
            textDocument: {
              documentSymbol: { hierarchicalDocumentSymbolSupport: true },
              publishDiagnostics: { versionSupport: true },
            },
            workspace: { workspaceFolders: true, configuration: true },
          },
        }),
        'initialize',
      );
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  get pid(): number {
    const pid = this.client.child.pid;
    if (pid === undefined) throw new Error('the server has no process id');
    return pid;
  }

  /** Runs `work` and returns what it cost the server, with the work's own result. */
  async measure<T>(work: () => Promise<T>): Promise<Measured & { result: T }> {
    const before = readCpu(this.pid);
    const start = performance.now();
    const result = await work();
    const wallMs = performance.now() - start;
    const after = readCpu(this.pid);
    return {
      cpuMs: (after.mainNs - before.mainNs) / 1e6,
      allCpuMs: (after.allNs - before.allNs) / 1e6,
      wallMs,
      result,
    };
  }

  /** Sends a request, failing after {@link DEADLINE_MS}. */
  request<T>(method: string, params: unknown): Promise<T> {
    return withDeadline(this.client.connection.sendRequest<T>(method, params), method);
  }

  /**
   * Waits until the server has been idle (its main thread used under 2 ms of CPU in each of
   * four 100 ms windows), so that late work (debounced validation, the cluster analysis) is not
   * counted in the next measurement.
   */
  async settle(deadlineMs = DEADLINE_MS): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    let quiet = 0;
    let last = readCpu(this.pid).mainNs;
    while (quiet < 4) {
      if (Date.now() > deadline) throw new Error('the server never went idle');
      if (!this.client.running) throw new Error(`the server exited: ${this.client.errorOutput}`);
      await delay(100);
      const now = readCpu(this.pid).mainNs;
      quiet = now - last < 2e6 ? quiet + 1 : 0;
      last = now;
    }
  }

  /** Waits for diagnostics of `uri` published for `version`. */
  async diagnosticsOf(uri: string, version: number): Promise<void> {
    await this.client.waitFor(
      () =>
        this.client.history(uri).some((entry) => entry.version === version) ? true : undefined,
      `diagnostics of ${uri} version ${version}`,
      DEADLINE_MS,
    );
  }

  /** Ends the server, whatever state it is in (it is killed if it does not exit in time). */
  async dispose(): Promise<void> {
    BenchServer.live.delete(this);
    if (this.client.running) {
      try {
        await withDeadline(this.client.shutdownAndExit(), 'shutdown', 5_000);
      } catch {
        // Killed below.
      }
    }
    await withDeadline(this.client.dispose(), 'kill', 10_000).catch(() => {
      this.client.child.kill('SIGKILL');
    });
  }
}

/** `promise`, or a rejection naming `what` after `ms`. */
export async function withDeadline<T>(
  promise: Promise<T>,
  what: string,
  ms = DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
