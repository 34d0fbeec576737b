import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveWordInPlace, plainWord, wordAt } from '../../../server/src/core/haproxy/words.js';

test('a plain word keeps only its start and text, and answers the rest from its prototype', () => {
  const word = plainWord('check', 10, 15);
  assert.deepStrictEqual(Object.keys(word), ['start', 'raw']);
  assert.equal(word.end, 15);
  assert.equal(word.value, 'check');
  assert.equal(word.quoting, 'none');
  assert.equal(word.hasVariable, false);
  assert.equal(word.template, false);
});

test('a moved plain word has the representation of a freshly made one', () => {
  const word = plainWord('check', 10, 15);
  const moved = wordAt(word, 30, 35);
  assert.deepStrictEqual(moved, plainWord('check', 30, 35));
  assert.deepStrictEqual(Object.keys(moved), ['start', 'raw']);
  assert.equal(moved.end, 35);
});

test('moving in place moves the end with the start, for plain and spelled-out words', () => {
  const plain = plainWord('check', 10, 15);
  moveWordInPlace(plain, 5);
  assert.deepStrictEqual([plain.start, plain.end], [15, 20]);
  // A span longer than its text (what the lexer never cuts) keeps every field.
  const spelled = plainWord('check', 10, 17);
  assert.ok(Object.keys(spelled).includes('end'));
  moveWordInPlace(spelled, 5);
  assert.deepStrictEqual([spelled.start, spelled.end], [15, 22]);
});
