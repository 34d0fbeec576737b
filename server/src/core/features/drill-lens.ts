/**
 * "Run failover drill" code lenses above each `vrrp_instance` whose VRRP group spans several
 * nodes: they run `halint lab` on the cluster's folder (the client opens a terminal for it). The
 * lens carries that folder, the deepest folder holding every file of every node, so the client
 * needs no knowledge of how nodes were formed.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import { membersOfInstance, nodeCount, type ClusterInfo } from './cluster-members.js';

/** The client command the lens runs (registered by the VS Code extension). */
export const RUN_DRILL_COMMAND = 'haKeepalived.runFailoverDrill';

const TITLE = 'Run failover drill';

/** The deepest folder (as a URI ending in `/`) that holds every one of `uris`, if they share one. */
export function commonFolder(uris: readonly string[]): string | undefined {
  let prefix: string | undefined;
  for (const uri of uris) {
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
    if (prefix === undefined) {
      prefix = folder;
      continue;
    }
    while (prefix !== '' && !folder.startsWith(prefix)) {
      prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
    }
  }
  // `file:///` alone is no cluster folder.
  return prefix !== undefined && /^[a-z]+:\/\/.*\/[^/]+\/$/.test(prefix) ? prefix : undefined;
}

/** Drill lenses of a Keepalived document in a cluster. */
export function getDrillLenses(cluster: ClusterInfo, document: ParsedDocument): CodeLens[] {
  if (document.languageId !== 'keepalived') return [];
  const uris = cluster.model.nodes.flatMap((node) => [
    ...node.input.haproxy.map((file) => file.uri),
    ...node.input.keepalived.map((file) => file.uri),
  ]);
  const folder = commonFolder(uris);
  if (folder === undefined) return [];
  const lenses: CodeLens[] = [];
  for (const node of document.parse.ast.items) {
    if (node.kind !== 'item' || node.keyword.value !== 'vrrp_instance') continue;
    const shared = membersOfInstance(cluster, document, node).some(
      (placed) => nodeCount(placed.group) >= 2,
    );
    if (!shared) continue;
    const range = {
      start: document.lineIndex.positionAt(node.keyword.start),
      end: document.lineIndex.positionAt(node.keyword.end),
    };
    lenses.push({
      range,
      command: { title: TITLE, command: RUN_DRILL_COMMAND, arguments: [folder] },
    });
  }
  return lenses;
}
