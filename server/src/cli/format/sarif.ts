import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/index.js';
import { INFORMATION_URI, TOOL_NAME, ruleDocUrl, type Report } from '../report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/**
 * SARIF wants URI references: absolute paths become `file:` URLs, relative ones keep their
 * segments (with `/` separators) so that code scanning resolves them against the checkout.
 */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Renders the report as a SARIF 2.1.0 log with one run. */
export function formatSarif(report: Report): string {
  const codes = [...new Set(report.diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: report.version,
            informationUri: INFORMATION_URI,
            rules: codes.map((code) => ({ id: code, helpUri: ruleDocUrl(code) })),
          },
        },
        // Our columns are UTF-16 code units, which is also SARIF's default; say so anyway.
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(d.path) },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  endLine: d.endLine,
                  endColumn: d.endColumn,
                },
              },
            },
          ],
          relatedLocations: d.related.map((r, id) => ({
            id,
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.path) },
              region: { startLine: r.line, startColumn: r.column },
            },
            message: { text: r.message },
          })),
        })),
      },
    ],
  };
  return JSON.stringify(log) + '\n';
}
