/**
 * `halint lab <cluster-folder>`: runs the cluster's own HAProxy and Keepalived files in network
 * namespaces on this machine, drills failover, and compares what happens with what the failover
 * simulation predicts. The plan (addresses, rewrites, predictions) comes from the core
 * (`core/lab/`); this module carries it out and reports.
 *
 * Everything lives in namespaces named `hlab<pid>-…`; nothing touches the host's interfaces or
 * routes. The namespaces and every process in them are removed on exit, on Ctrl-C, on SIGTERM and
 * on the overall time-out; a later run removes the leftovers of a lab whose owner died.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  HEALTHY,
  observedPriority,
  planLab,
  predictHolders,
  predictSpread,
  sameHolders,
  spreadAgrees,
  type FailoverScenario,
  type HolderPrediction,
  type LabFrontend,
  type LabNode,
  type LabPlan,
  type ObservedPriority,
  type PredictedPriority,
  type SimGroup,
  type SpreadPrediction,
} from '../../core/index.js';
import { loadInputs } from '../project.js';
import { downMarker, type ResponderSpec } from './responder.js';
import type { ClientSpec } from './client.js';
import {
  LAB_PREFIX,
  makeLabDir,
  LabCommandError,
  NodeSpace,
  addressesIn,
  removeLeftovers,
  removeNamespace,
  sh,
  sleep,
  which,
} from './system.js';

/** The hard open-files limit the lab's daemons inherit (`Max open files` of this process). */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('Max open files'));
    const hard = Number(line?.trim().split(/\s+/)[4]);
    return Number.isFinite(hard) && hard > 0 ? hard : undefined;
  } catch {
    return undefined;
  }
}

/** The drill families, in the order they run. */
export const DRILLS = ['start', 'traffic', 'haproxy', 'keepalived', 'checks', 'server'] as const;
type DrillName = (typeof DRILLS)[number];

/** Usage text for `halint lab --help`. */
export const LAB_HELP = `Usage: halint lab [options] <cluster-folder>

Runs the cluster's own HAProxy and Keepalived files in network namespaces on this machine,
drills failover and compares what happens with what the failover simulation predicts.
Linux only, as root, with keepalived, haproxy, iproute2 and util-linux installed.

Drills (all by default; --drill picks some, "start" always runs first):
  start        who holds each virtual IP once the nodes are up
  traffic      requests from a client to each VIP frontend: which servers answer
               (and, with cookie persistence, a client that keeps its cookie)
  haproxy      HAProxy stopped on the VIP holder, then started again
  keepalived   keepalived stopped on the VIP holder, then started again
  checks       each tracked script or interface failing alone, then recovering
  server       a backend server failing its health checks (and all of them, when
               there are backup servers)

Options:
  --drill NAME          Run this drill family (repeatable)
  --requests N          Requests per traffic run (default 20)
  --format text|json    Output format (default: text)
  --keep                Leave the lab running at the end (a later run removes it)
  --clean               Remove what earlier labs left behind, and stop
  --haproxy PATH        HAProxy binary (default: haproxy)
  --keepalived PATH     Keepalived binary (default: keepalived)
  --haproxy-version X.Y
  --keepalived-version X.Y
  --timeout SECONDS     Bound on the whole run (default 600)
  -h, --help            Show this help

Exit status: 0 every drill agrees with the simulation, 1 some drill disagrees,
2 the lab cannot run (platform, permissions, tools, files).
`;

interface LabOptions {
  readonly folder: string;
  readonly drills: readonly DrillName[];
  readonly requests: number;
  readonly format: 'text' | 'json';
  readonly keep: boolean;
  readonly clean: boolean;
  readonly haproxy: string;
  readonly keepalived: string;
  readonly haproxyVersion?: string;
  readonly keepalivedVersion?: string;
  readonly timeout: number;
  readonly help: boolean;
}

class LabUsageError extends Error {
  override readonly name = 'LabUsageError';
}

/** A reason the lab cannot run; exit status 2. */
class LabCannotRun extends Error {
  override readonly name = 'LabCannotRun';
}

