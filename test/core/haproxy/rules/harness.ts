import * as assert from 'node:assert/strict';
import type { Issue } from '../../../../server/src/core/common/issue.js';
import { runRules, type Rule } from '../../../../server/src/core/common/rule.js';
import { makeDocument, type HaproxyDocument } from '../../../../server/src/core/document.js';
import { parseHaproxy } from '../../../../server/src/core/haproxy/index.js';
import type { HaproxyRuleContext } from '../../../../server/src/core/haproxy/rules/index.js';
import { mark } from '../../../helpers/markers.js';

/** Runs one rule over a plain config at a target version. */
export function runRule(rule: Rule<HaproxyRuleContext>, text: string, version = '2.6'): Issue[] {
  const document = makeDocument(
    'haproxy',
    'file:///test.cfg',
    0,
    text,
    parseHaproxy(text),
  ) as HaproxyDocument;
  return runRules(
    [rule],
    { document, settings: { version, severities: {} } },
    'haproxy',
    (code, error) => {
      throw new Error(`${code} threw: ${String(error)}`);
    },
  );
}

/**
 * Runs one rule over a config with `<|…|>` markers and asserts that it reports exactly the marked
 * ranges, in order. Returns the findings and the unmarked text for further checks.
 */
export function expectFindings(
  rule: Rule<HaproxyRuleContext>,
  input: string,
  version = '2.6',
): { issues: Issue[]; text: string } {
  const { text, ranges } = mark(input);
  const issues = runRule(rule, text, version);
  assert.deepEqual(
    issues
      .map((issue) => ({ start: issue.start, end: issue.end }))
      .sort((a, b) => a.start - b.start),
    ranges,
    issues.map((issue) => `${text.slice(issue.start, issue.end)}: ${issue.message}`).join('\n'),
  );
  return { issues, text };
}

/** Applies the first edit of a finding's fix to the text. */
export function applyFix(text: string, issue: Issue | undefined, index = 0): string {
  const edit = issue?.fixes?.[index]?.edits[0];
  assert.ok(edit, 'no fix');
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Three timeouts, so that proxies under test do not also trip missing-timeouts. */
export const DEFAULTS = `defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
`;
