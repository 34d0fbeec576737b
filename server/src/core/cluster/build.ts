/**
 * Builds the cluster model: every node's Keepalived files expanded for that node, its HAProxy
 * facts, and the VRRP groups that span the nodes.
 */
import type { FileHost } from '../common/file-host.js';
import { LineIndex } from '../common/line-index.js';
import type { KeepalivedItem, KeepalivedNode } from '../keepalived/ast.js';
import {
  nodeIndex,
  type InstanceInfo,
  type NamedDefinition,
  type NodeIndex,
  type TrackUse,
} from '../keepalived/analysis/index-node.js';
import { haproxyFacts } from './haproxy-facts.js';
import type {
  ClusterInput,
  ClusterModel,
  ClusterNode,
  GroupMember,
  KeepalivedPart,
  TrackedCheck,
  VrrpGroup,
} from './model.js';

/** Records the text of every file the expansion reads, so findings there can be placed. */
function recordingHost(files: FileHost, texts: Map<string, string>): FileHost {
  return {
    readFile(uri) {
      const text = files.readFile(uri);
      if (text !== undefined) texts.set(uri, text);
      return text;
    },
    glob: (pattern, relativeTo) => files.glob(pattern, relativeTo),
    ...(files.outside ? { outside: (uri: string) => files.outside?.(uri) ?? false } : {}),
  };
}

/** The `weight` line of a definition block (`track_file`, `vrrp_track_process`), if numeric. */
function definitionWeight(item: KeepalivedItem): number | undefined {
  for (const node of item.block?.items ?? []) {
    if (node.kind !== 'item' || node.keyword.value !== 'weight') continue;
    const value = node.args[0]?.value;
    if (value !== undefined && /^[-+]?\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

function checksOf(instance: InstanceInfo, index: NodeIndex): TrackedCheck[] {
  const checks: TrackedCheck[] = [];
  const add = (
    kind: TrackedCheck['kind'],
    use: TrackUse,
    definition: NamedDefinition | undefined,
    definitionWeightValue: number | undefined,
  ): void => {
    checks.push({
      kind,
      name: use.name,
      // The weight on the track line overrides the definition's; without either, a failure
      // means FAULT (keepalived's default weight 0).
      weight: use.weight ?? definitionWeightValue ?? 0,
      reverse: use.reverse,
      use,
      definition,
    });
  };
  for (const use of instance.trackScripts) {
    const definition = index.scripts.get(use.name);
    add('script', use, definition, definition?.weight);
  }
  for (const use of instance.trackInterfaces) add('interface', use, undefined, undefined);
  for (const use of instance.trackFiles) {
    const definition = index.trackFiles.get(use.name);
    // A track_file's own weight defaults to 1 (man page), unlike scripts.
    add('file', use, definition, definition ? (definitionWeight(definition.item) ?? 1) : undefined);
  }
  for (const use of instance.trackProcesses) {
    const definition = index.trackProcesses.get(use.name);
    add('process', use, definition, definition ? definitionWeight(definition.item) : undefined);
  }
  return checks;
}

/** Minimal union-find over member positions. */
class Groups {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    // Path compression keeps repeated finds cheap on large clusters.
    let at = i;
    while (this.parent[at] !== root) {
      const next = this.parent[at] ?? root;
      this.parent[at] = root;
      at = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The lower position stays the root so group order follows input order.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Joins members on different nodes that share a key (an instance name, a VIP). */
function groupMembers(members: readonly GroupMember[]): VrrpGroup[] {
  const sets = new Groups(members.length);
  const byKey = new Map<string, number[]>();
  members.forEach((member, position) => {
    const keys = [
      `name\u0000${member.instance.name}`,
      ...member.instance.vips.map((vip) => `vip\u0000${vip.address}`),
    ];
    for (const key of new Set(keys)) {
      const list = byKey.get(key) ?? [];
      list.push(position);
      byKey.set(key, list);
    }
  });
  for (const positions of byKey.values()) {
    for (const a of positions) {
      for (const b of positions) {
        // Two instances of one node sharing a VIP are a per-node problem, not one election.
        if (a < b && members[a]?.node !== members[b]?.node) sets.union(a, b);
      }
    }
  }
  const byRoot = new Map<number, GroupMember[]>();
  members.forEach((member, position) => {
    const root = sets.find(position);
    const list = byRoot.get(root) ?? [];
    list.push(member);
    byRoot.set(root, list);
  });
  const groups: VrrpGroup[] = [];
  const used = new Set<string>();
  for (const list of byRoot.values()) {
    const first = list[0];
    if (!first) continue;
    let id = first.instance.name || first.instance.vips[0]?.address || 'vrrp';
    // Ids stay unique when two unrelated groups share an instance name on one node.
    for (let n = 2; used.has(id); n++) id = `${first.instance.name}#${n}`;
    used.add(id);
    groups.push({ id, members: list });
  }
  return groups;
}

/**
 * Builds the cluster model. Every node's Keepalived documents are expanded for its config-id
 * (default: the node name), with includes read through `input.files` and the node's `env`
 * supplying `$NAME` values the files do not define. Instances on different nodes join one VRRP
 * group when they share a virtual IP or an instance name; every instance is in exactly one group
 * (a group of one has no peer).
 */
export function buildCluster(input: ClusterInput): ClusterModel {
  const texts = new Map<string, string>();
  const indexes = new Map<string, LineIndex>();
  const files = input.files ? recordingHost(input.files, texts) : undefined;
  const nodes: ClusterNode[] = [];
  const members: GroupMember[] = [];
  for (const nodeInput of input.nodes) {
    const configId = nodeInput.configId ?? nodeInput.name;
    const parts: KeepalivedPart[] = [];
    for (const document of nodeInput.keepalived) {
      texts.set(document.uri, document.text);
      indexes.set(document.uri, document.lineIndex);
      const index = nodeIndex({
        document,
        settings: input.settings.keepalived,
        files,
        configId,
        env: nodeInput.env,
      });
      parts.push({ document, index });
    }
    for (const document of nodeInput.haproxy) {
      texts.set(document.uri, document.text);
      indexes.set(document.uri, document.lineIndex);
    }
    const node: ClusterNode = {
      name: nodeInput.name,
      configId,
      input: nodeInput,
      keepalived: parts,
      haproxy: haproxyFacts(nodeInput.haproxy, nodeInput.env, input.settings),
    };
    nodes.push(node);
    for (const part of parts) {
      for (const instance of part.index.instances) {
        const checks = checksOf(instance, part.index);
        members.push({
          node,
          instance,
          index: part.index,
          document: part.document,
          uri: part.index.view.uriOf(instance.item) ?? part.document.uri,
          scripts: checks
            .filter((check) => check.kind === 'script')
            .map((check) => ({
              name: check.name,
              weight: check.weight,
              definition: part.index.scripts.get(check.name),
              use: check.use,
            })),
          checks,
        });
      }
    }
  }
  return {
    nodes,
    groups: groupMembers(members),
    settings: input.settings,
    textOf: (uri) => texts.get(uri),
    lineIndexOf(uri) {
      let index = indexes.get(uri);
      if (!index) {
        const text = texts.get(uri);
        if (text === undefined) return undefined;
        index = new LineIndex(text);
        indexes.set(uri, index);
      }
      return index;
    },
  };
}

/** The file a line of a member's node was written in (its top-level document when not included). */
export function uriOfNode(member: GroupMember, node: KeepalivedNode): string {
  return member.index.view.uriOf(node) ?? member.document.uri;
}
