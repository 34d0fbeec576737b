/**
 * `ha/createPeerNode`: "Create the Peer Node from This Folder…" on a node folder. The server finds
 * the node whose top-level Keepalived file lies in the folder and asks the core for the same edit
 * the "Create the peer node" code action carries; the client applies it with a preview.
 */
import type { LanguageService, ParsedDocument } from '../core/index.js';
import type { ClusterTracker } from './cluster.js';
import type { RequestRegistry } from './migrate.js';
import type { NodeTable } from './nodes.js';
import { CreatePeerNodeRequest, type CreatePeerNodeResult } from './protocol.js';
import { uriToPath } from './uri.js';

/** What the request reads. */
export interface PeerNodeContext {
  readonly service: LanguageService;
  readonly nodes?: Pick<NodeTable, 'plans'> | undefined;
  readonly cluster?: Pick<ClusterTracker, 'analysisFor' | 'isCurrent' | 'runNow'> | undefined;
}

/** A folder's path without a trailing separator, so `lb1` and `lb1/` compare equal. */
function folderPath(uri: string): string {
  return uriToPath(uri).replace(/[\\/]+$/, '');
}

/** The top-level Keepalived files of the planned nodes that lie directly in `folderUri`. */
function keepalivedFilesIn(nodes: Pick<NodeTable, 'plans'>, folderUri: string): ParsedDocument[] {
  const wanted = folderPath(folderUri);
  const found = new Map<string, ParsedDocument>();
  for (const plan of nodes.plans()) {
    for (const node of plan.nodes) {
      for (const document of node.keepalived) {
        const slash = document.uri.lastIndexOf('/');
        if (slash > 0 && folderPath(document.uri.slice(0, slash)) === wanted) {
          found.set(document.uri, document);
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.uri.localeCompare(b.uri));
}

/** The peer node of a folder, or the reason there is none. */
export async function createPeerNode(
  context: PeerNodeContext,
  folderUri: string,
): Promise<CreatePeerNodeResult> {
  const { service, nodes, cluster } = context;
  const name = folderPath(folderUri).split(/[\\/]/).pop() ?? folderUri;
  if (!nodes || !cluster) {
    return { error: 'The peer node needs the workspace analysis, which this server does not run.' };
  }
  const files = keepalivedFilesIn(nodes, folderUri);
  if (files.length === 0) {
    return {
      error: `${name} is not a node folder: it holds no keepalived.conf of a cluster (node folders sit side by side, lb1/ and lb2/).`,
    };
  }
  const reasons: string[] = [];
  for (const document of files) {
    // The first request may come before the first analysis, or right after an edit.
    if (!cluster.isCurrent(document.uri) || !cluster.analysisFor(document.uri)) {
      await cluster.runNow();
    }
    const result = service.getPeerNode(document, { cluster: cluster.analysisFor(document.uri) });
    if (!('reason' in result)) return result;
    reasons.push(result.reason);
  }
  return { error: `No peer node can be written from ${name}: ${reasons.join('; ')}.` };
}

/** Registers `ha/createPeerNode`. */
export function registerPeerNode(on: RequestRegistry, context: PeerNodeContext): void {
  on.request(CreatePeerNodeRequest, ({ folderUri }) => createPeerNode(context, folderUri), {
    error: 'The server could not compute the peer node (see its log).',
  });
}
