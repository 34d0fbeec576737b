import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../../server/src/core/common/issue.js';
import { getCodeActions } from '../../../server/src/core/features/code-actions.js';
import { toDiagnostic } from '../../../server/src/core/features/diagnostics.js';
import { createLanguageService } from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();

function issueAt(range: { start: number; end: number }, withFix: boolean): Issue {
  return {
    code: 'missing-check',
    severity: 'warning',
    message: 'no check',
    start: range.start,
    end: range.end,
    fixes: withFix
      ? [
          {
            title: "Add 'check'",
            edits: [{ start: range.end, end: range.end, text: ' check' }],
            preferred: true,
          },
        ]
      : undefined,
  };
}

test('haproxy: the fix carried in the diagnostic data becomes a preferred quick fix', () => {
  const { text, ranges } = mark('backend be\n    server <|s1 10.0.0.1:80|>\n');
  const document = service.parse('haproxy', 'file:///h.cfg', text, 3);
  const issue = issueAt(ranges[0]!, true);
  const diagnostic = toDiagnostic(issue, document.lineIndex, { version: 3 });
  let revalidated = 0;
  const actions = getCodeActions(document, [diagnostic], () => {
    revalidated++;
    return [];
  });
  assert.equal(revalidated, 0, 'fresh data needs no validation');
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind, action.isPreferred]),
    [
      ["Add 'check'", 'quickfix', true],
      ['Disable missing-check on this line', 'quickfix', undefined],
    ],
  );
  const edits = actions[0]?.edit?.changes?.['file:///h.cfg'];
  assert.deepEqual(edits, [
    {
      range: { start: { line: 1, character: 25 }, end: { line: 1, character: 25 } },
      newText: ' check',
    },
  ]);
  const disable = actions[1]?.edit?.changes?.['file:///h.cfg'];
  assert.deepEqual(disable?.[0]?.newText, '    # halint-disable-next-line missing-check\n');
  assert.deepEqual(disable?.[0]?.range.start, { line: 1, character: 0 });
});

test('a stale version makes the fixes come from a fresh validation', () => {
  const { text, ranges } = mark('backend be\n    server <|s1 10.0.0.1:80|>\n');
  const document = service.parse('haproxy', 'file:///h.cfg', text, 5);
  const stale = toDiagnostic(
    { ...issueAt(ranges[0]!, true), fixes: [{ title: 'old', edits: [] }] },
    document.lineIndex,
    { version: 4 },
  );
  let revalidated = 0;
  const actions = getCodeActions(document, [stale, stale], () => {
    revalidated++;
    return [issueAt(ranges[0]!, true)];
  });
  assert.equal(revalidated, 1);
  assert.deepEqual(
    actions.map((action) => action.title),
    ["Add 'check'", "Add 'check'", 'Disable missing-check on this line'],
  );
});

test('keepalived: every diagnostic offers to disable its rule on its line', () => {
  const text = 'vrrp_instance VI_1 {\n  state MASTER\n';
  const document = service.parse('keepalived', 'file:///k.conf', text, 1);
  const diagnostics = service.getDiagnostics(document);
  assert.ok(diagnostics.length > 0);
  const actions = service.getCodeActions(document, { diagnostics });
  const first = actions[0];
  assert.match(first?.title ?? '', /^Disable [a-z-]+ on this line$/);
  assert.equal(first?.edit?.changes?.['file:///k.conf']?.[0]?.range.start.line, 0);
});

test('a request for other kinds gets no quick fixes', () => {
  const document = service.parse('keepalived', 'file:///k.conf', 'vrrp_instance VI_1 {\n', 1);
  const diagnostics = service.getDiagnostics(document);
  assert.deepEqual(service.getCodeActions(document, { diagnostics, only: ['refactor'] }), []);
  assert.ok(service.getCodeActions(document, { diagnostics, only: ['quickfix'] }).length > 0);
});
