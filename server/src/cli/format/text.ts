import { ruleDocUrl, type Report, type ReportSummary } from '../report.js';

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** `2 errors, 1 warning, 0 info, 0 hints in 3 files`. */
export function summaryLine(summary: ReportSummary, fileCount: number): string {
  return [
    count(summary.errors, 'error', 'errors'),
    count(summary.warnings, 'warning', 'warnings'),
    `${summary.info} info`,
    count(summary.hints, 'hint', 'hints'),
  ]
    .join(', ')
    .concat(` in ${count(fileCount, 'file', 'files')}`);
}

/** Keeps one diagnostic on one line whatever its message contains. */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ');
}

/**
 * Renders `path:line:column: severity: message [code]` lines (the shape compilers use, so that
 * editors and terminals link them), related locations indented below, the documentation page of
 * each rule that fired, and a summary line last.
 */
export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    lines.push(`${d.path}:${d.line}:${d.column}: ${d.severity}: ${oneLine(d.message)} [${d.code}]`);
    for (const r of d.related) {
      lines.push(`    ${r.path}:${r.line}:${r.column}: note: ${oneLine(r.message)}`);
    }
  }
  const codes = [...new Set(report.diagnostics.map((d) => d.code))].sort();
  if (codes.length > 0) {
    lines.push('', 'Rule documentation:');
    for (const code of codes) lines.push(`  ${code}: ${ruleDocUrl(code)}`);
    lines.push('');
  }
  lines.push(summaryLine(report.summary, report.files.length));
  return lines.join('\n') + '\n';
}
