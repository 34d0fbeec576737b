import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Issue, QuickFix, Severity } from '../common/issue.js';
import { ruleDocUrl } from '../common/docs.js';
import type { LineIndex } from '../common/line-index.js';
import { DAEMON_SOURCES } from '../daemons/place.js';

const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

/** Options for turning issues into diagnostics. */
export interface DiagnosticOptions {
  /** Base URL of the rule pages; `<base>/<code>.md` is linked from every diagnostic. */
  readonly docsBaseUrl?: string;
  /** Line index of other documents, for related locations that point elsewhere. */
  readonly lineIndexOf?: (uri: string) => LineIndex | undefined;
  /** Version of the document the issues were found in; recorded with the fixes (see below). */
  readonly version?: number;
}

/**
 * What a diagnostic carries in `data.halint` so that a later code-action request can rebuild the
 * quick fixes without validating again: the fixes in offsets, and the version and offsets they
 * were computed for, which tell whether the offsets still hold.
 */
export interface DiagnosticFixData {
  readonly version: number | undefined;
  readonly start: number;
  readonly end: number;
  readonly fixes: readonly QuickFix[];
}

/** Converts one issue into an LSP diagnostic. This is the only place that does so. */
export function toDiagnostic(
  issue: Issue,
  lineIndex: LineIndex,
  options: DiagnosticOptions = {},
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: lineIndex.positionAt(issue.start), end: lineIndex.positionAt(issue.end) },
    severity: LSP_SEVERITY[issue.severity],
    code: issue.code,
    source: sourceOf(issue),
    message: issue.message,
  };
  if (options.docsBaseUrl) {
    diagnostic.codeDescription = { href: ruleDocUrl(issue.code, options.docsBaseUrl) };
  }
  if (issue.tags?.length) {
    diagnostic.tags = issue.tags.map((tag) => (tag === 'unnecessary' ? 1 : 2));
  }
  if (issue.related?.length) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const location of issue.related) {
      const index = options.lineIndexOf?.(location.uri);
      if (!index) continue;
      related.push({
        location: {
          uri: location.uri,
          range: { start: index.positionAt(location.start), end: index.positionAt(location.end) },
        },
        message: location.message,
      });
    }
    if (related.length) diagnostic.relatedInformation = related;
  }
  if (issue.data) diagnostic.data = issue.data;
  if (issue.fixes?.length) {
    const halint: DiagnosticFixData = {
      version: options.version,
      start: issue.start,
      end: issue.end,
      fixes: issue.fixes,
    };
    diagnostic.data = { ...issue.data, halint };
  }
  return diagnostic;
}

const DAEMON_SOURCE_SET: ReadonlySet<string> = new Set(Object.values(DAEMON_SOURCES));

/**
 * The source an editor shows: a daemon's findings name the version that said them
 * (`haproxy -c 3.0.11`), which is how their hover tells which build spoke.
 */
function sourceOf(issue: Issue): string | undefined {
  const version = issue.data?.['version'];
  return issue.source !== undefined &&
    DAEMON_SOURCE_SET.has(issue.source) &&
    typeof version === 'string'
    ? `${issue.source} ${version}`
    : issue.source;
}
