import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  closeCandidates,
  editDistance,
  MAX_SUGGESTION_CANDIDATES,
  MAX_SUGGESTION_WORD,
} from '../../../server/src/core/common/edit-distance.js';
import { resetWork, workDone } from '../../../server/src/core/common/work.js';
import { suggestNames } from '../../../server/src/core/haproxy/catalog/index.js';
import { KEEPALIVED_CATALOG } from '../../../server/src/core/keepalived/catalog/index.js';

/** The textbook full-table distance, to check the banded one against. */
function fullDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

test('the banded distance equals the full one up to the limit', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 12 });
  fc.assert(
    fc.property(word, word, fc.nat({ max: 6 }), (a, b, limit) => {
      const exact = fullDistance(a, b);
      assert.equal(editDistance(a, b, limit), Math.min(exact, limit + 1), `${a} ${b} ${limit}`);
    }),
    { seed: 14, numRuns: 2_000 },
  );
  assert.equal(editDistance('balanse', 'balance'), 1);
  assert.equal(editDistance('kitten', 'sitting', 1), 2);
});

test('a megabyte word costs no more than a short one', { timeout: 60_000 }, () => {
  const huge = '{'.repeat(1_000_000);
  resetWork();
  assert.equal(editDistance(huge, `${huge}x`, 2), 1);
  // One banded row per character: 5 cells each at most.
  assert.ok(workDone() <= huge.length * 5 + 5, `${workDone()} cells`);
  resetWork();
  assert.deepEqual(suggestNames(huge, ['{', '{{', 'balance']), []);
  assert.deepEqual(KEEPALIVED_CATALOG.suggest('global_defs', huge), []);
  assert.equal(workDone(), 0);
  const long = 'x'.repeat(MAX_SUGGESTION_WORD + 1);
  assert.deepEqual(closeCandidates(long, [long], 3), []);
  assert.deepEqual(closeCandidates('balance', [long], 3), []);
});

test('suggestions look at a bounded number of candidates', () => {
  const many = Array.from({ length: MAX_SUGGESTION_CANDIDATES * 4 }, (_, i) => `be_${i}`);
  resetWork();
  suggestNames('be_x', many.slice(0, MAX_SUGGESTION_CANDIDATES));
  const capped = workDone();
  resetWork();
  suggestNames('be_x', many);
  assert.equal(workDone(), capped);
  // Repeats count as looked at, so a list of one name repeated is as cheap as a short one.
  assert.deepEqual(
    closeCandidates('be_1', ['be_2', 'be_2', 'be_1'], 1).map((entry) => entry.name),
    ['be_2', 'be_1'],
  );
  assert.deepEqual(suggestNames('balanse', ['balance', 'balance', 'bind']), ['balance']);
});
