import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../server/src/core/common/line-index.js';
import { applyChange } from '../../../server/src/core/common/text-change.js';
import { seededRandom } from '../../helpers/random.js';

test('positions and offsets round-trip on LF and CRLF text', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = ['global', '  maxconn 10', '', 'defaults'].join(eol);
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = index.positionAt(offset);
      if (text[offset - 1] === '\r') continue; // inside a CRLF: clamps to the line end
      assert.equal(
        index.offsetAt(position),
        offset,
        `offset ${offset} with ${JSON.stringify(eol)}`,
      );
    }
    assert.deepEqual(index.positionAt(text.indexOf('maxconn')), { line: 1, character: 2 });
    assert.equal(index.lineEnd(1) - index.lineStart(1), '  maxconn 10'.length);
  }
});

test('columns count UTF-16 code units', () => {
  const text = '# 🚀 x\nbackend b';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 5 });
});

test('out-of-range positions clamp to the text', () => {
  const index = new LineIndex('ab\ncd');
  assert.equal(index.offsetAt({ line: 9, character: 0 }), 5);
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
  assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
});

test('a lone carriage return ends a line, as LSP 3.17 says', () => {
  const text = 'global\r  maxconn 10\r\n\rdefaults\n';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 5);
  assert.deepEqual(index.positionAt(text.indexOf('maxconn')), { line: 1, character: 2 });
  assert.deepEqual(index.positionAt(text.indexOf('defaults')), { line: 3, character: 0 });
  assert.equal(index.lineEnd(0), 'global'.length);
  assert.equal(index.lineEnd(1), text.indexOf('\r\n'));
  assert.equal(index.lineEnd(2), text.indexOf('\r\n') + 2);
  assert.equal(index.offsetAt({ line: 3, character: 3 }), text.indexOf('defaults') + 3);
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
    assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
  }
});

test('an index updated by edits equals the index of the edited text read afresh', () => {
  // Insertions and deletions of newlines, carriage returns and plain text at random places,
  // edits at either end included; each step compares every line start through the public API.
  const pieces = ['\n', '\n\n', 'ab', '', 'x\ny', '\r\n', '\r', 'backend b\n  server s 1'];
  for (let seed = 1; seed <= 20; seed++) {
    const random = seededRandom(seed);
    let text = 'global\n  maxconn 10\n\ndefaults\n  mode http\n';
    let index = new LineIndex(text);
    // Half the sequences stay free of '\r', so that the copy-and-shift path runs throughout.
    const choices = seed % 2 === 0 ? pieces.filter((piece) => !piece.includes('\r')) : pieces;
    for (let step = 0; step < 60; step++) {
      const a = Math.floor(random() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(random() * 6));
      const change = {
        start: a,
        end: b,
        text: choices[Math.floor(random() * choices.length)] ?? '',
      };
      text = applyChange(text, change);
      index = LineIndex.edited(index, text, change);
      const fresh = new LineIndex(text);
      assert.equal(index.lineCount, fresh.lineCount, `seed ${seed}, step ${step}`);
      for (let line = 0; line < fresh.lineCount; line++) {
        assert.equal(index.lineStart(line), fresh.lineStart(line), `seed ${seed}, step ${step}`);
        assert.equal(index.lineEnd(line), fresh.lineEnd(line), `seed ${seed}, step ${step}`);
      }
    }
  }
});