function parseLabArgs(argv: readonly string[]): LabOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        drill: { type: 'string', multiple: true },
        requests: { type: 'string' },
        format: { type: 'string' },
        keep: { type: 'boolean' },
        clean: { type: 'boolean' },
        haproxy: { type: 'string' },
        keepalived: { type: 'string' },
        'haproxy-version': { type: 'string' },
        'keepalived-version': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new LabUsageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    );
  }
  const { values, positionals } = parsed;
  const drills = (values.drill ?? []).map((name) => {
    if (!(DRILLS as readonly string[]).includes(name)) {
      throw new LabUsageError(`unknown drill '${name}' (one of ${DRILLS.join(', ')})`);
    }
    return name as DrillName;
  });
  const integer = (
    flag: string,
    text: string | undefined,
    fallback: number,
    max: number,
  ): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || value > max) {
      throw new LabUsageError(`${flag} needs a whole number from 1 to ${max}`);
    }
    return value;
  };
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new LabUsageError(`--format must be text or json`);
  }
  const help = values.help === true;
  const clean = values.clean === true;
  if (!help && !clean && positionals.length !== 1) {
    throw new LabUsageError(
      positionals.length === 0 ? 'no cluster folder given' : 'give one cluster folder',
    );
  }
  const version = (flag: string, text: string | undefined): string | undefined => {
    if (text !== undefined && !/^\d+\.\d+$/.test(text)) {
      throw new LabUsageError(`${flag} needs X.Y`);
    }
    return text;
  };
  const haproxyVersion = version('--haproxy-version', values['haproxy-version']);
  const keepalivedVersion = version('--keepalived-version', values['keepalived-version']);
  return {
    folder: positionals[0] ?? '',
    drills:
      drills.length > 0 ? ['start', ...drills.filter((name) => name !== 'start')] : [...DRILLS],
    requests: integer('--requests', values.requests, 20, 1000),
    format,
    keep: values.keep === true,
    clean,
    haproxy: values.haproxy ?? 'haproxy',
    keepalived: values.keepalived ?? 'keepalived',
    ...(haproxyVersion !== undefined ? { haproxyVersion } : {}),
    ...(keepalivedVersion !== undefined ? { keepalivedVersion } : {}),
    timeout: integer('--timeout', values.timeout, 600, 3600),
    help,
  };
}

/** One line of the verdict. */
export interface DrillResult {
  readonly drill: string;
  /** What was done, in a few words. */
  readonly action: string;
  readonly observed: string;
  readonly predicted: string;
  readonly agree: boolean;
  /** Seconds from the action to the last change observed (or to the observation). */
  readonly seconds: number;
  /** Why the simulation predicts what it does. */
  readonly why: string;
  /** VIP drills: the nodes seen holding the group's VIP (sorted). */
  readonly holders?: readonly string[];
  /** VIP drills: each running member's effective priority, as keepalived logged it. */
  readonly priorities?: Readonly<Record<string, number | 'fault'>>;
  /** Traffic drills: how many requests each server (`backend/server`) answered. */
  readonly answers?: Readonly<Record<string, number>>;
}

/** The lab's report (`--format json`). */
export interface LabReport {
  readonly cluster: string;
  readonly nodes: readonly string[];
  readonly rewrites: LabPlan['rewrites'];
  readonly notes: readonly string[];
  readonly drills: readonly DrillResult[];
  readonly agree: boolean;
  readonly seconds: number;
}

/** The command line that runs this CLI again (bundle or sources) with `args`. */
function selfCommand(args: readonly string[]): string[] {
  const script = process.argv[1] ?? '';
  return [process.execPath, ...process.execArgv, script, ...args];
}

/** Everything a running lab owns, for the clean-up. */
class Lab {
  readonly prefix = `${LAB_PREFIX}${process.pid}-`;
  readonly created: string[] = [];
  readonly spaces = new Map<string, NodeSpace>();
  readonly dir: string;
  private veth = 0;
  private deadline: number;
  private cleaned = false;

  constructor(
    readonly plan: LabPlan,
    readonly options: LabOptions,
    dir: string,
  ) {
    this.dir = dir;
    this.deadline = Date.now() + options.timeout * 1000;
  }

  ns(kind: string): string {
    return `${this.prefix}${kind}`;
  }

  nodeNs(node: LabNode): string {
    return this.ns(`n${this.plan.nodes.indexOf(node)}`);
  }

  checkTime(): void {
    if (Date.now() > this.deadline) {
      throw new LabCannotRun(`the lab ran out of time (--timeout ${this.options.timeout})`);
    }
  }

  private addNs(name: string): void {
    sh('ip', ['netns', 'add', name]);
    this.created.push(name);
    sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  }

