import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, type ParsedDocument } from '../../../server/src/core/index.js';

const service = createLanguageService();

/** Runs the features an editor asks for on open, so that every tree walker meets the input. */
function exercise(document: ParsedDocument): void {
  service.validate(document);
  service.getDocumentSymbols(document);
  service.getFoldingRanges(document);
  service.getSemanticTokens(document);
  service.format(document);
  service.getCodeLenses(document);
  service.getDocumentLinks(document);
  service.getHover(document, Math.floor(document.text.length / 2));
  service.getCompletions(document, document.text.length);
}

test(
  'Keepalived blocks nested thousands deep do not overflow the stack',
  { timeout: 60_000 },
  () => {
    for (const depth of [215, 5_000]) {
      const text = 'a {\n'.repeat(depth);
      const document = service.parse('keepalived', 'deep.conf', text);
      exercise(document);
      const limits = document.syntaxIssues.filter((issue) => issue.code === 'analysis-limit');
      assert.equal(limits.length, 1, `one limit finding at depth ${depth}`);
      assert.equal(text.slice(limits[0]?.start, limits[0]?.end), '{');
      // Edits inside the deep part go through the incremental parser, which must agree.
      const updated = service.update(
        document,
        [{ start: text.length - 4, end: text.length - 4, text: 'b {\n}\n' }],
        1,
      );
      const fresh = service.parse('keepalived', 'deep.conf', updated.text);
      assert.deepEqual(updated.parse.issues, fresh.parse.issues);
    }
  },
);

test('closed blocks just past the depth limit are skipped as a whole', () => {
  const open = 'a {\n'.repeat(70);
  const close = '}\n'.repeat(70);
  const document = service.parse('keepalived', 'deep.conf', `${open}${close}vrrp_script x {\n}\n`);
  const codes = document.syntaxIssues.map((issue) => issue.code);
  assert.deepEqual(codes, ['analysis-limit']);
});

test(
  'HAProxy .if with thousands of nested parentheses does not overflow',
  { timeout: 60_000 },
  () => {
    const expression = `${'('.repeat(3_000)}defined(X)${')'.repeat(3_000)}`;
    const text = `.if ${expression}\n.endif\nglobal\n  daemon\n`;
    const document = service.parse('haproxy', 'deep.cfg', text);
    exercise(document);
    const codes = service.validate(document).map((issue) => issue.code);
    assert.ok(codes.includes('analysis-limit'), codes.join());
    assert.ok(!codes.includes('invalid-conditional-expression'));
  },
);

test('expressions within the depth limit are still checked', () => {
  const ok = service.parse(
    'haproxy',
    'ok.cfg',
    `.if ${'('.repeat(60)}defined(X)${')'.repeat(60)}\n.endif\n`,
  );
  assert.deepEqual(ok.syntaxIssues, []);
  const bad = service.parse('haproxy', 'bad.cfg', `.if ((defined(X)\n.endif\n`);
  assert.deepEqual(
    bad.syntaxIssues.map((issue) => issue.code),
    ['invalid-conditional-expression'],
  );
});

test('a single quote followed by a backslash at the line end stays inside the text', () => {
  // Found by the fuzz suite: the quote's range ran one character past the end of the file.
  for (const text of ["'\\", "x '\\", "'\\\nglobal_defs {\n}\n"]) {
    const document = service.parse('keepalived', 'q.conf', text);
    for (const issue of document.syntaxIssues) {
      assert.ok(issue.end <= text.length, `${JSON.stringify(text)}: ${issue.code}`);
      assert.ok(issue.end <= (text.indexOf('\n') + 1 || text.length), issue.code);
    }
  }
});
