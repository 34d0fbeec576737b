/**
 * What the cluster editor features (hover, code lens, navigation, interface completion) share:
 * the analysis they read, and how the line under the cursor of an open document is matched to
 * the members of the cluster model.
 *
 * The analysis runs after edits have paused, so the model may have read an older text of the
 * document than the one a request is about. When the texts differ, instances are matched by name
 * rather than by offset, and no location inside that document is taken from the model (its
 * offsets would point at the old text).
 */
import type { Location } from 'vscode-languageserver-types';
import { uriOfNode } from '../cluster/build.js';
import type { ClusterModel, GroupMember, VrrpGroup } from '../cluster/model.js';
import type { Issue } from '../common/issue.js';
import type { KeepalivedDocument, ParsedDocument } from '../document.js';
import type { KeepalivedItem, KeepalivedWord } from '../keepalived/ast.js';

/** What the cluster features read: the analysis of the cluster the document belongs to. */
export interface ClusterInfo {
  readonly model: ClusterModel;
  /** The cross-node findings of the analysis (the code lens tells whether failover works). */
  readonly issues: readonly Issue[];
}

/** A member of a group, with its group. */
export interface PlacedMember {
  readonly group: VrrpGroup;
  readonly member: GroupMember;
}

/** The model read exactly the text the request is about, so its offsets hold for it. */
export function isFresh(cluster: ClusterInfo, document: ParsedDocument): boolean {
  return cluster.model.textOf(document.uri) === document.text;
}

/** Every member of every group, in group order. */
export function allMembers(model: ClusterModel): PlacedMember[] {
  return model.groups.flatMap((group) => group.members.map((member) => ({ group, member })));
}

/** The document holds the member's instance line, or is the node file that reached it. */
function reachedFrom(member: GroupMember, uri: string): boolean {
  return member.uri === uri || member.document.uri === uri;
}

/** Members for the `vrrp_instance` item `item` of `document` (one per node sharing the file). */
export function membersOfInstance(
  cluster: ClusterInfo,
  document: KeepalivedDocument,
  item: KeepalivedItem,
): PlacedMember[] {
  const fresh = isFresh(cluster, document);
  const name = item.args[0]?.value;
  return allMembers(cluster.model).filter(({ member }) =>
    fresh
      ? member.uri === document.uri && member.instance.item.start === item.start
      : member.uri === document.uri && name !== undefined && member.instance.name === name,
  );
}

/** Members of nodes reading `document` whose instance is named `name`. */
export function membersNamed(
  cluster: ClusterInfo,
  document: ParsedDocument,
  name: string,
): PlacedMember[] {
  return allMembers(cluster.model).filter(
    ({ member }) => member.instance.name === name && reachedFrom(member, document.uri),
  );
}

/**
 * Members tracking the script `name` whose definition (or the tracking instance) is written in
 * `document`: the document's side of a script shared by a VRRP group.
 */
export function membersTrackingScript(
  cluster: ClusterInfo,
  document: ParsedDocument,
  name: string,
): PlacedMember[] {
  return allMembers(cluster.model).filter(({ member }) =>
    member.scripts.some(
      (script) =>
        script.name === name &&
        (reachedFrom(member, document.uri) ||
          (script.definition !== undefined &&
            uriOfNode(member, script.definition.item) === document.uri)),
    ),
  );
}

/** Groups of the placed members, each once, in order. */
export function groupsOf(placed: readonly PlacedMember[]): VrrpGroup[] {
  const groups: VrrpGroup[] = [];
  for (const { group } of placed) if (!groups.includes(group)) groups.push(group);
  return groups;
}

/** Number of distinct nodes in a group: a group on one node has no peer to compare with. */
export function nodeCount(group: VrrpGroup): number {
  return new Set(group.members.map((member) => member.node)).size;
}

/** Collects locations in the model's files, skipping duplicates and stale places. */
export class LocationSink {
  readonly locations: Location[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly cluster: ClusterInfo,
    private readonly document: ParsedDocument,
    existing: readonly Location[] = [],
  ) {
    for (const location of existing) this.seen.add(keyOf(location));
  }

  /** Adds a word of a member's node; its file is found through the node's view. */
  word(member: GroupMember, item: KeepalivedItem, word: KeepalivedWord): void {
    this.add(uriOfNode(member, item), word.start, word.end);
  }

  /** Adds a range of a file the model read. */
  add(uri: string, start: number, end: number): void {
    // The per-document results already cover this document with its current offsets.
    if (uri === this.document.uri && !isFresh(this.cluster, this.document)) return;
    const index = this.cluster.model.lineIndexOf(uri);
    if (!index) return;
    const location: Location = {
      uri,
      range: { start: index.positionAt(start), end: index.positionAt(end) },
    };
    const key = keyOf(location);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.locations.push(location);
  }
}

function keyOf(location: Location): string {
  const { start, end } = location.range;
  return `${location.uri}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

/**
 * Interface names the keepalived files of the cluster use (`interface`, `dev`, tracked
 * interfaces), for completion on any node.
 */
export function clusterInterfaceNames(model: ClusterModel): string[] {
  const names = new Set<string>();
  for (const node of model.nodes) {
    for (const part of node.keepalived) {
      for (const name of part.index.interfaceNames) names.add(name);
    }
  }
  for (const { member } of allMembers(model)) {
    for (const use of member.instance.trackInterfaces) names.add(use.name);
  }
  names.delete('');
  return [...names].sort();
}