  /** An interface of `ns` on the shared segment. */
  private plug(ns: string, name: string, addresses: readonly string[]): void {
    const peer = `v${this.veth++}`;
    const lan = this.ns('lan');
    sh('ip', ['-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer, 'netns', lan]);
    sh('ip', ['-n', lan, 'link', 'set', peer, 'master', 'br0', 'up']);
    for (const address of addresses) sh('ip', ['-n', ns, 'addr', 'add', address, 'dev', name]);
    sh('ip', ['-n', ns, 'link', 'set', name, 'up']);
  }

  /** Builds the namespaces and starts the servers and the daemons. */
  async build(): Promise<void> {
    const { plan } = this;
    mkdirSync(`${this.dir}/fail`, { recursive: true });
    mkdirSync(`${this.dir}/down`, { recursive: true });
    const lan = this.ns('lan');
    this.addNs(lan);
    sh('ip', ['-n', lan, 'link', 'add', 'br0', 'type', 'bridge']);
    sh('ip', ['-n', lan, 'link', 'set', 'br0', 'up']);

    // Every host address is on the one segment: a device route makes all of them on-link.
    const client = this.ns('cl');
    this.addNs(client);
    this.plug(client, 'eth0', [plan.client]);
    sh('ip', ['-n', client, 'route', 'add', 'default', 'dev', 'eth0']);

    const servers = this.ns('srv');
    this.addNs(servers);
    const hosts = [...new Set(plan.servers.map((server) => server.host))];
    this.plug(
      servers,
      'eth0',
      hosts.map((host) => `${host}/32`),
    );
    sh('ip', ['-n', servers, 'route', 'add', 'default', 'dev', 'eth0']);
    const spec: ResponderSpec = { servers: plan.servers, down: `${this.dir}/down` };
    writeFileSync(`${this.dir}/responder.json`, JSON.stringify(spec));
    await this.startResponder(servers);

    for (const node of plan.nodes) {
      this.checkTime();
      const ns = this.nodeNs(node);
      this.addNs(ns);
      for (const entry of node.interfaces) this.plug(ns, entry.name, entry.addresses);
      const first = node.interfaces[0];
      if (first) sh('ip', ['-n', ns, 'route', 'add', 'default', 'dev', first.name]);
      if (node.nonlocalBind) {
        sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.ip_nonlocal_bind=1']);
      }
      const files = [
        ...node.haproxy,
        ...(node.keepalived ? [node.keepalived] : []),
        ...node.included,
      ];
      for (const file of files) {
        mkdirSync(dirname(file.path), { recursive: true });
        writeFileSync(file.path, file.text);
      }
      for (const script of node.scripts) {
        // The wrapper fails while the drill's marker exists, else runs the check as written.
        writeFileSync(
          script.path,
          `#!/bin/sh\n[ -e '${script.failFile}' ] && exit 1\nexec ${script.command}\n`,
        );
        chmodSync(script.path, 0o755);
      }
      for (const path of node.trackFiles) writeFileSync(path, '0\n');
      this.spaces.set(node.name, await NodeSpace.create(ns));
    }
    for (const node of plan.nodes) {
      this.checkHaproxy(node);
      this.startHaproxy(node);
    }
    await sleep(300);
    for (const node of plan.nodes) this.assertRunning(node, 'haproxy');
    for (const node of plan.nodes) this.startKeepalived(node);
    await sleep(500);
    for (const node of plan.nodes) this.assertRunning(node, 'keepalived');
  }

  private responder: ReturnType<typeof spawn> | undefined;

  private async startResponder(ns: string): Promise<void> {
    const child = spawn(
      'ip',
      ['netns', 'exec', ns, ...selfCommand(['__lab-responder', `${this.dir}/responder.json`])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.responder = child;
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const ready = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          done(true);
        }
      });
      child.on('exit', () => done(false));
    });
    if (!ready) throw new LabCannotRun(`the lab's backend servers did not start: ${errors.trim()}`);
  }

  /** Lets this process end while the lab keeps running (`--keep`). */
  detach(): void {
    this.responder?.stdout?.destroy();
    this.responder?.stderr?.destroy();
    this.responder?.unref();
  }

  private space(node: LabNode): NodeSpace {
    const space = this.spaces.get(node.name);
    if (!space) throw new Error(`no namespace for ${node.name}`);
    return space;
  }

  private checkHaproxy(node: LabNode): void {
    if (node.haproxy.length === 0) return;
    const args = ['-c', '-q', ...node.haproxy.flatMap((file) => ['-f', file.path])];
    const result = spawnSync(
      'nsenter',
      ['-t', String(this.space(node).init), '-p', '-m', '-n', '--', this.options.haproxy, ...args],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    if (result.status !== 0) {
      const first = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .find((line) => line.includes('[ALERT]'));
      throw new LabCannotRun(
        `HAProxy refuses the lab copy of ${node.name}'s configuration: ${(first ?? `exit ${result.status}`).trim()}`,
      );
    }
  }

  startHaproxy(node: LabNode): void {
    if (node.haproxy.length === 0) return;
    const log = openSync(`${this.dir}/${node.name}-haproxy.log`, 'a');
    this.space(node).start(
      [this.options.haproxy, '-db', ...node.haproxy.flatMap((file) => ['-f', file.path])],
      log,
    );
    closeSync(log);
  }

  startKeepalived(node: LabNode): void {
    if (!node.keepalived) return;
    const base = `${this.dir}/${node.name}`;
    const log = openSync(`${base}-keepalived.log`, 'a');
    this.space(node).start(
      [
        this.options.keepalived,
        '-n',
        '-l',
        '-D',
        '-f',
        node.keepalived.path,
        '-i',
        node.configId,
        '-p',
        `${base}-keepalived.pid`,
        '-r',
        `${base}-vrrp.pid`,
        '-c',
        `${base}-checkers.pid`,
      ],
      log,
    );
    closeSync(log);
  }

  private assertRunning(node: LabNode, daemon: 'haproxy' | 'keepalived'): void {
    if (daemon === 'haproxy' && node.haproxy.length === 0) return;
    if (daemon === 'keepalived' && !node.keepalived) return;
    if (this.space(node).processes(daemon).length > 0) return;
    const log = readFileSync(`${this.dir}/${node.name}-${daemon}.log`, 'utf8').trim().split('\n');
    throw new LabCannotRun(`${daemon} did not start on ${node.name}: ${log.slice(-3).join(' | ')}`);
  }

  stop(node: LabNode, daemon: 'haproxy' | 'keepalived'): void {
    this.space(node).signal(daemon, 'SIGTERM');
  }

  async waitStopped(node: LabNode, daemon: 'haproxy' | 'keepalived'): Promise<void> {
    for (let i = 0; i < 50 && this.space(node).processes(daemon).length > 0; i++) await sleep(100);
  }

  /** Who holds each group's first VIP now. */
  /** A member's effective priority as its keepalived last logged it. */
  priorityOf(groupId: string, entry: PredictedPriority): ObservedPriority {
    const node = this.plan.nodes.find((candidate) => candidate.name === entry.node);
    const member = this.plan.groups
      .find((group) => group.id === groupId)
      ?.members.find((candidate) => candidate.node === entry.node);
    if (!node || !member) return 'fault';
    let log = '';
    try {
      log = readFileSync(`${this.dir}/${node.name}-keepalived.log`, 'utf8');
    } catch {
      // No log yet: keepalived has said nothing, so the priority is the configured one.
    }
    return observedPriority(log, member.instance, member.base);
  }

  holders(): Map<string, string[]> {
    const held = new Map<string, Set<string>>();
    for (const node of this.plan.nodes) held.set(node.name, addressesIn(this.nodeNs(node)));
    const result = new Map<string, string[]>();
    for (const group of this.plan.groups) {
      const vip = group.vips[0]?.replace(/^vip:/, '');
      result.set(
        group.id,
        this.plan.nodes
          .filter((node) => vip !== undefined && held.get(node.name)?.has(vip))
          .map((node) => node.name)
          .sort(),
      );
    }
    return result;
  }

  /** Runs the client in the client namespace. */
  traffic(frontend: LabFrontend, sticky: boolean): Map<string, number> {
    const spec: ClientSpec = {
      host: frontend.vip,
      port: frontend.port,
      mode: frontend.mode,
      count: this.options.requests,
      sticky,
    };
    const file = `${this.dir}/client.json`;
    writeFileSync(file, JSON.stringify(spec));
    const out = sh('ip', ['netns', 'exec', this.ns('cl'), ...selfCommand(['__lab-client', file])]);
    const { answers } = JSON.parse(out) as { answers: string[] };
    const counts = new Map<string, number>();
    for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
    return counts;
  }

  setServerDown(key: string, down: boolean): void {
    const marker = `${this.dir}/down/${downMarker(key)}`;
    if (down) writeFileSync(marker, '');
    else if (existsSync(marker)) unlinkSync(marker);
  }

  /** Removes every namespace and process of the lab (idempotent). */
  cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const space of this.spaces.values()) space.destroy();
    this.responder?.kill('SIGKILL');
    for (const ns of [...this.created].reverse()) removeNamespace(ns);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function describe(holders: readonly string[]): string {
  return holders.length === 0 ? 'nobody' : holders.join(' + ');
}

