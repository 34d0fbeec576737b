/**
 * The failover lab's plan: from the analysed cluster to what `halint lab` builds in network
 * namespaces and what it expects to see there. It decides the interfaces and addresses of each
 * node, the lab copies of the node's files (with only what cannot work in a lab rewritten, each
 * rewrite said), the servers a responder must answer for, the frontends the drills send requests
 * to, and what the simulation predicts for each drill. The host (`node/lab/`) only carries it out.
 *
 * Pure: no processes, no file system. Lab paths are given by the host.
 *
 * @packageDocumentation
 */
import type { HaproxyDocument } from '../document.js';
import { canonicalAddress } from '../cluster/addresses.js';
import { bindCovers } from '../cluster/haproxy-facts.js';
import type { ClusterModel, ClusterNode, KeepalivedPart } from '../cluster/model.js';
import { haproxyReferences } from '../haproxy/analysis/references.js';
import {
  effectiveServerOptions,
  inheritedOption,
  inheritedSetting,
  type ProxySymbol,
} from '../haproxy/analysis/symbols.js';
import type { KeepalivedInclude, KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import { parseKeepalived } from '../keepalived/index.js';
import type { SimCheck, SimGroup, TopologyGraph } from '../topology/graph.js';

/** One line the lab copy changes, said to the user. */
interface LabRewrite {
  readonly node: string;
  /** The user's file (URI or path as the model knows it). */
  readonly uri: string;
  /** Zero-based line. */
  readonly line: number;
  readonly before: string;
  /** The new line, or undefined when the line is left out. */
  readonly after: string | undefined;
  readonly why: string;
}

/** A file the lab writes for a node. */
interface LabFile {
  /** The user's file it comes from. */
  readonly uri: string;
  /** Where the lab writes it. */
  readonly path: string;
  readonly text: string;
}

/** An interface of a node: a veth end on the lab's shared segment. */
interface LabInterface {
  readonly name: string;
  /** `address/prefix` entries the lab assigns (the VIPs are keepalived's to add). */
  readonly addresses: readonly string[];
}

/** A tracked check the lab can make fail. */
interface LabCheck {
  /** The simulation's id of the check ({@link SimCheck.id}). */
  readonly id: string;
  readonly node: string;
  readonly name: string;
  readonly kind: SimCheck['kind'];
  /**
   * How the lab makes it fail: a script's wrapper fails while `failFile` exists; an interface is
   * set down. Undefined: the lab cannot fail this check alone (track files, processes).
   */
  readonly how: { readonly failFile: string } | { readonly interface: string } | undefined;
  /** Seconds until keepalived notices a failure (interval × fall) and a recovery (interval × rise). */
  readonly failAfter: number;
  readonly recoverAfter: number;
}

/** One node of the lab. */
export interface LabNode {
  readonly name: string;
  readonly configId: string;
  readonly interfaces: readonly LabInterface[];
  /** HAProxy files in load order (one configuration); empty when the node runs no HAProxy. */
  readonly haproxy: readonly LabFile[];
  /** The Keepalived file; undefined when the node runs no Keepalived. */
  readonly keepalived: LabFile | undefined;
  /** Copies of the files it includes, at the same places relative to it. */
  readonly included: readonly LabFile[];
  /** Check wrappers: `path` runs `command` unless the check's fail file exists. */
  readonly scripts: readonly {
    readonly path: string;
    readonly command: string;
    readonly failFile: string;
  }[];
  /** Track files the lab creates (with `0`, no adjustment). */
  readonly trackFiles: readonly string[];
  /** `net.ipv4.ip_nonlocal_bind=1`: HAProxy binds an address the node may not hold. */
  readonly nonlocalBind: boolean;
}

/** A backend server the responder answers for. */
export interface LabServer {
  /** `backend/server`. */
  readonly key: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** How a backend spreads a client's requests, as the drills compare it. */
export type SpreadClass = 'all' | 'one';

/** A frontend the drills send requests to, through a VIP. */
export interface LabFrontend {
  /** `proxy @ vip:port`. */
  readonly id: string;
  readonly proxy: string;
  readonly vip: string;
  readonly port: number;
  readonly mode: 'http' | 'tcp';
  /** The backend a plain request reaches (`default_backend`, an unconditional `use_backend`, or the listen itself). */
  readonly backend: string;
  /** Servers (keys) that take traffic while all are healthy, in order. */
  readonly active: readonly string[];
  /** Backup servers (keys), used when no active one is up; `allbackups`: all of them, else the first. */
  readonly backups: readonly string[];
  readonly allBackups: boolean;
  /** `balance` algorithm (first word), `roundrobin` when unset. */
  readonly balance: string;
  /** The backend inserts or rewrites a persistence cookie. */
  readonly cookie: boolean;
  /** Seconds until HAProxy marks a failed server down: `inter × fall` (defaults 2 s × 3). */
  readonly downAfter: number;
}

/** What `planLab` decides. */
export interface LabPlan {
  readonly nodes: readonly LabNode[];
  readonly servers: readonly LabServer[];
  readonly frontends: readonly LabFrontend[];
  readonly groups: readonly SimGroup[];
  readonly checks: readonly LabCheck[];
  /** `address/prefix` of the client namespace. */
  readonly client: string;
  readonly rewrites: readonly LabRewrite[];
  /** Things the lab does differently from a real node, or leaves out, in one sentence each. */
  readonly notes: readonly string[];
  /** Reasons the lab cannot run these files at all; empty when it can. */
  readonly blockers: readonly string[];
  /** Longest VRRP advert interval of the groups, in seconds (drill time-outs scale with it). */
  readonly advertInterval: number;
  /** Longest `preempt_delay` of the instances, in seconds (a returning master waits that long). */
  readonly preemptDelay: number;
}

/** Where the host puts the lab's files, and the limits of the machine it runs on. */
interface LabPaths {
  /** A folder of the lab's own; everything is written under it. */
  readonly dir: string;
  /**
   * The hard open-files limit the daemons get. HAProxy needs about two descriptors per
   * connection of its global `maxconn` and refuses to start when it cannot raise its limit that
   * far; a real node's service manager allows it, a lab may not.
   */
  readonly openFiles?: number;
}

/** A text edit inside one file, by offsets. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly why: string;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** Applies edits (non-overlapping) and records one rewrite per changed line. */
function applyEdits(
  node: string,
  uri: string,
  text: string,
  edits: readonly Edit[],
  rewrites: LabRewrite[],
): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    const from = lineStart(text, edit.start);
    const to = lineEnd(text, edit.end);
    const before = text.slice(from, to);
    const after = before.slice(0, edit.start - from) + edit.text + before.slice(edit.end - from);
    const line = text.slice(0, from).split('\n').length - 1;
    rewrites.push({
      node,
      uri,
      line,
      before: before.trim(),
      after: after.trim() === '' || after.trim().startsWith('#') ? undefined : after.trim(),
      why: edit.why,
    });
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** An edit that turns a whole line into a comment (line numbers stay the user's). */
function dropLine(text: string, start: number, why: string, marker: string): Edit {
  const from = lineStart(text, start);
  const to = lineEnd(text, start);
  return { start: from, end: to, text: `${marker} halint lab: ${why}`, why };
}

const SECONDS: Readonly<Record<string, number>> = {
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/** An HAProxy time value in seconds (`2s`, `500ms`, `3000` = ms); undefined when unreadable. */
function haproxyTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(us|ms|s|m|h|d)?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] ? (SECONDS[match[2]] ?? 1) : 1e-3);
}

/** `host:port` of a server address; undefined for names, ranges and variables. */
function serverAddress(text: string): { host: string; port: number } | undefined {
  const match = /^(?:ipv4@)?(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  if (!match || canonicalAddress(match[1] ?? '') === undefined) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1] ?? '', port } : undefined;
}

