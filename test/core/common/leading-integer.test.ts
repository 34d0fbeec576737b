import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { leadingInteger } from '../../../server/src/core/common/leading-integer.js';

test('reads the leading integer like C atoi: sign, digits, junk after them ignored', () => {
  assert.equal(leadingInteger('42'), 42);
  assert.equal(leadingInteger('7a'), 7);
  assert.equal(leadingInteger('+5'), 5);
  assert.equal(leadingInteger('-5'), -5);
  assert.equal(leadingInteger('007'), 7);
  assert.equal(leadingInteger('  12'), 12);
  assert.equal(leadingInteger('1-3'), 1);
  assert.equal(leadingInteger('-0'), 0);
});

test('is 0 when the word does not start with a number', () => {
  for (const text of ['', 'abc', '-', '+', 'a-3', '- 5', 'x7']) {
    assert.equal(leadingInteger(text), 0, text);
  }
  // Only the blanks of C's isspace() are skipped, not every Unicode space.
  assert.equal(leadingInteger('\u00a05'), 0);
  assert.equal(leadingInteger('\t\v\f\r\n5'), 5);
});

test('an int keeps the low 32 bits of the saturated long, as glibc atoi does', () => {
  // Each of these was checked with haproxy -c (2.6.12 and 3.0.11): port 4294967376 is port 80,
  // `balance uri len 4294967296` reads 0 and is refused, 2147483648 is a negative port.
  assert.equal(leadingInteger('4294967376'), 80);
  assert.equal(leadingInteger('4294967296'), 0);
  assert.equal(leadingInteger('2147483648'), -2147483648);
  assert.equal(leadingInteger('99999999999'), 1215752191);
  // Beyond the range of a long, strtol saturates to LONG_MAX, whose low 32 bits are -1.
  assert.equal(leadingInteger('99999999999999999999'), -1);
  assert.equal(leadingInteger('-99999999999999999999'), 0);
});

test('a long keeps the saturated value', () => {
  assert.equal(leadingInteger('4294967296', 'long'), 4294967296);
  assert.equal(leadingInteger('-5', 'long'), -5);
  assert.equal(leadingInteger('99999999999999999999', 'long'), Number((1n << 63n) - 1n));
  assert.equal(leadingInteger('-99999999999999999999', 'long'), -Number(1n << 63n));
  assert.equal(leadingInteger('abc', 'long'), 0);
});

test('agrees with a big-integer model of strtol on any signed digit string', () => {
  const model = (sign: string, digits: string, store: 'int' | 'long'): number => {
    let value = BigInt(sign + digits);
    const max = (1n << 63n) - 1n;
    if (value > max) value = max;
    if (value < -max - 1n) value = -max - 1n;
    return Number(store === 'int' ? BigInt.asIntN(32, value) : value);
  };
  fc.assert(
    fc.property(
      fc.constantFrom('', '+', '-'),
      fc.stringMatching(/^\d{1,25}$/),
      fc.constantFrom('', 'ms', 'x', '-7'),
      fc.constantFrom('int' as const, 'long' as const),
      (sign, digits, tail, store) => {
        assert.equal(leadingInteger(sign + digits + tail, store), model(sign, digits, store));
      },
    ),
  );
});
