import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../../server/src/core/common/issue.js';
import { LineIndex } from '../../../server/src/core/common/line-index.js';
import {
  applySuppressions,
  disableNextLineEdit,
} from '../../../server/src/core/common/suppressions.js';

/** One issue with `code` on every line whose text contains `X`. */
function issuesOn(text: string, code = 'demo'): Issue[] {
  const issues: Issue[] = [];
  let at = text.indexOf('X');
  while (at !== -1) {
    issues.push({ code, severity: 'error', message: 'm', start: at, end: at + 1 });
    at = text.indexOf('X', at + 1);
  }
  return issues;
}

function kept(text: string, code = 'demo'): number[] {
  const index = new LineIndex(text);
  return applySuppressions(issuesOn(text, code), text, index).map(
    (issue) => index.positionAt(issue.start).line,
  );
}

test('disable-next-line silences the named code on the next non-comment line only', () => {
  const text = 'a X\n# halint-disable-next-line demo\n\n# note\nb X\nc X\n';
  assert.deepEqual(kept(text), [0, 5]);
  assert.deepEqual(kept(text, 'other'), [0, 4, 5]);
});

test('Keepalived `!` comments, several codes, explanations and the bare form all work', () => {
  assert.deepEqual(kept('! halint-disable-next-line other, demo -- known\nX\nX\n'), [2]);
  assert.deepEqual(kept('  # halint-disable-next-line\nX\nX\n', 'anything'), [2]);
});

test('disable … enable silences a region; an unclosed disable runs to the end', () => {
  const text = 'X\n# halint-disable demo\nX\nX\n# halint-enable demo\nX\n# halint-disable\nX\n';
  assert.deepEqual(kept(text), [0, 5]);
});

test('directive text that is not in a comment does nothing', () => {
  assert.deepEqual(kept('log-tag halint-disable-next-line\nX\n'), [1]);
});

test('the quick-fix edit inserts an indented comment above the line', () => {
  const text = 'backend b\n    server s X\n';
  const edit = disableNextLineEdit(text, new LineIndex(text), text.indexOf('X'), 'demo');
  assert.deepEqual(edit, { start: 10, end: 10, text: '    # halint-disable-next-line demo\n' });
  const fixed = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  assert.deepEqual(kept(fixed), []);
});