/** Global HAProxy lines that cannot work in a lab, and what the lab does with each. */
const HAPROXY_GLOBAL_DROPS: Readonly<Record<string, string>> = {
  daemon: 'the lab runs HAProxy in the foreground to watch it',
  chroot: 'the lab does not confine HAProxy to a folder',
  user: 'the lab runs HAProxy as root inside its namespaces',
  group: 'the lab runs HAProxy as root inside its namespaces',
  uid: 'the lab runs HAProxy as root inside its namespaces',
  gid: 'the lab runs HAProxy as root inside its namespaces',
  pidfile: 'the lab writes its own pid file',
  nbproc: 'the lab runs one process',
};

function rewriteHaproxy(
  node: string,
  documents: readonly HaproxyDocument[],
  paths: LabPaths,
  rewrites: LabRewrite[],
): LabFile[] {
  return documents.map((document, index) => {
    const text = document.text;
    const edits: Edit[] = [];
    for (const section of document.parse.ast.sections) {
      const global = section.type === 'global';
      for (const item of section.items) {
        if (item.kind !== 'statement') continue;
        const keyword = item.keyword.value;
        const drop = global ? HAPROXY_GLOBAL_DROPS[keyword] : undefined;
        if (drop !== undefined) {
          edits.push(dropLine(text, item.start, `${keyword} left out: ${drop}`, '#'));
        } else if (global && keyword === 'maxconn' && paths.openFiles !== undefined) {
          const value = item.args[0];
          const wanted = Number(value?.value);
          // HAProxy asks for 2 × maxconn plus its own few descriptors.
          const fits = Math.floor((paths.openFiles - 200) / 2);
          if (value && Number.isInteger(wanted) && wanted > fits && fits > 0) {
            edits.push({
              start: value.start,
              end: value.end,
              text: String(fits),
              why: `maxconn lowered to ${fits}: this machine allows ${paths.openFiles} open files`,
            });
          }
        } else if (global && keyword === 'stats' && item.args[0]?.value === 'socket') {
          const path = item.args[1];
          if (path) {
            edits.push({
              start: path.start,
              end: path.end,
              text: `${paths.dir}/${node}-haproxy.sock`,
              why: 'the stats socket moves into the lab folder',
            });
          }
        } else if (keyword === 'log' && item.args[0] && item.args[0].value !== 'global') {
          const target = item.args[0];
          if (target.value !== 'stdout' && target.value !== 'stderr') {
            edits.push({
              start: target.start,
              end: target.end,
              text: 'stdout format raw',
              why: "logs go to the lab's HAProxy log file",
            });
          }
        }
      }
    }
    return {
      uri: document.uri,
      path: `${paths.dir}/${node}-haproxy-${index}.cfg`,
      text: applyEdits(node, document.uri, text, edits, rewrites),
    };
  });
}

