/**
 * Runs a daemon's own check on a node's files and turns what it prints into issues: `haproxy -c`
 * with every file of the node, `keepalived -t` inside a private network namespace holding the
 * interfaces the configuration names (when this process may create one), locally, in a container
 * or on the node itself over SSH. Commands are argument arrays handed to `spawn`, never a shell
 * string; every run has a timeout and an output cap, and the caller can cancel it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import {
  commonFolder,
  expandCommand,
  keepalivedInterfaces,
  presetCheck,
  type CheckCommand,
  type CommandValues,
  type DaemonPreset,
} from '../../core/daemons/commands.js';
import {
  parseHaproxyOutput,
  parseKeepalivedOutput,
  parseKeepalivedVersion,
  type DaemonName,
} from '../../core/daemons/output.js';
import { placeFindings, type CheckedFile, type PathMapping } from '../../core/daemons/place.js';
import type { Issue } from '../../core/common/issue.js';

/** Where the daemon runs: a preset, or a command line from the user's own settings or flags. */
export type CheckRunner =
  | { readonly preset: Exclude<DaemonPreset, 'ssh'> }
  | {
      readonly preset: 'ssh';
      readonly destination: string;
      readonly sshOptions?: readonly string[];
    }
  | { readonly command: readonly string[]; readonly mappings?: readonly PathMapping[] };

/** One check of one node's files for one daemon. */
interface CheckRequest {
  readonly daemon: DaemonName;
  /** The node's files for this daemon, in load order; the first is the main file. */
  readonly files: readonly CheckedFile[];
  readonly runner: CheckRunner;
  /** The user's path mappings, tried after the runner's own (a container's mount, a copy's folder). */
  readonly mappings?: readonly PathMapping[];
  /** Target version from the settings (`3.0`), for image tags. */
  readonly version: string;
  /** Keepalived's config-id for the node; the node's name. */
  readonly configId?: string;
  /** Values for `${VAR}` / `$NAME` the files leave to the environment (local runs only). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
  /** Cancels the run (a newer save of the same node). */
  readonly signal?: AbortSignal;
}

/** What a check gave. */
export interface CheckOutcome {
  readonly issues: Issue[];
  /** The daemon's version when it said it. */
  readonly version?: string;
  /** Why the check said nothing about the files, or a caveat about what it said. */
  readonly note?: string;
  /** The command that ran, for the output channel and reports. */
  readonly argv: readonly string[];
  readonly exitCode: number | null;
}

/** The default timeout: a check that takes longer is stuck on a name lookup or a crash. */
export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_OUTPUT = 1 << 20;

interface RawRun {
  readonly output: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly missing: boolean;
  readonly cancelled: boolean;
  readonly failure?: string;
}