/** ` (lb1 110, lb2 100)`: the priorities of a group's running members. */
function describePriorities(
  members: readonly PredictedPriority[],
  values: readonly (number | 'fault' | 'down')[],
): string {
  if (members.length === 0) return '';
  return ` (${members.map((member, i) => `${member.node} ${String(values[i])}`).join(', ')})`;
}

function describeCounts(counts: ReadonlyMap<string, number>): string {
  if (counts.size === 0) return 'no answer';
  return [...counts.entries()].map(([key, count]) => `${key} ×${count}`).join(', ');
}

function describeSpread(prediction: SpreadPrediction): string {
  if (prediction.servers.length === 0) return 'no server answers';
  return prediction.spread === 'all'
    ? `all of ${prediction.servers.join(', ')}`
    : prediction.servers.length === 1
      ? `only ${prediction.servers[0] ?? ''}`
      : `one of ${prediction.servers.join(', ')}`;
}

/** Drives the drills over a built lab. */
class Drills {
  readonly results: DrillResult[] = [];
  /** Who holds each group's VIP now, as observed. */
  private now = new Map<string, string[]>();

  constructor(private readonly lab: Lab) {}

  private get plan(): LabPlan {
    return this.lab.plan;
  }

  private get advert(): number {
    return this.plan.advertInterval;
  }