function itemsOf(item: KeepalivedItem | undefined): KeepalivedItem[] {
  return (item?.block?.items ?? []).filter((node): node is KeepalivedItem => node.kind === 'item');
}

const NOTIFY = /^notify(_master|_backup|_fault|_stop|_deleted|_master_rx_lower_pri)?$/;

interface KeepalivedRewrite {
  readonly file: LabFile;
  readonly included: readonly LabFile[];
  readonly scripts: LabNode['scripts'];
  readonly trackFiles: readonly string[];
  readonly blockers: readonly string[];
}

/** The folder part of a URI or path, with its trailing `/`. */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** Include lines of a parsed file, nested ones too. */
function includesOf(nodes: readonly KeepalivedNode[]): KeepalivedInclude[] {
  const found: KeepalivedInclude[] = [];
  for (const entry of nodes) {
    if (entry.kind === 'include') found.push(entry);
    else if (entry.kind === 'item' && entry.block) found.push(...includesOf(entry.block.items));
  }
  return found;
}

/**
 * The lab copy of a node's Keepalived file and of the files it includes. Copies keep their places
 * relative to the main file, so relative `include` lines need no change; the rewrites walk what
 * keepalived would load (includes followed, `@` lines chosen), each edit going to the file its
 * line was written in.
 */
