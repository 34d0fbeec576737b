/**
 * The `ha/fixAllWorkspace` request: the safe fixes of every file of the workspace clusters, as
 * one workspace edit the client previews and applies. Each file is fixed as its diagnostics are
 * computed (its settings, its nodes), through the language service's `fixAll`.
 */
import type { Connection, TextDocumentEdit } from 'vscode-languageserver';
import { toLspEdits } from '../core/index.js';
import type { LanguageService, ParsedDocument, ServiceSettings } from '../core/index.js';
import { guardRequest } from './handlers.js';
import type { Logger } from './logger.js';
import type { NodeTable } from './nodes.js';
import { FixAllWorkspaceRequest, type FixAllWorkspaceResult } from './protocol.js';

/** What the request needs from the server. */
export interface FixAllDependencies {
  readonly service: LanguageService;
  readonly nodes: NodeTable;
  /** The open buffer of a URI, whose version the edit carries. */
  readonly openDocument: (uri: string) => ParsedDocument | undefined;
  readonly settingsFor: (uri: string) => Promise<ServiceSettings>;
  readonly log: Logger;
}

/** Every file of the planned clusters, once, current snapshots. */
function clusterFiles(nodes: NodeTable): ParsedDocument[] {
  const byUri = new Map<string, ParsedDocument>();
  for (const plan of nodes.plans()) {
    for (const node of plan.nodes) {
      for (const document of [...node.haproxy, ...(node.haproxyConfig ?? []), ...node.keepalived]) {
        if (!byUri.has(document.uri)) byUri.set(document.uri, document);
      }
    }
  }
  return [...byUri.values()].sort((a, b) => a.uri.localeCompare(b.uri));
}

/** The workspace fix-all, computed without changing anything. */
export async function fixAllWorkspace(deps: FixAllDependencies): Promise<FixAllWorkspaceResult> {
  const { service, nodes, openDocument, settingsFor } = deps;
  const documentChanges: TextDocumentEdit[] = [];
  const fixed: Record<string, number> = {};
  const files = clusterFiles(nodes);
  for (const document of files) {
    const result = service.fixAll(
      document,
      {},
      { settings: await settingsFor(document.uri), nodes: nodes.nodesOf(document.uri) },
    );
    if (result.edits.length === 0) continue;
    for (const [code, count] of Object.entries(result.fixed)) {
      fixed[code] = (fixed[code] ?? 0) + count;
    }
    const open = openDocument(document.uri);
    documentChanges.push({
      // The client refuses an edit of a buffer that changed since: its offsets would be stale.
      textDocument: { uri: document.uri, version: open ? open.version : null },
      edits: toLspEdits(document, result.edits),
    });
  }
  return { edit: { documentChanges }, fixed, files: files.length };
}

/** Registers `ha/fixAllWorkspace`. */
export function registerFixAll(connection: Connection, deps: FixAllDependencies): void {
  connection.onRequest(
    FixAllWorkspaceRequest,
    guardRequest(
      FixAllWorkspaceRequest.method,
      () => fixAllWorkspace(deps),
      { edit: { documentChanges: [] }, fixed: {}, files: 0 },
      deps.log,
    ),
  );
}