  /**
   * Waits until every group's holders match the prediction and stay so for a settle period, but
   * never less than `min` seconds (a failure takes that long to be noticed) nor more than `max`.
   */
  private async settle(
    predictions: readonly HolderPrediction[],
    min: number,
    max: number,
  ): Promise<{ observed: Map<string, string[]>; seconds: number }> {
    const started = Date.now();
    const initial = JSON.stringify([...this.lab.holders()]);
    let lastChange = 0;
    let previous = initial;
    let matchedSince: number | undefined;
    const settleMs = (3 * this.advert + 1) * 1000;
    for (;;) {
      this.lab.checkTime();
      const observed = this.lab.holders();
      const text = JSON.stringify([...observed]);
      const elapsed = Date.now() - started;
      if (text !== previous) {
        previous = text;
        lastChange = elapsed;
        matchedSince = undefined;
      }
      const matches = predictions.every((p) => sameHolders(observed.get(p.group) ?? [], p.holders));
      if (matches) matchedSince ??= elapsed;
      else matchedSince = undefined;
      const settled = matchedSince !== undefined && elapsed - matchedSince >= settleMs;
      if ((settled && elapsed >= min * 1000) || elapsed >= max * 1000) {
        return { observed, seconds: lastChange / 1000 };
      }
      await sleep(200);
    }
  }

  private record(
    drill: string,
    action: string,
    predictions: readonly HolderPrediction[],
    outcome: { observed: Map<string, string[]>; seconds: number },
  ): void {
    for (const prediction of predictions) {
      const observed = outcome.observed.get(prediction.group) ?? [];
      // Priorities of the members whose keepalived runs: keepalived's own word for what the
      // checks did, compared with the simulation's.
      const running = prediction.priorities.filter((entry) => entry.priority !== 'down');
      const seen = running.map((entry) => this.lab.priorityOf(prediction.group, entry));
      const predictedPriorities = running.map((entry) => entry.priority);
      this.results.push({
        drill,
        action: predictions.length > 1 ? `${action} (${prediction.group})` : action,
        observed: `VIP on ${describe(observed)}${describePriorities(running, seen)}`,
        predicted: `VIP on ${describe(prediction.holders)}${describePriorities(running, predictedPriorities)}`,
        agree:
          sameHolders(observed, prediction.holders) &&
          seen.every((value, i) => value === predictedPriorities[i]),
        seconds: outcome.seconds,
        why: prediction.explanation,
        holders: [...observed].sort(),
        priorities: Object.fromEntries(running.map((entry, i) => [entry.node, seen[i] ?? 'fault'])),
      });
    }
    this.now = outcome.observed;
  }

  private predict(asked: FailoverScenario, fromNow: boolean): HolderPrediction[] {
    // A node whose files hold no HAProxy configuration runs no HAProxy in the lab either: its
    // checks on HAProxy fail from the start, and the simulation is told so.
    const without = this.plan.nodes
      .filter((node) => node.haproxy.length === 0)
      .map((node) => node.name);
    const scenario: FailoverScenario = {
      ...asked,
      haproxyDown: [...new Set([...asked.haproxyDown, ...without])],
    };
    return this.plan.groups.map((group: SimGroup) => {
      const current = this.now.get(group.id);
      return predictHolders(
        group,
        scenario,
        fromNow && current?.length === 1 ? current[0] : undefined,
      );
    });
  }