function rewriteKeepalived(
  node: string,
  part: KeepalivedPart,
  model: ClusterModel,
  paths: LabPaths,
  rewrites: LabRewrite[],
): KeepalivedRewrite {
  const { document } = part;
  const view = part.index.view;
  const base = folderOf(document.uri);
  const copyDir = `${paths.dir}/${node}`;
  const editsByFile = new Map<string, Edit[]>();
  const textOf = (uri: string): string =>
    uri === document.uri ? document.text : (model.textOf(uri) ?? '');
  const scripts: { path: string; command: string; failFile: string }[] = [];
  const trackFiles: string[] = [];
  const blockers: string[] = [];
  const included = [...view.included].filter((uri) => uri !== document.uri);
  for (const uri of [document.uri, ...included]) {
    editsByFile.set(uri, []);
    if (uri !== document.uri && !uri.startsWith(base)) {
      blockers.push(
        `${node}: ${uri} is included from outside ${base}; the lab copies only files beside it`,
      );
    }
    const ast = uri === document.uri ? document.parse.ast : parseKeepalived(textOf(uri)).ast;
    for (const include of includesOf(ast.items)) {
      const path = include.path?.value ?? '';
      if (path.startsWith('/') || path.startsWith('~')) {
        const line = textOf(uri).slice(0, include.start).split('\n').length;
        blockers.push(
          `${node}: the lab cannot copy the absolute include on line ${line} of ${uri} (${path}); use a path relative to the file`,
        );
      }
    }
  }
  const visit = (nodes: readonly KeepalivedNode[], parent: string | undefined): void => {
    for (const entry of nodes) {
      if (entry.kind !== 'item') continue;
      const keyword = entry.keyword.value;
      const file = view.uriOf(entry) ?? document.uri;
      const text = textOf(file);
      const edits = editsByFile.get(file) ?? [];
      editsByFile.set(file, edits);
      if (NOTIFY.test(keyword)) {
        edits.push(
          dropLine(
            text,
            entry.start,
            `${keyword} left out: it would run the host's own scripts`,
            '!',
          ),
        );
        continue;
      }
      if (
        parent === 'global_defs' &&
        keyword === 'script_user' &&
        entry.args[0]?.value !== 'root'
      ) {
        edits.push({
          start: entry.args[0]?.start ?? entry.keyword.end,
          end: entry.args[entry.args.length - 1]?.end ?? entry.keyword.end,
          text: entry.args[0] ? 'root' : ' root',
          why: 'the lab runs check scripts as root (the user may not exist here)',
        });
        continue;
      }
      if (parent === 'vrrp_script' && keyword === 'script' && entry.args.length > 0) {
        const first = entry.args[0];
        const last = entry.args[entry.args.length - 1];
        if (first && last) {
          const name = currentScript ?? 'script';
          const path = `${paths.dir}/${node}-check-${safe(name)}.sh`;
          const failFile = `${paths.dir}/fail/${node}-${safe(name)}`;
          scripts.push({ path, command: entry.args.map((word) => word.value).join(' '), failFile });
          edits.push({
            start: first.start,
            end: last.end,
            text: `"${path}"`,
            why: 'the check runs through a lab wrapper that can make it fail on demand',
          });
        }
        continue;
      }
      if (parent === 'vrrp_track_file' || parent === 'track_file') {
        if (keyword === 'file' && entry.args[0]) {
          const path = `${paths.dir}/${node}-track-${safe(currentScript ?? 'file')}`;
          trackFiles.push(path);
          edits.push({
            start: entry.args[0].start,
            end: entry.args[0].end,
            text: `"${path}"`,
            why: 'the tracked file lives in the lab folder',
          });
        }
        continue;
      }
      if (entry.block) {
        const previous = currentScript;
        if (
          keyword === 'vrrp_script' ||
          keyword === 'vrrp_track_file' ||
          keyword === 'track_file'
        ) {
          currentScript = entry.args[0]?.value;
        }
        visit(entry.block.items, keyword);
        currentScript = previous;
      }
    }
  };
  let currentScript: string | undefined;
  visit(view.items, undefined);
  const copy = (uri: string): LabFile => ({
    uri,
    path: `${copyDir}/${uri.slice(base.length)}`,
    text: applyEdits(node, uri, textOf(uri), editsByFile.get(uri) ?? [], rewrites),
  });
  return {
    file: copy(document.uri),
    included: included.filter((uri) => uri.startsWith(base)).map(copy),
    // A file included twice declares its scripts twice: one wrapper each.
    scripts: scripts.filter(
      (script, i) => scripts.findIndex((other) => other.path === script.path) === i,
    ),
    trackFiles: [...new Set(trackFiles)],
    blockers,
  };
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
}

/** `a.b.c.d` as a number, for picking free addresses. */
function ipv4Value(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (
    parts.length !== 4 ||
    parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)
  ) {
    return undefined;
  }
  return (
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0
  );
}

function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** The VRRP facts of one node's instance the lab needs. */
interface InstanceView {
  readonly node: ClusterNode;
  readonly interface: string | undefined;
  readonly source: string | undefined;
  readonly vips: readonly { address: string; prefix: number; dev: string | undefined }[];
  readonly trackInterfaces: readonly string[];
  readonly advert: number;
  readonly preemptDelay: number;
}

