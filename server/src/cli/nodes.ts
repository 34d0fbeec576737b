import { dirname } from 'node:path';
import type { LanguageService, ParsedDocument, ServiceSettings } from '../core/index.js';
import { comparePaths } from './discover.js';
import { toReportDiagnostic, type LineIndexLookup, type ReportDiagnostic } from './report.js';

/**
 * One machine of the cluster: the configuration files that run together (typically a
 * `haproxy.cfg` and a `keepalived.conf`). Nothing is ever merged across nodes.
 */
export interface ClusterNode {
  /** The folder the files share, or the file's own path with `--no-cluster`. */
  readonly name: string;
  readonly files: readonly ParsedDocument[];
}

/**
 * Groups documents into nodes: the files of one folder form one node. Without clustering every
 * file is a node of its own, so that no check can ever relate two files.
 */
export function groupIntoNodes(
  documents: readonly ParsedDocument[],
  cluster: boolean,
): ClusterNode[] {
  const byName = new Map<string, ParsedDocument[]>();
  for (const document of documents) {
    const name = cluster ? dirname(document.uri) : document.uri;
    const files = byName.get(name);
    if (files) files.push(document);
    else byName.set(name, [document]);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([name, files]) => ({ name, files }));
}

/**
 * Validates every file of every node. Cross-file and cross-node (cluster) checks will take the
 * same node list; until they exist each file is checked alone.
 */
export function analyseNodes(
  nodes: readonly ClusterNode[],
  service: LanguageService,
  settings: ServiceSettings,
  lookup: LineIndexLookup,
): ReportDiagnostic[] {
  const diagnostics: ReportDiagnostic[] = [];
  for (const node of nodes) {
    for (const document of node.files) {
      for (const issue of service.validate(document, settings)) {
        diagnostics.push(
          toReportDiagnostic(issue, document.uri, document.lineIndex, document.languageId, lookup),
        );
      }
    }
  }
  return diagnostics;
}
