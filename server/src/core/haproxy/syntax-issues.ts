import type { Issue, Severity } from '../common/issue.js';

/** Codes of the syntax findings of the HAProxy parser. */
export const HAPROXY_SYNTAX_CODES = [
  'unterminated-quote',
  'invalid-escape',
  'invalid-variable',
  'directive-outside-section',
  'missing-section-name',
  'unknown-directive',
  'unexpected-directive-argument',
  'stray-conditional',
  'unterminated-conditional',
  'invalid-conditional-expression',
  'invalid-condition',
  'unclosed-anonymous-acl',
  'unmatched-closing-brace',
  'empty-anonymous-acl',
  'analysis-limit',
] as const;

/** One of {@link HAPROXY_SYNTAX_CODES}. */
type SyntaxCode = (typeof HAPROXY_SYNTAX_CODES)[number];

/** Builds one parser finding; HAProxy is the source of all of them. */
export function syntaxIssue(
  code: SyntaxCode,
  start: number,
  end: number,
  message: string,
  severity: Severity = 'error',
): Issue {
  return { code, severity, message, start, end, source: 'haproxy' };
}

/** The same finding moved by `delta` characters. */
export function shiftIssue(issue: Issue, delta: number): Issue {
  return delta === 0 ? issue : { ...issue, start: issue.start + delta, end: issue.end + delta };
}