/** Runs `argv` with stdout and stderr merged, bounded in time and output. */
function runBounded(
  argv: readonly string[],
  options: {
    cwd?: string;
    timeoutMs: number;
    maxOutputBytes: number;
    signal?: AbortSignal;
    input?: string;
    env?: Readonly<Record<string, string>>;
  },
): Promise<RawRun> {
  return new Promise((resolve) => {
    const [program, ...args] = argv;
    if (program === undefined) {
      resolve({
        output: '',
        exitCode: null,
        signal: null,
        timedOut: false,
        truncated: false,
        missing: true,
        cancelled: false,
      });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let cancelled = false;
    const child = spawn(program, args, {
      cwd: options.cwd,
      ...(options.env !== undefined ? { env: { ...process.env, ...options.env } } : {}),
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout also stops whatever the command started.
      detached: true,
    });
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const collect = (chunk: Buffer): void => {
      if (size >= options.maxOutputBytes) {
        truncated = true;
        return;
      }
      chunks.push(chunk.subarray(0, options.maxOutputBytes - size));
      size += Math.min(chunk.length, options.maxOutputBytes - size);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const abort = (): void => {
      cancelled = true;
      kill();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    let failure: NodeJS.ErrnoException | undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure = error;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve({
        output: Buffer.concat(chunks).toString('utf8'),
        exitCode: code,
        signal,
        timedOut,
        truncated,
        missing: failure?.code === 'ENOENT',
        cancelled,
        ...(failure !== undefined && failure.code !== 'ENOENT' ? { failure: failure.message } : {}),
      });
    });
  });
}

/** The node's environment for a local run, when it has one. */
function envOf(request: CheckRequest): { env?: Readonly<Record<string, string>> } {
  return request.env !== undefined ? { env: request.env } : {};
}

/** Why a run said nothing useful, in one sentence, or undefined when it ran to its end. */
function runProblem(run: RawRun, argv: readonly string[], timeoutMs: number): string | undefined {
  const program = argv[0] ?? '';
  if (run.missing) return `${program} was not found: install it or set the check command.`;
  if (run.failure !== undefined) return `${program} could not be started: ${run.failure}`;
  if (run.cancelled) return `the check was cancelled by a newer one.`;
  if (run.timedOut) {
    return `${program} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`;
  }
  if (run.signal !== null) {
    return `${program} was killed by ${run.signal}; its findings may be incomplete.`;
  }
  return undefined;
}

/** Programs that run the check somewhere else than on this machine's interfaces. */
const ELSEWHERE: ReadonlySet<string> = new Set(['docker', 'podman', 'ssh', 'kubectl']);

let namespaceCount = 0;

/** Whether this process may create network namespaces (root, with `ip` installed). */
function canUseNamespace(): boolean {
  return (
    process.getuid?.() === 0 &&
    ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some(existsSync)
  );
}

async function inNamespace<T>(
  interfaces: readonly string[],
  body: (ns: string) => Promise<T>,
): Promise<T> {
  const ns = `hlchk${process.pid}-${namespaceCount++}`;
  const ip = (args: string[]): Promise<RawRun> =>
    runBounded(['ip', ...args], { timeoutMs: 10_000, maxOutputBytes: 64 * 1024 });
  await ip(['netns', 'add', ns]);
  try {
    await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    let peer = 0;
    for (const name of interfaces) {
      await ip(['-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', `hlp${peer++}`]);
      await ip(['-n', ns, 'link', 'set', name, 'up']);
    }
    return await body(ns);
  } finally {
    await ip(['netns', 'delete', ns]);
  }
}

/** Single-quotes an argument for the remote shell ssh hands its command to. */
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function viaSsh(
  request: CheckRequest,
  runner: { destination: string; sshOptions?: readonly string[] },
  nodeDir: string,
  bounds: { timeoutMs: number; maxOutputBytes: number; signal?: AbortSignal },
): Promise<{ run: RawRun; command: CheckCommand }> {
  const ssh = ['ssh', '-o', 'BatchMode=yes', ...(runner.sshOptions ?? []), runner.destination];
  const remote = (args: string[], input?: string): Promise<RawRun> =>
    runBounded([...ssh, args.map(shellQuote).join(' ')], {
      ...bounds,
      ...(input !== undefined ? { input } : {}),
    });
  const made = await remote(['mktemp', '-d', '/tmp/halint-check.XXXXXX']);
  const folder = made.output.trim().split('\n').pop() ?? '';
  const fail = runProblem(made, ssh, bounds.timeoutMs);
  if (fail !== undefined || made.exitCode !== 0 || !folder.startsWith('/tmp/halint-check.')) {
    return {
      run: {
        ...made,
        failure: fail ?? `could not make a folder on ${runner.destination}: ${made.output.trim()}`,
      },
      command: { argv: ssh, mappings: [], daemonDirectory: '/' },
    };
  }
  try {
    // Each copy goes through `cat` on stdin: the node needs no scp or sftp, and names are quoted.
    for (const file of request.files) {
      const target = posix.join(
        folder,
        file.path.startsWith(`${nodeDir}/`)
          ? file.path.slice(nodeDir.length + 1)
          : posix.basename(file.path),
      );
      const copied = await remote(
        ['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'copy', target],
        file.text,
      );
      if (copied.exitCode !== 0) {
        return {
          run: {
            ...copied,
            failure:
              runProblem(copied, ssh, bounds.timeoutMs) ??
              `could not copy ${file.path}: ${copied.output.trim()}`,
          },
          command: { argv: ssh, mappings: [], daemonDirectory: folder },
        };
      }
    }
    const values = valuesFor(
      request,
      folder,
      request.files.map((file) => posix.join(folder, file.path.slice(nodeDir.length + 1))),
    );
    const checked = presetCheck('ssh', request.daemon, values)!;
    const run = await remote([...checked.argv]);
    return {
      run,
      command: {
        argv: [...ssh, ...checked.argv],
        mappings: [{ daemonPrefix: folder, hostPrefix: nodeDir }],
        daemonDirectory: folder,
      },
    };
  } finally {
    await runBounded([...ssh, `rm -rf -- ${shellQuote(folder)}`], {
      timeoutMs: 10_000,
      maxOutputBytes: 4096,
    });
  }
}

function valuesFor(
  request: CheckRequest,
  nodeDir: string,
  files: readonly string[],
): CommandValues {
  return {
    file: files[0] ?? '',
    files,
    nodeDir,
    version: request.version,
    configId: request.configId ?? posix.basename(nodeDir),
  };
}

/**
 * Runs one check and places what the daemon said on the node's files. Never throws for a
 * daemon's failure: a missing binary, a timeout or a crash comes back as `note`.
 */
export async function checkWithDaemon(request: CheckRequest): Promise<CheckOutcome> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const bounds = {
    timeoutMs,
    maxOutputBytes: request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
    ...(request.signal !== undefined ? { signal: request.signal } : {}),
  };
  const paths = request.files.map((file) => file.path);
  const nodeDir = paths.length === 1 ? dirname(paths[0]!) : commonFolder(paths);
  const runner = request.runner;
  let command: CheckCommand | undefined;
  let run: RawRun;
  let note: string | undefined;
  if ('preset' in runner && runner.preset === 'ssh') {
    ({ run, command } = await viaSsh(request, runner, nodeDir, bounds));
  } else {
    command =
      'command' in runner
        ? {
            argv: expandCommand(runner.command, valuesFor(request, nodeDir, paths)),
            mappings: runner.mappings ?? [],
            daemonDirectory: nodeDir,
          }
        : presetCheck(runner.preset, request.daemon, valuesFor(request, nodeDir, paths));
    if (command === undefined) {
      return {
        issues: [],
        note: `the ${'preset' in runner ? runner.preset : ''} preset cannot check ${request.daemon}: set a check command instead.`,
        argv: [],
        exitCode: null,
      };
    }
    const argv = command.argv;
    // Keepalived run on this machine gets a namespace with the node's interfaces; one run
    // through a container or a remote shell sees other interfaces anyway.
    const local = request.daemon === 'keepalived' && !ELSEWHERE.has(posix.basename(argv[0] ?? ''));
    if (local && canUseNamespace()) {
      const interfaces = keepalivedInterfaces(request.files.map((file) => file.text).join('\n'));
      run = await inNamespace(interfaces, (ns) =>
        runBounded(['ip', 'netns', 'exec', ns, ...argv], {
          ...bounds,
          cwd: nodeDir,
          ...envOf(request),
        }),
      );
    } else {
      run = await runBounded(argv, { ...bounds, cwd: nodeDir, ...envOf(request) });
      if (local) {
        note =
          'keepalived -t read the interfaces of this machine: an interface error may come from here, not from the node.';
      }
    }
  }
  const problem = runProblem(run, command.argv, timeoutMs);
  if (problem !== undefined && (run.missing || run.failure !== undefined || run.cancelled)) {
    return { issues: [], note: problem, argv: command.argv, exitCode: run.exitCode };
  }
  const mainFile = posix.resolve(command.daemonDirectory, request.files[0]?.path ?? '');
  const report =
    request.daemon === 'haproxy'
      ? parseHaproxyOutput(run.output)
      : parseKeepalivedOutput(run.output, mainFile);
  let version = report.version;
  if (version === undefined && request.daemon === 'keepalived') {
    // keepalived -t does not say its version; ask the same program, where it ran.
    const program = command.argv.find((arg) => posix.basename(arg).startsWith('keepalived'));
    const asked =
      program !== undefined && !ELSEWHERE.has(posix.basename(command.argv[0] ?? ''))
        ? await runBounded([program, '-v'], { timeoutMs: 5000, maxOutputBytes: 4096 })
        : undefined;
    version = asked !== undefined ? parseKeepalivedVersion(asked.output) : undefined;
  }
  const issues = placeFindings(report.findings, {
    daemon: request.daemon,
    files: request.files,
    daemonDirectory: command.daemonDirectory,
    mappings: [...command.mappings, ...(request.mappings ?? [])],
    ...(version !== undefined ? { version } : {}),
  });
  const notes = [
    problem,
    run.truncated ? 'its output was cut at the size limit.' : undefined,
    note,
  ].filter((part): part is string => part !== undefined);
  return {
    issues,
    ...(version !== undefined ? { version } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    argv: command.argv,
    exitCode: run.exitCode,
  };
}
