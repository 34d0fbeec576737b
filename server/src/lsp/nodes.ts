/**
 * Which files the server validates together: the nodes of the workspace, planned by the core's
 * `planClusters` from every file the server knows (disk snapshots, open buffers winning) and the
 * `.halint.json` mappings. The diagnostics publisher asks for a document's nodes and hands them
 * to the language service (`getDiagnostics`), which validates the file as its node reads it; the
 * cluster tracker analyses the same plans. One plan serves both, so a file's own findings never
 * depend on whether a cluster analysis has run.
 */
import {
  planClusters,
  type ClusterNodeInput,
  type ClusterPlan,
  type FileHost,
  type HaproxyDocument,
  type KeepalivedDocument,
  type ParsedDocument,
} from '../core/index.js';
import type { Workspace } from './workspace.js';

/** What the node table needs from the rest of the server. */
interface NodeTableDependencies {
  /** Workspace files from disk; absent in a server that knows open documents only. */
  readonly workspace?: Pick<Workspace, 'documents' | 'nodeMappings'>;
  readonly openDocuments: () => ParsedDocument[];
  /** Resolves Keepalived includes, so that included files are not taken for nodes. */
  readonly files: FileHost;
  /** Told about files whose node changed (another config-id, other files read with them). */
  readonly changed?: (uris: ReadonlySet<string>) => void;
}

/** The plan and the documents it was made from. */
interface Planned {
  /** What the plan depends on: see {@link planKey}. */
  readonly key: readonly unknown[];
  /** The snapshots the nodes hold. */
  readonly documents: readonly ParsedDocument[];
  readonly plans: ClusterPlan[];
  readonly byUri: ReadonlyMap<string, readonly ClusterNodeInput[]>;
}

/**
 * What decides the plan: the set of files with their languages, the Keepalived snapshots (their
 * include lines decide which files are nodes) and the mappings. An edit of a HAProxy file changes
 * none of it, so typing in one does not plan the workspace again.
 */
function planKey(documents: readonly ParsedDocument[], mappings: readonly unknown[]): unknown[] {
  return [
    ...mappings,
    '',
    ...documents.map((document) =>
      document.languageId === 'haproxy' ? `haproxy ${document.uri}` : document,
    ),
  ];
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * What a file's validation takes from its nodes, as text, or '' when it is validated as it would
 * be alone: the config-ids and environments of a Keepalived file's nodes, the files read together
 * with a HAProxy file. A change of it means the file must be published again.
 */
function roleOf(document: ParsedDocument, nodes: readonly ClusterNodeInput[]): string {
  const parts: unknown[] = [];
  for (const node of nodes) {
    if (document.languageId === 'keepalived') {
      if (node.configId !== undefined || node.env !== undefined) {
        parts.push([node.configId, node.env]);
      }
      continue;
    }
    const together = (node.haproxyConfig ?? []).map((file) => file.uri);
    if (together.length > 1 && together.includes(document.uri)) parts.push(together);
  }
  return parts.length === 0 ? '' : JSON.stringify(parts);
}

/** The nodes of the workspace, planned again only when what decides them changed. */
export class NodeTable {
  private planned: Planned | undefined;
  private roles = new Map<string, string>();

  constructor(private readonly deps: NodeTableDependencies) {}

  /** Every document the server knows: disk snapshots of workspace files, open buffers winning. */
  documents(): ParsedDocument[] {
    const open = this.deps.openDocuments();
    return this.deps.workspace ? this.deps.workspace.documents(open) : open;
  }

  /** The clusters and their nodes, holding the current snapshot of every file. */
  plans(): ClusterPlan[] {
    return this.current().plans;
  }

  /** The nodes a file belongs to (several for a file a mapping shares); empty when none. */
  nodesOf(uri: string): readonly ClusterNodeInput[] {
    return this.current().byUri.get(uri) ?? [];
  }

  /** The other files validated together with `uri`: the HAProxy files of its nodes' configuration. */
  readTogetherWith(uri: string): string[] {
    const peers = new Set<string>();
    for (const node of this.nodesOf(uri)) {
      const together = (node.haproxyConfig ?? []).map((document) => document.uri);
      if (together.includes(uri)) for (const peer of together) if (peer !== uri) peers.add(peer);
    }
    return [...peers];
  }

  private current(): Planned {
    const documents = this.documents();
    const mappings = this.deps.workspace?.nodeMappings() ?? [];
    const key = planKey(documents, mappings);
    const previous = this.planned;
    if (previous && sameKey(previous.key, key)) {
      if (sameKey(previous.documents, documents)) return previous;
      // Same plan; only HAProxy snapshots are newer. The nodes are rebuilt around them.
      const planned = { key, documents, ...index(rebind(previous.plans, documents)) };
      this.planned = planned;
      return planned;
    }
    const plans = planClusters(documents, mappings, this.deps.files);
    const planned = { key, documents, ...index(plans) };
    this.planned = planned;
    this.noteRoles(documents, planned.byUri);
    return planned;
  }

  /** Tells which files are validated differently since the last plan. */
  private noteRoles(
    documents: readonly ParsedDocument[],
    byUri: ReadonlyMap<string, readonly ClusterNodeInput[]>,
  ): void {
    const roles = new Map<string, string>();
    for (const document of documents) {
      const role = roleOf(document, byUri.get(document.uri) ?? []);
      if (role !== '') roles.set(document.uri, role);
    }
    const changed = new Set<string>();
    for (const uri of new Set([...roles.keys(), ...this.roles.keys()])) {
      if (roles.get(uri) !== this.roles.get(uri)) changed.add(uri);
    }
    this.roles = roles;
    // Told once the caller has its answer: a publication it starts asks for nodes itself.
    const notify = this.deps.changed;
    if (changed.size > 0 && notify) queueMicrotask(() => notify(changed));
  }
}

/** The plans with every file replaced by its current snapshot. */
function rebind(
  plans: readonly ClusterPlan[],
  documents: readonly ParsedDocument[],
): ClusterPlan[] {
  const byUri = new Map(documents.map((document) => [document.uri, document]));
  const fresh = <T extends ParsedDocument>(document: T): T =>
    (byUri.get(document.uri) as T | undefined) ?? document;
  return plans.map((plan) => ({
    id: plan.id,
    nodes: plan.nodes.map((node) => ({
      ...node,
      haproxy: node.haproxy.map((document: HaproxyDocument) => fresh(document)),
      keepalived: node.keepalived.map((document: KeepalivedDocument) => fresh(document)),
      ...(node.haproxyConfig
        ? { haproxyConfig: node.haproxyConfig.map((document) => fresh(document)) }
        : {}),
    })),
  }));
}

/** The plans with the nodes of each file. */
function index(plans: ClusterPlan[]): Pick<Planned, 'plans' | 'byUri'> {
  const byUri = new Map<string, ClusterNodeInput[]>();
  for (const plan of plans) {
    for (const node of plan.nodes) {
      for (const document of new Set([...node.haproxy, ...node.keepalived])) {
        const list = byUri.get(document.uri);
        if (list) list.push(node);
        else byUri.set(document.uri, [node]);
      }
    }
  }
  return { plans, byUri };
}