function instancesOf(node: ClusterNode): InstanceView[] {
  return node.keepalived.flatMap((part) =>
    part.index.instances.map((instance) => ({
      node,
      interface: instance.interface?.value?.value,
      source: instance.unicastSrc?.address,
      vips: instance.vips
        .filter((vip) => vip.family === 4)
        .map((vip) => {
          const devAt = vip.item.args.findIndex((word) => word.value === 'dev');
          const prefix = Number(/\/(\d+)$/.exec(vip.word.value)?.[1] ?? '32');
          return {
            address: vip.address,
            prefix: Number.isInteger(prefix) && prefix <= 32 ? prefix : 32,
            dev: devAt >= 0 ? vip.item.args[devAt + 1]?.value : undefined,
          };
        }),
      trackInterfaces: instance.trackInterfaces.map((use) => use.name),
      advert: Number(instance.advertInt?.value?.value ?? '1') || 1,
      // `preempt_delay` alone means keepalived's default of 0; a value is seconds.
      preemptDelay: Number(instance.preemptDelay?.args[0]?.value ?? '0') || 0,
    })),
  );
}

/** Seconds of a keepalived script's `interval` × `fall` / `rise` (defaults 1 s, 1, 1). */
function scriptTiming(node: ClusterNode, name: string): { fail: number; recover: number } {
  for (const part of node.keepalived) {
    const definition = part.index.scripts.get(name);
    if (!definition) continue;
    const value = (keyword: string, fallback: number): number => {
      const line = itemsOf(definition.item).find((item) => item.keyword.value === keyword);
      const number = Number(line?.args[0]?.value);
      return Number.isFinite(number) && number > 0 ? number : fallback;
    };
    const interval = value('interval', 1);
    return { fail: interval * value('fall', 1), recover: interval * value('rise', 1) };
  }
  return { fail: 1, recover: 1 };
}

/**
 * The lab for one analysed cluster. `graph` is the cluster's topology graph (built with no
 * folding), whose simulation groups are what the drills compare against.
 */