  /** The node holding the first group's VIP now (one holder), if any. */
  private holderNode(): LabNode | undefined {
    const first = this.plan.groups[0];
    const holders = first ? (this.now.get(first.id) ?? []) : [];
    return holders.length === 1
      ? this.plan.nodes.find((node) => node.name === holders[0])
      : undefined;
  }

  /** Seconds until keepalived notices the failure of the node's checks (only HAProxy's, or all). */
  private maxFail(node: string, haproxyOnly: boolean): number {
    const ids = new Set(
      this.plan.groups.flatMap((group) =>
        group.members
          .filter((member) => member.node === node)
          .flatMap((member) =>
            member.checks.filter((check) => !haproxyOnly || check.watchesHaproxy),
          )
          .map((check) => check.id),
      ),
    );
    const times = this.plan.checks
      .filter((check) => ids.has(check.id))
      .map((check) => check.failAfter);
    return Math.max(0, ...times);
  }

  private maxRecover(node: string): number {
    return Math.max(
      0,
      ...this.plan.checks.filter((check) => check.node === node).map((check) => check.recoverAfter),
    );
  }

  async start(): Promise<void> {
    const predictions = this.predict(HEALTHY, false);
    // A BACKUP waits three adverts and a skew before it claims the VIP; a node in MASTER state
    // claims it at once and yields to a higher one an advert later.
    const outcome = await this.settle(predictions, 0, 6 * this.advert + 10);
    this.record('start', 'all nodes up', predictions, outcome);
  }

  /**
   * Sends a run of requests through `frontend` and records which servers answered against the
   * spread the simulation predicts while the servers in `down` fail their checks.
   */
  private spread(
    drill: string,
    action: string,
    frontend: LabFrontend,
    down: ReadonlySet<string>,
    sticky: boolean,
    seconds: number,
  ): void {
    const expected = predictSpread(frontend, down, sticky);
    const counts = this.lab.traffic(frontend, sticky);
    this.results.push({
      drill,
      action,
      observed: describeCounts(counts),
      predicted: describeSpread(expected),
      agree: spreadAgrees(expected, counts),
      seconds,
      why: expected.reason,
      answers: Object.fromEntries(counts),
    });
  }

  traffic(): void {
    for (const frontend of this.plan.frontends) {
      const where = `${frontend.vip}:${frontend.port}`;
      const action = `${this.lab.options.requests} requests to ${where} (${frontend.proxy})`;
      this.spread('traffic', action, frontend, new Set(), false, 0);
      if (frontend.cookie && frontend.mode === 'http') {
        this.spread(
          'traffic',
          `a client keeping its cookie, ${where}`,
          frontend,
          new Set(),
          true,
          0,
        );
      }
    }
  }

  async haproxy(): Promise<void> {
    const node = this.holderNode();
    if (!node || node.haproxy.length === 0) return;
    this.lab.stop(node, 'haproxy');
    await this.lab.waitStopped(node, 'haproxy');
    const down = this.predict({ nodesDown: [], haproxyDown: [node.name], failing: [] }, true);
    const detect = this.maxFail(node.name, true);
    const min = (detect > 0 ? detect : 3 * this.advert) + 2 * this.advert + 1;
    this.record(
      'haproxy',
      `HAProxy stopped on ${node.name}`,
      down,
      await this.settle(down, min, min + 4 * this.advert + 8),
    );
    this.lab.startHaproxy(node);
    const back = this.predict(HEALTHY, true);
    const wait = this.maxRecover(node.name) + 4 * this.advert + this.plan.preemptDelay + 2;
    this.record(
      'haproxy',
      `HAProxy started again on ${node.name}`,
      back,
      await this.settle(back, wait, wait + 4 * this.advert + 8),
    );
  }

  async keepalived(): Promise<void> {
    const node = this.holderNode();
    if (!node || !node.keepalived) return;
    this.lab.stop(node, 'keepalived');
    await this.lab.waitStopped(node, 'keepalived');
    const down = this.predict({ nodesDown: [node.name], haproxyDown: [], failing: [] }, true);
    this.record(
      'keepalived',
      `keepalived stopped on ${node.name}`,
      down,
      await this.settle(down, 1, 5 * this.advert + 8),
    );
    this.lab.startKeepalived(node);
    const back = this.predict(HEALTHY, true);
    const wait = this.maxRecover(node.name) + 4 * this.advert + this.plan.preemptDelay + 2;
    this.record(
      'keepalived',
      `keepalived started again on ${node.name}`,
      back,
      await this.settle(back, wait, wait + 4 * this.advert + 8),
    );
  }

