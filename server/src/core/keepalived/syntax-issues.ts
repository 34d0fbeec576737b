import type { Issue, Severity } from '../common/issue.js';

/** Codes of the syntax findings of the Keepalived parser. */
export const KEEPALIVED_SYNTAX_CODES = [
  'syntax-error',
  'missing-close-brace',
  'unexpected-close-brace',
  'unexpected-open-brace',
  'text-after-brace',
  'unterminated-quote',
  'glued-quote',
  'invalid-definition',
  'invalid-sequence',
  'missing-include-path',
  'line-continuation',
  'empty-condition',
  'invalid-condition',
  'conditional-block',
  'unterminated-template',
  'analysis-limit',
] as const;

/** One of {@link KEEPALIVED_SYNTAX_CODES}. */
type KeepalivedSyntaxCode = (typeof KEEPALIVED_SYNTAX_CODES)[number];

/** Builds one parser finding; Keepalived is the source of all of them. */
export function syntaxIssue(
  code: KeepalivedSyntaxCode,
  severity: Severity,
  message: string,
  start: number,
  end: number,
): Issue {
  return { code, severity, message, start, end, source: 'keepalived' };
}
