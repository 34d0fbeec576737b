import type { Severity } from '../../core/index.js';
import type { Report } from '../report.js';
import { escapeControls, summaryLine } from './text.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  hint: 'notice',
};

/** Escapes the message part of a workflow command. */
export function escapeData(text: string): string {
  return escapeControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a property value, where `:` and `,` would end the value early. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Renders GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner
 * turns into annotations on the changed lines, followed by a plain summary line for the log.
 */
export function formatGithub(report: Report): string {
  const lines = report.diagnostics.map((d) => {
    const properties = [
      `file=${escapeProperty(d.path)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`;
  });
  lines.push(summaryLine(report.summary, report.files.length));
  return lines.join('\n') + '\n';
}
