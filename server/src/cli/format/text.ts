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

/**
 * Control characters other than tab and line breaks (C0, DEL, C1). A config may hold them, and
 * messages and paths quote it: raw, an escape sequence would drive the reader's terminal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Shows each control character as a visible `\xNN` escape instead of sending it to a terminal. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Keeps one diagnostic on one line whatever its message contains, without control characters. */
function oneLine(text: string): string {
  return escapeControls(text.replace(/\r?\n|\r/g, ' '));
}

/**
 * Renders `path:line:column: severity: message [code]` lines (the shape compilers use, so that
 * editors and terminals link them), related locations indented below, the documentation page of
 * each rule that fired, and a summary line last.
 */
export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    lines.push(
      `${oneLine(d.path)}:${d.line}:${d.column}: ${d.severity}: ${oneLine(d.message)} [${d.code}]`,
    );
    for (const r of d.related) {
      lines.push(`    ${oneLine(r.path)}:${r.line}:${r.column}: note: ${oneLine(r.message)}`);
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
