import * as assert from 'node:assert/strict';
import type { Issue } from '../../../../server/src/core/common/issue.js';
import { runRules, type Rule } from '../../../../server/src/core/common/rule.js';
import { makeDocument, type KeepalivedDocument } from '../../../../server/src/core/document.js';
import { parseKeepalived } from '../../../../server/src/core/keepalived/index.js';
import type { KeepalivedRuleContext } from '../../../../server/src/core/keepalived/rules/index.js';
import { mark } from '../../../helpers/markers.js';

/** Runs rules over a plain keepalived.conf. */
export function runKeepalivedRules(
  rules: readonly Rule<KeepalivedRuleContext>[],
  text: string,
  version = '2.2',
): Issue[] {
  const document = makeDocument(
    'keepalived',
    'file:///keepalived.conf',
    0,
    text,
    parseKeepalived(text),
  ) as KeepalivedDocument;
  return runRules(
    rules,
    { document, settings: { version, severities: {} } },
    'keepalived',
    (code, error) => {
      throw new Error(`${code} threw: ${String(error)}`);
    },
  );
}

/** Asserts that one rule reports exactly the `<|…|>` ranges of `input`, in order. */
export function expectFindings(
  rule: Rule<KeepalivedRuleContext>,
  input: string,
): { issues: Issue[]; text: string } {
  const { text, ranges } = mark(input);
  const issues = runKeepalivedRules([rule], text).sort((a, b) => a.start - b.start);
  assert.deepEqual(
    issues.map((issue) => ({ start: issue.start, end: issue.end })),
    ranges,
    issues.map((issue) => `${text.slice(issue.start, issue.end)}: ${issue.message}`).join('\n'),
  );
  return { issues, text };
}

/** Applies every edit of one fix of a finding. */
export function applyFix(text: string, issue: Issue, index = 0): string {
  const fix = issue.fixes?.[index];
  assert.ok(fix, 'no fix');
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** A vrrp_instance block with the given extra lines. */
export function instance(name: string, lines: string): string {
  return `vrrp_instance ${name} {\n${lines}\n}\n`;
}

/** A global_defs block that keeps script-security quiet. */
export const SECURE = 'global_defs {\n  enable_script_security\n  script_user root\n}\n';
