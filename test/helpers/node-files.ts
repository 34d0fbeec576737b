/**
 * Node folders in memory for the tests of the code actions that write configuration: files by
 * URI, planned and analysed as the LSP server does, workspace edits applied the way a client
 * applies them (a `CreateFile` over an existing file fails), and every finding of the result.
 */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  LineIndex,
  planClusters,
  type ClusterAnalysis,
  type Issue,
  type ParsedDocument,
} from '../../server/src/core/index.js';

const service = createLanguageService();

/** Files by URI. */
export type Files = Readonly<Record<string, string>>;

/** The documents of `files`, parsed by name (`*.cfg` HAProxy, the rest Keepalived). */
export function parseFiles(files: Files): ParsedDocument[] {
  return Object.entries(files).map(([uri, text]) =>
    service.parse(uri.endsWith('.cfg') ? 'haproxy' : 'keepalived', uri, text),
  );
}

/** The analysed cluster of the node folders in `files` (one parent folder). */
export function analyseFiles(files: Files): ClusterAnalysis {
  const plans = planClusters(parseFiles(files));
  if (plans.length !== 1 || !plans[0]) throw new Error(`expected one cluster, got ${plans.length}`);
  return service.analyseCluster(plans[0].nodes, { settings: DEFAULT_SETTINGS });
}

/** Every finding of `files`: each file's own validation (a node's HAProxy files together), and the cluster's. */
export function allFindings(files: Files): string[] {
  const lines: string[] = [];
  const say = (uri: string, issue: Issue): void => {
    lines.push(`${issue.code} ${uri.replace(/^file:\/\/\/ws\//, '')}: ${issue.message}`);
  };
  const plans = planClusters(parseFiles(files));
  for (const plan of plans) {
    for (const node of plan.nodes) {
      // Each node reads its Keepalived files with its name as config-id, as the cluster model does.
      const validated = service.validateNode(
        { ...node, configId: node.name },
        { settings: DEFAULT_SETTINGS },
      );
      for (const [uri, issues] of validated) {
        for (const issue of issues) say(issue.uri ?? uri, issue);
      }
    }
    const analysis = service.analyseCluster(plan.nodes, { settings: DEFAULT_SETTINGS });
    for (const issue of analysis.issues) say(issue.uri ?? '?', issue);
  }
  return lines.sort();
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offsets = edits
    .map((edit) => ({
      start: index.offsetAt(edit.range.start),
      end: index.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of offsets) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** `files` after `edit`, as a client applies it; throws where a client would refuse it. */
export function applyWorkspaceEdit(files: Files, edit: WorkspaceEdit): Record<string, string> {
  const result: Record<string, string> = { ...files };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const text = result[uri];
    if (text === undefined) throw new Error(`edit of a file that does not exist: ${uri}`);
    result[uri] = applyTextEdits(text, edits);
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected ${change.kind}`);
      if (result[change.uri] !== undefined && !change.options?.overwrite) {
        if (change.options?.ignoreIfExists) continue;
        throw new Error(`${change.uri} exists`);
      }
      result[change.uri] = '';
      continue;
    }
    const text = result[change.textDocument.uri];
    if (text === undefined) {
      throw new Error(`edit of a file that does not exist: ${change.textDocument.uri}`);
    }
    result[change.textDocument.uri] = applyTextEdits(
      text,
      change.edits.filter((one): one is TextEdit => 'range' in one && 'newText' in one),
    );
  }
  return result;
}
