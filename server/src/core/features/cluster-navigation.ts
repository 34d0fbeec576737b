/**
 * Cross-node navigation: the instances of one VRRP group on the other nodes are the same
 * election, so go to definition on a `vrrp_instance` name also lists the peers' instances, and
 * find references adds the peers' instances with their sync-group uses. On a `vrrp_script` name
 * (its definition or a `track_script` entry), find references adds the same-named script
 * definitions and `track_script` entries of the peers. The per-document results stay first; the
 * cluster's are appended without duplicates.
 */
import type { Location } from 'vscode-languageserver-types';
import type { GroupMember } from '../cluster/model.js';
import type { ParsedDocument } from '../document.js';
import {
  LocationSink,
  groupsOf,
  membersNamed,
  membersTrackingScript,
  type ClusterInfo,
  type PlacedMember,
} from './cluster-members.js';
import { globalKey } from '../common/references.js';
import { documentReferences } from '../references.js';

/** Peers on other nodes of the groups the members belong to. */
function peersOf(members: readonly PlacedMember[]): GroupMember[] {
  const own = new Set(members.map(({ member }) => member));
  const nodes = new Set(members.map(({ member }) => member.node));
  const peers: GroupMember[] = [];
  for (const group of groupsOf(members)) {
    for (const member of group.members) {
      if (!own.has(member) && !nodes.has(member.node) && !peers.includes(member)) {
        peers.push(member);
      }
    }
  }
  return peers;
}

/** `existing` (the per-document definitions) with the peers' instances of the group appended. */
export function getClusterDefinition(
  cluster: ClusterInfo,
  document: ParsedDocument,
  offset: number,
  existing: readonly Location[],
): Location[] {
  if (document.languageId !== 'keepalived') return [...existing];
  const here = documentReferences(document).siteAt(offset);
  // Only from the instance's own name: a sync group's use means this node's instance.
  if (here?.kind !== 'vrrp_instance' || !here.definition) return [...existing];
  const sink = new LocationSink(cluster, document, existing);
  for (const peer of peersOf(membersNamed(cluster, document, here.name))) {
    sink.word(peer, peer.instance.item, peer.instance.word);
  }
  return [...existing, ...sink.locations];
}

/** `existing` (the per-document references) with the peers' occurrences appended. */
export function getClusterReferences(
  cluster: ClusterInfo,
  document: ParsedDocument,
  offset: number,
  includeDeclaration: boolean,
  existing: readonly Location[],
): Location[] {
  if (document.languageId !== 'keepalived') return [...existing];
  const here = documentReferences(document).siteAt(offset);
  if (!here) return [...existing];
  const sink = new LocationSink(cluster, document, existing);
  if (here.kind === 'vrrp_instance') {
    for (const peer of peersOf(membersNamed(cluster, document, here.name))) {
      if (includeDeclaration) sink.word(peer, peer.instance.item, peer.instance.word);
      instanceUses(sink, peer);
    }
  } else if (here.kind === 'vrrp_script') {
    for (const peer of peersOf(membersTrackingScript(cluster, document, here.name))) {
      for (const script of peer.scripts) {
        if (script.name !== here.name) continue;
        if (includeDeclaration && script.definition) {
          sink.word(peer, script.definition.item, script.definition.word);
        }
        sink.word(peer, script.use.item, script.use.word);
      }
    }
  }
  return [...existing, ...sink.locations];
}

/** Sync-group uses of a peer's instance name in the peer's top-level file. */
function instanceUses(sink: LocationSink, peer: GroupMember): void {
  const file = peer.document;
  const key = globalKey('vrrp_instance', peer.instance.name);
  for (const site of documentReferences(file).sitesOf(key)) {
    if (!site.definition) sink.add(file.uri, site.start, site.end);
  }
}
