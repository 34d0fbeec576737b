/**
 * What the HAProxy-side cluster rules need from a node's Keepalived configuration: the addresses
 * the node holds for sure (`static_ipaddress`, `unicast_src_ip`), the virtual addresses of its
 * instances, and the command lines of the checks each instance tracks. Read from the node indexes
 * the model already built, once per node.
 */
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../keepalived/ast.js';
import type {
  InstanceInfo,
  NamedDefinition,
  NodeIndex,
  TrackUse,
} from '../keepalived/analysis/index-node.js';
import { canonicalAddress, literalFamily } from './addresses.js';
import type { FactLocation } from './haproxy-facts.js';
import type { ClusterNode, KeepalivedPart } from './model.js';
import { beforeFirst } from '../common/text-scan.js';

/** An address written in a Keepalived file of the node. */
interface AddressFact extends FactLocation {
  /** Canonical address. */
  readonly address: string;
  readonly family: 4 | 6;
}

/** A virtual address of one instance. */
interface VipFact extends AddressFact {
  readonly instance: InstanceFact;
  /** From `virtual_ipaddress_excluded` (managed, but not in adverts). */
  readonly excluded: boolean;
}

/** A tracked check of an instance (its own or its sync group's). */
export interface TrackedCommand {
  readonly kind: 'script' | 'process';
  readonly use: TrackUse;
  readonly definition: NamedDefinition | undefined;
  /** The `script` command line, or the `process` name; undefined when not written. */
  readonly command: string | undefined;
}

/** One `vrrp_instance` of the node. */
export interface InstanceFact {
  readonly instance: InstanceInfo;
  readonly part: KeepalivedPart;
  /** File the `vrrp_instance` line is written in. */
  readonly uri: string;
  readonly vips: readonly VipFact[];
  readonly tracked: readonly TrackedCommand[];
  /** Keepalived starts the instance in BACKUP (an explicit state, else priority below 255). */
  readonly startsBackup: boolean;
}

/** The Keepalived facts of one node. */
interface KeepalivedFacts {
  /** Addresses the node itself holds: `static_ipaddress` entries and `unicast_src_ip`. */
  readonly localAddresses: readonly AddressFact[];
  readonly instances: readonly InstanceFact[];
}

function uriOf(part: KeepalivedPart, node: KeepalivedNode): string {
  return part.index.view.uriOf(node) ?? part.document.uri;
}

function itemsOf(item: KeepalivedItem): KeepalivedItem[] {
  return (item.block?.items ?? []).filter((node): node is KeepalivedItem => node.kind === 'item');
}

function opaque(word: KeepalivedWord): boolean {
  return word.hasTemplate || word.refs.length > 0;
}

function addressFact(uri: string, word: KeepalivedWord): AddressFact | undefined {
  if (opaque(word)) return undefined;
  const bare = word.value.split('/')[0] ?? '';
  const address = canonicalAddress(bare);
  const family = literalFamily(beforeFirst(bare, '%'));
  if (address === undefined || family === undefined) return undefined;
  return { uri, start: word.start, end: word.end, address, family };
}

/** The words after `keyword` in a definition block, joined by single spaces. */
function blockLine(definition: NamedDefinition, keyword: string): string | undefined {
  const line = itemsOf(definition.item).find((item) => item.keyword.value === keyword);
  if (!line || line.args.length === 0 || line.args.some(opaque)) return undefined;
  return line.args.map((word) => word.value).join(' ');
}

function trackedOf(instance: InstanceInfo, index: NodeIndex): TrackedCommand[] {
  const scripts: TrackUse[] = [...instance.trackScripts];
  const processes: TrackUse[] = [...instance.trackProcesses];
  // Checks tracked by a sync group apply to each of its members.
  for (const group of index.syncGroups) {
    if (!group.members.some((member) => member.name === instance.name)) continue;
    scripts.push(...group.trackScripts);
    processes.push(...group.trackProcesses);
  }
  const tracked: TrackedCommand[] = [];
  for (const use of scripts) {
    const definition = index.scripts.get(use.name);
    tracked.push({
      kind: 'script',
      use,
      definition,
      command: definition ? blockLine(definition, 'script') : undefined,
    });
  }
  for (const use of processes) {
    const definition = index.trackProcesses.get(use.name);
    tracked.push({
      kind: 'process',
      use,
      definition,
      command: definition ? blockLine(definition, 'process') : undefined,
    });
  }
  return tracked;
}

const cache = new WeakMap<ClusterNode, KeepalivedFacts>();

/** The Keepalived facts of a node (cached per node object). */
export function keepalivedFacts(node: ClusterNode): KeepalivedFacts {
  const cached = cache.get(node);
  if (cached) return cached;
  const localAddresses: AddressFact[] = [];
  const instances: InstanceFact[] = [];
  for (const part of node.keepalived) {
    for (const item of part.index.view.items) {
      if (item.kind !== 'item' || item.keyword.value !== 'static_ipaddress') continue;
      for (const line of itemsOf(item)) {
        const fact = addressFact(uriOf(part, line), line.keyword);
        if (fact) localAddresses.push(fact);
      }
    }
    for (const instance of part.index.instances) {
      const uri = uriOf(part, instance.item);
      if (instance.unicastSrc) {
        const fact = addressFact(uriOf(part, instance.unicastSrc.item), instance.unicastSrc.word);
        if (fact) localAddresses.push(fact);
      }
      const vips: VipFact[] = [];
      const state = instance.state?.value?.value;
      const fact: InstanceFact = {
        instance,
        part,
        uri,
        vips,
        tracked: trackedOf(instance, part.index),
        startsBackup: state === undefined ? instance.priority < 255 : state !== 'MASTER',
      };
      for (const [entries, excluded] of [
        [instance.vips, false],
        [instance.excludedVips, true],
      ] as const) {
        for (const entry of entries) {
          const address = addressFact(uriOf(part, entry.item), entry.word);
          if (address) vips.push({ ...address, instance: fact, excluded });
        }
      }
      instances.push(fact);
    }
  }
  const facts: KeepalivedFacts = { localAddresses, instances };
  cache.set(node, facts);
  return facts;
}

/**
 * The nodes analysed together for HAProxy drift: nodes joined by a VRRP group that spans them,
 * or every node when none has a Keepalived configuration. Each returned list has two or more
 * nodes, in model order.
 */
export function haproxyClusters(
  nodes: readonly ClusterNode[],
  groups: readonly { readonly members: readonly { readonly node: ClusterNode }[] }[],
): ClusterNode[][] {
  if (nodes.every((node) => node.keepalived.length === 0)) {
    return nodes.length > 1 ? [[...nodes]] : [];
  }
  const root = new Map<ClusterNode, ClusterNode>(nodes.map((node) => [node, node]));
  const find = (node: ClusterNode): ClusterNode => {
    let at = node;
    for (let next = root.get(at); next !== undefined && next !== at; next = root.get(at)) at = next;
    return at;
  };
  for (const group of groups) {
    const first = group.members[0]?.node;
    if (!first) continue;
    for (const member of group.members) {
      const a = find(first);
      const b = find(member.node);
      if (a !== b) root.set(b, a);
    }
  }
  const byRoot = new Map<ClusterNode, ClusterNode[]>();
  for (const node of nodes) {
    const key = find(node);
    const list = byRoot.get(key) ?? [];
    list.push(node);
    byRoot.set(key, list);
  }
  return [...byRoot.values()].filter((list) => list.length > 1);
}
