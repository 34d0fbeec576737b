import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { keptSlice } from '../../../server/src/core/common/kept-slice.js';

test('is slice for every range, the literal lengths and the longer ones alike', () => {
  fc.assert(
    fc.property(fc.array(fc.anything(), { maxLength: 40 }), fc.nat(), fc.nat(), (items, x, y) => {
      // Ranges past the end and backwards ones too, which `slice` clamps or leaves empty.
      const from = x % (items.length + 3);
      const to = y % (items.length + 3);
      assert.deepStrictEqual(keptSlice(items, from, to), items.slice(from, to));
      assert.deepStrictEqual(keptSlice(items, from), items.slice(from));
    }),
    { numRuns: 500 },
  );
});

test('every length from 0 to 20 gives a new array of exactly the range', () => {
  const items = Array.from({ length: 24 }, (_, index) => ({ index }));
  for (let length = 0; length <= 20; length++) {
    const copy = keptSlice(items, 2, 2 + length);
    assert.equal(copy.length, length);
    assert.notEqual(copy, items);
    copy.forEach((item, at) => assert.equal(item, items[2 + at]));
    copy.push({ index: -1 });
    assert.equal(items.length, 24, 'the source is not touched');
  }
});
