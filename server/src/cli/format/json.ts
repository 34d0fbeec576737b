import type { Report } from '../report.js';

/**
 * Renders the report as one JSON object. The object is rebuilt field by field so that the key
 * order, and nothing but the documented keys, reaches the output.
 */
export function formatJson(report: Report): string {
  const value = {
    tool: report.tool,
    version: report.version,
    files: report.files.map((f) => ({ path: f.path, language: f.language })),
    diagnostics: report.diagnostics.map((d) => ({
      path: d.path,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      source: d.source,
      related: d.related.map((r) => ({
        path: r.path,
        line: r.line,
        column: r.column,
        message: r.message,
      })),
    })),
    summary: {
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      info: report.summary.info,
      hints: report.summary.hints,
    },
  };
  return JSON.stringify(value) + '\n';
}