export function planLab(model: ClusterModel, graph: TopologyGraph, paths: LabPaths): LabPlan {
  const rewrites: LabRewrite[] = [];
  const notes: string[] = [];
  const blockers: string[] = [];
  const version = model.settings.haproxy.version;

  // Addresses written anywhere, so that the lab's own never collide with them.
  const used = new Set<number>();
  const views = new Map<ClusterNode, InstanceView[]>();
  for (const node of model.nodes) {
    const instances = instancesOf(node);
    views.set(node, instances);
    for (const instance of instances) {
      for (const vip of instance.vips) used.add(ipv4Value(vip.address) ?? 0);
      if (instance.source) used.add(ipv4Value(instance.source) ?? 0);
    }
    for (const part of node.keepalived) {
      for (const instance of part.index.instances) {
        for (const peer of instance.unicastPeers) used.add(ipv4Value(peer.address) ?? 0);
      }
    }
  }
  const firstVip = [...views.values()].flat().flatMap((view) => view.vips)[0];
  const subnet = firstVip ?? { address: '192.0.2.1', prefix: 24 };
  const base = ipv4Value(subnet.address) ?? 0;
  const prefix = Math.min(Math.max(subnet.prefix, 8), 30);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (base & mask) >>> 0;
  const broadcast = (network | (~mask >>> 0)) >>> 0;
  let next = broadcast - 1;
  const freeAddress = (): string => {
    while (next > network && used.has(next)) next--;
    used.add(next);
    return `${ipv4Text(next--)}/${prefix}`;
  };
  const inSubnet = (address: string): boolean => {
    const value = ipv4Value(address);
    return value !== undefined && (value & mask) >>> 0 === network;
  };

  const nodes: LabNode[] = [];
  const serverByKey = new Map<string, LabServer>();
  const frontends: LabFrontend[] = [];
  const frontendIds = new Set<string>();
  for (const node of model.nodes) {
    const instances = views.get(node) ?? [];
    const interfaces = new Map<string, string[]>();
    const want = (name: string | undefined): string[] | undefined => {
      if (name === undefined || !/^[A-Za-z0-9_.-]{1,15}$/.test(name)) return undefined;
      let list = interfaces.get(name);
      if (!list) {
        list = [];
        interfaces.set(name, list);
      }
      return list;
    };
    for (const instance of instances) {
      const main = want(instance.interface ?? 'eth0');
      if (instance.source && main) {
        const entry = `${instance.source}/${inSubnet(instance.source) ? prefix : 32}`;
        if (!main.includes(entry)) main.push(entry);
      }
      for (const vip of instance.vips) want(vip.dev);
      for (const name of instance.trackInterfaces) want(name);
    }
    if (interfaces.size === 0) want('eth0');
    // Every node needs an address of its own on the segment, in the VIP's subnet when it has none.
    const [firstName, firstList] = [...interfaces.entries()][0] ?? ['eth0', []];
    if (!firstList.some((entry) => inSubnet(entry.split('/')[0] ?? ''))) {
      firstList.push(freeAddress());
      if (!interfaces.has(firstName)) interfaces.set(firstName, firstList);
    }

    const haproxyDocs = node.input.haproxyConfig ?? node.input.haproxy;
    const haproxy =
      node.haproxy && haproxyDocs.length > 0
        ? rewriteHaproxy(node.name, haproxyDocs, paths, rewrites)
        : [];
    let nonlocalBind = false;
    for (const bind of node.haproxy?.binds ?? []) {
      if (bind.wildcard || bind.loopback || bind.address === undefined) continue;
      const own = [...interfaces.values()]
        .flat()
        .some((entry) => entry.split('/')[0] === bind.address);
      if (!own && !bind.transparent) nonlocalBind = true;
    }

    const keepalivedPart = node.keepalived[0];
    if (node.keepalived.length > 1) {
      blockers.push(
        `${node.name}: the lab runs one Keepalived file per node; this node has ${node.keepalived.length}`,
      );
    }
    const keepalived = keepalivedPart
      ? rewriteKeepalived(node.name, keepalivedPart, model, paths, rewrites)
      : undefined;
    if (keepalived) blockers.push(...keepalived.blockers);
    nodes.push({
      name: node.name,
      configId: node.configId,
      interfaces: [...interfaces.entries()].map(([name, addresses]) => ({ name, addresses })),
      haproxy,
      keepalived: keepalived?.file,
      included: keepalived?.included ?? [],
      scripts: keepalived?.scripts ?? [],
      trackFiles: keepalived?.trackFiles ?? [],
      nonlocalBind,
    });

    // Servers and the frontends that serve a VIP.
    for (const document of haproxyDocs) {
      const table = haproxyReferences(document.parse.ast, version);
      const { symbols } = table;
      // The live backend or listen sections of a name, as the reference table defines them.
      const backends = (name: string): ProxySymbol[] =>
        table
          .definitions('backend', name)
          .flatMap((site) => (site.dead ? [] : (symbols.proxyOf(site.section) ?? [])));
      for (const proxy of symbols.proxies) {
        if (proxy.kind !== 'backend' && proxy.kind !== 'listen') continue;
        for (const server of proxy.servers) {
          if (!server.name || !server.address || server.template) continue;
          const address = serverAddress(server.address.value);
          if (!address) continue;
          const key = `${proxy.name ?? ''}/${server.name.value}`;
          if (!serverByKey.has(key)) {
            serverByKey.set(key, { key, name: server.name.value, ...address });
          }
        }
      }
      for (const proxy of symbols.proxies) {
        if (proxy.kind !== 'frontend' && proxy.kind !== 'listen') continue;
        const backend = backendOf(proxy, backends);
        if (!backend) continue;
        const servers = backend.servers.filter(
          (server) =>
            server.name &&
            server.address &&
            serverAddress(server.address.value) &&
            !server.template,
        );
        if (servers.length === 0) continue;
        const active: string[] = [];
        const backups: string[] = [];
        let inter = 2;
        let fall = 3;
        for (const server of servers) {
          const options = effectiveServerOptions(backend, server);
          if (options.has('disabled')) continue;
          const key = `${backend.name ?? ''}/${server.name?.value ?? ''}`;
          (options.has('backup') ? backups : active).push(key);
          inter = haproxyTime(options.get('inter')?.args[0]?.value) ?? inter;
          fall = Number(options.get('fall')?.args[0]?.value ?? fall) || fall;
        }
        const balance = inheritedSetting(backend, 'balance')?.args[0]?.value ?? 'roundrobin';
        const cookie = inheritedSetting(backend, 'cookie');
        for (const instance of instances) {
          for (const vip of instance.vips) {
            for (const bind of node.haproxy?.binds ?? []) {
              if (bind.sectionName !== proxy.name || bind.sectionKind !== proxy.kind) continue;
              if (!bindCovers(bind, vip.address, 4)) continue;
              const port = bind.ports[0]?.[0];
              if (port === undefined) continue;
              const id = `${proxy.name ?? ''} @ ${vip.address}:${port}`;
              if (frontendIds.has(id)) continue;
              frontendIds.add(id);
              frontends.push({
                id,
                proxy: proxy.name ?? '',
                vip: vip.address,
                port,
                mode: proxy.mode === 'http' ? 'http' : 'tcp',
                backend: backend.name ?? '',
                active,
                backups,
                allBackups: inheritedOption(backend, 'allbackups') !== undefined,
                balance,
                cookie: cookie !== undefined && cookie.args.length > 1,
                downAfter: inter * fall,
              });
            }
          }
        }
      }
    }
  }

  const checks: LabCheck[] = [];
  for (const group of graph.groups) {
    for (const member of group.members) {
      const node = model.nodes.find((entry) => entry.name === member.node);
      const lab = nodes.find((entry) => entry.name === member.node);
      if (!node || !lab) continue;
      for (const check of member.checks) {
        if (checks.some((entry) => entry.id === check.id)) continue;
        let how: LabCheck['how'];
        let timing = { fail: 1, recover: 1 };
        if (check.kind === 'script') {
          const script = lab.scripts.find((entry) =>
            entry.failFile.endsWith(`/${lab.name}-${safe(check.name)}`),
          );
          if (script) how = { failFile: script.failFile };
          timing = scriptTiming(node, check.name);
        } else if (check.kind === 'interface') {
          if (lab.interfaces.some((entry) => entry.name === check.name)) {
            how = { interface: check.name };
          }
        }
        checks.push({
          id: check.id,
          node: member.node,
          name: check.name,
          kind: check.kind,
          how,
          failAfter: timing.fail,
          recoverAfter: timing.recover,
        });
      }
    }
  }
  if (checks.some((check) => check.how === undefined)) {
    notes.push(
      'Tracked files and processes are not failed one by one (only scripts and interfaces are).',
    );
  }
  const noHaproxy = nodes.filter((node) => node.haproxy.length === 0).map((node) => node.name);
  if (noHaproxy.length > 0 && checks.length > 0) {
    notes.push(
      `${noHaproxy.join(', ')} ${noHaproxy.length === 1 ? 'has' : 'have'} no HAProxy files here, so no HAProxy runs there in the lab: checks that watch HAProxy fail from the start, and the predictions count them as failing.`,
    );
  }
  if (nodes.some((node) => node.nonlocalBind)) {
    notes.push(
      'net.ipv4.ip_nonlocal_bind=1 is set on nodes whose HAProxy binds an address they may not hold, as a real node needs.',
    );
  }
  if (graph.groups.length === 0) {
    blockers.push('no VRRP group: the lab drills failover between Keepalived nodes');
  }
  const adverts = [...views.values()].flat().map((view) => view.advert);
  return {
    nodes,
    servers: [...serverByKey.values()],
    frontends,
    groups: graph.groups,
    checks,
    client: freeAddress(),
    rewrites,
    notes,
    blockers,
    advertInterval: Math.max(1, ...adverts),
    preemptDelay: Math.max(0, ...[...views.values()].flat().map((view) => view.preemptDelay)),
  };
}

/** The backend a plain request to `proxy` reaches, if any. */
function backendOf(
  proxy: ProxySymbol,
  backends: (name: string) => readonly ProxySymbol[],
): ProxySymbol | undefined {
  if (proxy.kind === 'listen' && proxy.servers.length > 0) return proxy;
  const plain = proxy.statements('use_backend').find((line) => line.condition === undefined);
  const name = plain?.args[0]?.value ?? inheritedSetting(proxy, 'default_backend')?.args[0]?.value;
  return name === undefined ? undefined : backends(name)[0];
}
