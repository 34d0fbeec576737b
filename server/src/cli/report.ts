import { PROJECT_URL, ruleDocUrl } from '../core/index.js';
import type { Issue, IssueSource, LanguageId, LineIndex, Severity } from '../core/index.js';
import { comparePaths } from '../node/discover.js';

/** Name and version the CLI reports in every format. */
export const TOOL_NAME = 'halint';
/** Inlined by the build; the fallback shows up only when the sources run unbundled. */
export const TOOL_VERSION: string = process.env.HALINT_VERSION ?? '0.0.0-dev';
/** Home page of the project, for SARIF's `informationUri`. */
export const INFORMATION_URI = PROJECT_URL;
export { ruleDocUrl };

/** A second place that explains a diagnostic. Lines and columns are 1-based. */
interface ReportRelated {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * One finding. Lines and columns are 1-based and count UTF-16 code units, as LSP does;
 * `endColumn` is one past the last character.
 */
export interface ReportDiagnostic {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly source: IssueSource;
  readonly related: readonly ReportRelated[];
}

/** A file that was analysed. */
interface ReportFile {
  readonly path: string;
  readonly language: LanguageId;
}

/** Counts per severity. */
export interface ReportSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  readonly hints: number;
}

/** Everything a run found; every output format is a rendering of this. */
export interface Report {
  readonly tool: typeof TOOL_NAME;
  readonly version: string;
  readonly files: readonly ReportFile[];
  readonly diagnostics: readonly ReportDiagnostic[];
  readonly summary: ReportSummary;
}

/** Line index and path of a document, looked up by the uri an issue or related location names. */
export type LineIndexLookup = (uri: string) => LineIndex | undefined;

/**
 * Converts a core issue into a report diagnostic. `path` and `lineIndex` are those of the
 * document that was validated; an issue that names another document (`issue.uri`) is placed in
 * that one, which `lookup` provides. When no text is known for it the position falls back to the
 * start of that file rather than dropping the finding.
 */
export function toReportDiagnostic(
  issue: Issue,
  path: string,
  lineIndex: LineIndex,
  language: LanguageId,
  lookup: LineIndexLookup,
): ReportDiagnostic {
  const target = issue.uri ?? path;
  const index = issue.uri === undefined ? lineIndex : lookup(issue.uri);
  const start = index?.positionAt(issue.start) ?? { line: 0, character: 0 };
  const end = index?.positionAt(issue.end) ?? start;
  const related: ReportRelated[] = [];
  for (const location of issue.related ?? []) {
    const relatedIndex = lookup(location.uri);
    // Without the other file's text its offsets mean nothing; core's LSP conversion drops these too.
    if (relatedIndex === undefined) continue;
    const at = relatedIndex.positionAt(location.start);
    related.push({
      path: location.uri,
      line: at.line + 1,
      column: at.character + 1,
      message: location.message,
    });
  }
  return {
    path: target,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
    source: issue.source ?? language,
    related,
  };
}

/** Orders diagnostics by path, then position; equal ones keep the order they came in. */
export function compareDiagnostics(a: ReportDiagnostic, b: ReportDiagnostic): number {
  return (
    comparePaths(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

/** Counts diagnostics per severity. */
export function summarize(diagnostics: readonly ReportDiagnostic[]): ReportSummary {
  const counts = { errors: 0, warnings: 0, info: 0, hints: 0 };
  for (const diagnostic of diagnostics) {
    switch (diagnostic.severity) {
      case 'error':
        counts.errors++;
        break;
      case 'warning':
        counts.warnings++;
        break;
      case 'info':
        counts.info++;
        break;
      case 'hint':
        counts.hints++;
        break;
    }
  }
  return counts;
}