  async checks(): Promise<void> {
    for (const check of this.plan.checks) {
      const how = check.how;
      if (!how) continue;
      const node = this.plan.nodes.find((entry) => entry.name === check.node);
      if (!node) continue;
      const ns = this.lab.nodeNs(node);
      const fail = (failing: boolean): void => {
        if ('failFile' in how) {
          if (failing) writeFileSync(how.failFile, '');
          else if (existsSync(how.failFile)) unlinkSync(how.failFile);
        } else {
          sh('ip', ['-n', ns, 'link', 'set', how.interface, failing ? 'down' : 'up']);
        }
      };
      fail(true);
      const failing = this.predict({ nodesDown: [], haproxyDown: [], failing: [check.id] }, true);
      const min = check.failAfter + 2 * this.advert + 1;
      this.record(
        'checks',
        `${check.kind} ${check.name} fails on ${check.node}`,
        failing,
        await this.settle(failing, min, min + 4 * this.advert + 8),
      );
      fail(false);
      const back = this.predict(HEALTHY, true);
      const wait = check.recoverAfter + 4 * this.advert + this.plan.preemptDelay + 2;
      this.record(
        'checks',
        `${check.kind} ${check.name} recovers on ${check.node}`,
        back,
        await this.settle(back, wait, wait + 4 * this.advert + 8),
      );
    }
  }

  async server(): Promise<void> {
    const frontend =
      this.plan.frontends.find((entry) => entry.active.length >= 2) ?? this.plan.frontends[0];
    if (!frontend) return;
    const wait = async (): Promise<void> => {
      // HAProxy marks a server down after `fall` failed checks `inter` apart, plus one interval.
      await sleep((frontend.downAfter + frontend.downAfter / 3 + 1) * 1000);
    };
    const run = (action: string, down: ReadonlySet<string>): void =>
      this.spread('server', action, frontend, down, false, frontend.downAfter);
    const first = frontend.active[0];
    if (first === undefined) return;
    this.lab.setServerDown(first, true);
    await wait();
    run(`${first} fails its checks (${frontend.vip}:${frontend.port})`, new Set([first]));
    if (frontend.backups.length > 0) {
      for (const key of frontend.active) this.lab.setServerDown(key, true);
      await wait();
      run(`every active server of ${frontend.backend} fails`, new Set(frontend.active));
    }
    for (const key of frontend.active) this.lab.setServerDown(key, false);
    await wait();
  }
}

function textReport(report: LabReport, plan: LabPlan): string {
  const lines: string[] = [];
  lines.push(
    `halint lab ${report.cluster}: ${report.nodes.length} nodes (${report.nodes.join(', ')})`,
  );
  if (plan.rewrites.length > 0) {
    lines.push('', 'Changed in the lab copies (your files are not touched):');
    for (const rewrite of plan.rewrites) {
      lines.push(`  ${rewrite.node} ${basename(rewrite.uri)}:${rewrite.line + 1}  ${rewrite.why}`);
    }
  }
  for (const note of plan.notes) lines.push(`Note: ${note}`);
  const header = ['drill', 'action', 'observed', 'predicted', 'agree', 'time'];
  const rows = report.drills.map((result) => [
    result.drill,
    result.action,
    result.observed,
    result.predicted,
    result.agree ? 'yes' : 'NO',
    `${result.seconds.toFixed(1)} s`,
  ]);
  const widths = header.map((title, i) =>
    Math.min(48, Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length))),
  );
  const format = (row: readonly string[]): string =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  lines.push('', format(header), ...rows.map(format));
  const disagreeing = report.drills.filter((result) => !result.agree);
  for (const result of disagreeing) {
    lines.push(`  ${result.action}: the simulation says: ${result.why}`);
  }
  lines.push(
    '',
    disagreeing.length === 0
      ? `${report.drills.length} drills, all agree with the simulation (${report.seconds.toFixed(0)} s).`
      : `${disagreeing.length} of ${report.drills.length} drills disagree with the simulation (${report.seconds.toFixed(0)} s).`,
  );
  return `${lines.join('\n')}\n`;
}

/** What `halint lab` printed and how it ended; the caller writes it out. */
export interface LabResult {
  readonly stdout: string;
  /** Messages for stderr, one line each. */
  readonly stderr: readonly string[];
  /** 0 every drill agrees, 1 some disagree, 2 the lab could not run. */
  readonly exitCode: 0 | 1 | 2;
}

