import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import {
  createLanguageService,
  FIX_ALL_KIND,
  type ParsedDocument,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const URI = 'file:///h.cfg';

const TWO_REMOVED = `defaults
    mode http
    <|contimeout|> 5s
    clitimeout 30s
    timeout server 30s

backend be
    server s1 127.0.0.1:8081 <|chek|>
`;

function actionsAt(text: string, index: number, only?: string[]) {
  const document = service.parse('haproxy', URI, text, 1);
  const diagnostics = service.getDiagnostics(document);
  const { ranges } = mark(TWO_REMOVED);
  const range = ranges[index]!;
  const at = diagnostics.filter(
    (diagnostic) => document.lineIndex.offsetAt(diagnostic.range.start) === range.start,
  );
  assert.ok(at.length > 0, 'a diagnostic at the marker');
  return {
    document,
    actions: service.getCodeActions(document, { diagnostics: at, ...(only ? { only } : {}) }),
  };
}

function editedText(document: ParsedDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[URI] ?? [];
  let text = document.text;
  for (const edit of [...edits].reverse()) {
    const start = document.lineIndex.offsetAt(edit.range.start);
    const end = document.lineIndex.offsetAt(edit.range.end);
    text = text.slice(0, start) + edit.newText + text.slice(end);
  }
  return text;
}

test("two findings of one code with safe fixes: 'Fix all' of that code, after its own fix", () => {
  const { text } = mark(TWO_REMOVED);
  const { document, actions } = actionsAt(text, 0);
  const titles = actions.map((action) => action.title);
  const own = titles.indexOf("Replace with 'timeout connect'");
  const all = titles.indexOf("Fix all 'removed-keyword' problems in this file");
  assert.ok(own >= 0 && all > own, titles.join(' | '));
  assert.ok(all < titles.indexOf('Disable removed-keyword on this line'), 'before the disables');
  const action = actions[all]!;
  assert.equal(action.kind, 'quickfix');
  const fixed = editedText(document, action);
  assert.match(fixed, /timeout connect 5s\n {4}timeout client 30s/);
  // Only that code: the typo of the other rule stays.
  assert.match(fixed, / chek\n/);
});

test("one finding of a code: no 'Fix all' (its own fix is the same edit)", () => {
  const { text } = mark(TWO_REMOVED);
  const { actions } = actionsAt(text, 1);
  assert.ok(actions.some((action) => action.title === "Replace with 'check'"));
  assert.ok(!actions.some((action) => action.title.startsWith('Fix all')));
});

test('source.fixAll: asked for explicitly, fixes every safe problem of the file', () => {
  const { text } = mark(TWO_REMOVED);
  const document = service.parse('haproxy', URI, text, 1);
  const unasked = service.getCodeActions(document, { diagnostics: [] });
  assert.ok(!unasked.some((action) => action.kind === FIX_ALL_KIND), 'not in the lightbulb');
  for (const only of [['source.fixAll'], ['source'], [FIX_ALL_KIND]]) {
    const actions = service.getCodeActions(document, { diagnostics: [], only });
    assert.deepEqual(
      actions.map((action) => action.kind),
      [FIX_ALL_KIND],
      `only ${only.join()}`,
    );
    const fixed = editedText(document, actions[0]!);
    assert.match(fixed, /timeout connect 5s\n {4}timeout client 30s/);
    assert.match(fixed, / check\n/);
  }
  // A file with nothing safe to fix still gets an answer, with no edits.
  const clean = service.parse('haproxy', URI, 'defaults\n    mode http\n', 1);
  const [action] = service.getCodeActions(clean, { diagnostics: [], only: ['source.fixAll'] });
  assert.deepEqual(action?.edit?.changes?.[URI], []);
});
