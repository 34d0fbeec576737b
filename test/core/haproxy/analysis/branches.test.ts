import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  branchActivity,
  evaluateExpression,
} from '../../../../server/src/core/haproxy/analysis/branches.js';
import { parseHaproxy } from '../../../../server/src/core/haproxy/index.js';
import type { Statement } from '../../../../server/src/core/haproxy/ast.js';

test('expressions are evaluated where the target version decides them', () => {
  assert.equal(evaluateExpression('version_atleast(2.4)', '2.6'), true);
  assert.equal(evaluateExpression('version_atleast(3.0)', '2.6'), false);
  assert.equal(evaluateExpression('version_before(3.0)', '2.6'), true);
  assert.equal(evaluateExpression('version_atleast(2.6.0)', '2.6'), true);
  assert.equal(evaluateExpression('version_atleast(2.6.9)', '2.6'), undefined);
  assert.equal(evaluateExpression('!version_atleast(3.2) && 1', '3.4'), false);
  assert.equal(evaluateExpression('feature(QUIC) || version_atleast(2.0)', '2.6'), true);
  assert.equal(evaluateExpression('feature(QUIC) && version_atleast(2.0)', '2.6'), undefined);
  assert.equal(evaluateExpression('defined(FOO)', '2.6'), undefined);
  assert.equal(evaluateExpression('streq(a,a)', '2.6'), true);
  assert.equal(evaluateExpression('streq("${X}",a)', '2.6'), undefined);
  assert.equal(evaluateExpression('0', '2.6'), false);
  assert.equal(evaluateExpression('(1 || 0) && !0', '2.6'), true);
  assert.equal(evaluateExpression('version_atleast(', '2.6'), undefined);
});

function statements(text: string): Statement[] {
  const { ast } = parseHaproxy(text);
  return ast.sections.flatMap((section) =>
    section.items.filter((item): item is Statement => item.kind === 'statement'),
  );
}

const config = [
  'backend be',
  '.if version_atleast(3.0)',
  '  server a 10.0.0.1:80',
  '.elif feature(OPENSSL)',
  '  server a 10.0.0.2:80',
  '.else',
  '  server a 10.0.0.3:80',
  '.endif',
  '  server b 10.0.0.4:80',
  '',
].join('\n');

test('branches known not to be taken are dead; undecidable ones stay live', () => {
  const { ast } = parseHaproxy(config);
  const [first, second, third, outside] = statements(config);
  const at26 = branchActivity(ast, '2.6');
  assert.deepEqual(
    [first, second, third, outside].map((s) => at26.isLive(s?.branch)),
    [false, true, true, true],
  );
  const at30 = branchActivity(ast, '3.0');
  assert.deepEqual(
    [first, second, third, outside].map((s) => at30.isLive(s?.branch)),
    [true, false, false, true],
  );
});

test('arms of one block exclude each other, nested arms inherit it', () => {
  const text = [
    'backend be',
    '.if 1',
    '.if defined(A)',
    '  server a x:1',
    '.endif',
    '.else',
    '  server a y:1',
    '.endif',
    '',
  ].join('\n');
  const { ast } = parseHaproxy(text);
  const [inner, other] = statements(text);
  const activity = branchActivity(ast, '3.2');
  assert.equal(activity.exclusive(inner?.branch, other?.branch), true);
  assert.equal(activity.exclusive(inner?.branch, undefined), false);
  assert.equal(activity.isLive(other?.branch), false);
});