function cannotRun(message: string): LabResult {
  return { stdout: '', stderr: [`halint lab: ${message}`], exitCode: 2 };
}

/** Checks the platform and tools; the reason the lab cannot run, if any. */
function environmentProblem(options: LabOptions): string | undefined {
  if (process.platform !== 'linux') {
    return 'the lab needs Linux (network, PID and mount namespaces)';
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'the lab needs root: it creates network, PID and mount namespaces';
  }
  for (const tool of ['ip', 'unshare', 'nsenter', 'sysctl']) {
    if (!which(tool)) {
      return `'${tool}' is not installed (iproute2, util-linux and procps provide the lab's tools)`;
    }
  }
  if (!which(options.haproxy)) return `HAProxy ('${options.haproxy}') is not installed`;
  if (!which(options.keepalived)) return `keepalived ('${options.keepalived}') is not installed`;
  return undefined;
}

/** Runs `halint lab <argv>`. */
export async function runLab(argv: readonly string[]): Promise<LabResult> {
  let options: LabOptions;
  try {
    options = parseLabArgs(argv);
  } catch (error) {
    if (error instanceof LabUsageError) {
      return cannotRun(`${error.message} (see halint lab --help)`);
    }
    throw error;
  }
  if (options.help) return { stdout: LAB_HELP, stderr: [], exitCode: 0 };
  const problem = environmentProblem(options);
  if (problem) return cannotRun(problem);
  if (options.clean) {
    const removed = removeLeftovers();
    return { stdout: removed.map((ns) => `removed ${ns}\n`).join(''), stderr: [], exitCode: 0 };
  }

  const folder = resolve(options.folder);
  const loaded = loadInputs({
    paths: [folder],
    cluster: true,
    language: undefined,
    haproxyVersion: options.haproxyVersion,
    keepalivedVersion: options.keepalivedVersion,
  });
  if ('error' in loaded) return cannotRun(loaded.error);
  if (loaded.errors.length > 0) return cannotRun(loaded.errors[0] ?? '');
  const { plans, service, settings } = loaded;
  const [clusterPlan, ...others] = plans;
  if (!clusterPlan) return cannotRun(`no HAProxy or Keepalived files found in ${options.folder}`);
  if (others.length > 0) {
    return cannotRun(`${options.folder} holds ${plans.length} clusters; give the folder of one`);
  }
  const analysis = service.analyseCluster(clusterPlan.nodes, { settings });
  const graph = service.getTopology(analysis, { title: basename(folder), limit: 0 }, { settings });
  const removed = removeLeftovers();
  const dir = makeLabDir();
  const openFiles = openFilesLimit();
  const plan = planLab(analysis.model, graph, { dir, ...(openFiles ? { openFiles } : {}) });
  if (plan.blockers.length > 0) {
    rmSync(dir, { recursive: true, force: true });
    return cannotRun(plan.blockers.join('; '));
  }

  const lab = new Lab(plan, options, dir);
  const onSignal = (signal: NodeJS.Signals): void => {
    lab.cleanup();
    process.stderr.write(`halint lab: stopped by ${signal}; the lab was removed\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  const started = Date.now();
  const drills = new Drills(lab);
  try {
    await lab.build();
    for (const name of options.drills) await drills[name]();
  } catch (error) {
    if (!options.keep) lab.cleanup();
    if (error instanceof LabCannotRun || error instanceof LabCommandError) {
      return cannotRun(error.message);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  }
  if (options.keep) {
    lab.detach();
    process.stderr.write(
      `halint lab: the lab keeps running in namespaces ${lab.created.join(', ')} (files in ${dir}); ` +
        `'halint lab --clean' removes it\n`,
    );
  } else {
    lab.cleanup();
  }
  const report: LabReport = {
    cluster: relative(process.cwd(), folder) || basename(folder),
    nodes: plan.nodes.map((node) => node.name),
    rewrites: plan.rewrites,
    notes: [
      ...plan.notes,
      ...(removed.length > 0
        ? [`Removed the leftovers of an earlier lab: ${removed.join(', ')}.`]
        : []),
    ],
    drills: drills.results,
    agree: drills.results.every((result) => result.agree),
    seconds: (Date.now() - started) / 1000,
  };
  return {
    stdout:
      options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : textReport(report, plan),
    stderr: [],
    exitCode: report.agree ? 0 : 1,
  };
}
