import type {
  ClusterPlan,
  Issue,
  LanguageService,
  ParsedDocument,
  ReferencedFiles,
  ServiceSettings,
} from '../core/index.js';
import { toReportDiagnostic, type LineIndexLookup, type ReportDiagnostic } from './report.js';

/** Identity of a finding, to print a file shared by several nodes' findings once. */
function findingKey(diagnostic: ReportDiagnostic): string {
  return [
    diagnostic.path,
    diagnostic.line,
    diagnostic.column,
    diagnostic.endLine,
    diagnostic.endColumn,
    diagnostic.code,
    diagnostic.message,
  ].join('\u0000');
}

/**
 * Validates every node through the language service (`validateNode`: Keepalived files with the
 * node's config-id and environment, its HAProxy configuration files together), then runs the
 * cross-node analysis of each cluster. A file that belongs to no planned node (a Keepalived file
 * read through an include) is still validated on its own. A finding several nodes share (a file
 * shared by two nodes) is printed once.
 */
export function analysePlans(
  plans: readonly ClusterPlan[],
  documents: readonly ParsedDocument[],
  service: LanguageService,
  settings: ServiceSettings,
  lookup: LineIndexLookup,
  cluster: boolean,
  daemonFindings: ReadonlyMap<string, readonly Issue[]> = new Map(),
  referencedFiles?: ReferencedFiles,
): ReportDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: ReportDiagnostic[] = [];
  const add = (diagnostic: ReportDiagnostic): void => {
    const key = findingKey(diagnostic);
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(diagnostic);
  };
  const byUri = new Map(documents.map((document) => [document.uri, document]));
  const validated = new Set<string>();
  const report = (document: ParsedDocument, found: readonly Issue[]): void => {
    validated.add(document.uri);
    // The files the document names (maps, pattern files, certificates…), as the editor sees them.
    const ours =
      referencedFiles === undefined
        ? found
        : [...found, ...service.referencedFileFindings(document, { settings, referencedFiles })];
    const theirs = daemonFindings.get(document.uri);
    // Where a daemon says what halint says, halint's finding stays with the daemon's words.
    const issues =
      theirs === undefined
        ? ours
        : service.withDaemonFindings(document, ours, { settings, daemonFindings: theirs });
    for (const issue of issues) {
      add(toReportDiagnostic(issue, document.uri, document.lineIndex, document.languageId, lookup));
    }
  };
  for (const plan of plans) {
    for (const node of plan.nodes) {
      for (const [uri, issues] of service.validateNode(node, { settings })) {
        const document = byUri.get(uri);
        if (document) report(document, issues);
      }
    }
  }
  for (const document of documents) {
    if (!validated.has(document.uri)) report(document, service.validate(document, { settings }));
  }
  // A daemon's findings on files halint was not given (an include outside the folders named).
  for (const [uri, issues] of daemonFindings) {
    if (byUri.has(uri)) continue;
    const index = lookup(uri);
    if (index === undefined) continue;
    const language = issues[0]?.code === 'keepalived-check' ? 'keepalived' : 'haproxy';
    for (const issue of issues) add(toReportDiagnostic(issue, uri, index, language, lookup));
  }
  if (!cluster) return diagnostics;

  for (const plan of plans) {
    const { issues } = service.analyseCluster(plan.nodes, { settings });
    for (const issue of issues) {
      const uri = issue.uri;
      if (uri === undefined) continue;
      const index = lookup(uri);
      if (index === undefined) continue;
      add(toReportDiagnostic(issue, uri, index, 'keepalived', lookup));
    }
  }
  return diagnostics;
}
