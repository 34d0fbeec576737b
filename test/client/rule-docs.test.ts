import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../client/src/ids.js';
import {
  isRuleCode,
  ruleCodeOf,
  ruleCodesFromFiles,
  ruleDocSegments,
  showDocumentationTitle,
} from '../../client/src/rule-docs.js';
import { SHOW_FINDING_COMMAND } from '../../server/src/core/features/cluster-code-lens.js';
import { projectRoot } from '../helpers/paths.js';

test('rule docs: the code of our diagnostics, in both shapes VS Code uses', () => {
  const target = { toString: () => 'https://example.org/vrid-mismatch.md' };
  assert.equal(
    ruleCodeOf({ source: 'cluster', code: { value: 'vrid-mismatch', target } }),
    'vrid-mismatch',
  );
  assert.equal(ruleCodeOf({ source: 'haproxy', code: 'missing-check' }), 'missing-check');
  // Other extensions' diagnostics and codes that are no page name get no action.
  assert.equal(ruleCodeOf({ source: 'eslint', code: 'no-undef' }), undefined);
  assert.equal(ruleCodeOf({ source: 'keepalived', code: 42 }), undefined);
  assert.equal(ruleCodeOf({ source: 'keepalived', code: '../../etc/passwd' }), undefined);
  assert.equal(ruleCodeOf({ code: 'missing-check' }), undefined);
  assert.equal(isRuleCode('Missing-Check'), false);
  assert.equal(showDocumentationTitle('vrid-mismatch'), 'Show documentation for vrid-mismatch');
});

test('rule docs: every page of docs/rules is offered, and a code maps to its page', () => {
  const files = readdirSync(join(projectRoot, 'docs', 'rules'));
  const codes = ruleCodesFromFiles(files);
  assert.ok(codes.includes('vrid-mismatch'));
  assert.ok(!codes.includes('README'));
  assert.equal(codes.length, files.length - 1);
  for (const code of codes) {
    assert.ok(existsSync(join(projectRoot, ...ruleDocSegments(code))), code);
  }
});

test('rule docs: the cluster lens runs the command the client registers', () => {
  assert.equal(COMMANDS.showProblems, SHOW_FINDING_COMMAND);
});
