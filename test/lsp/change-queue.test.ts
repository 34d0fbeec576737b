// The publisher's queue: documents by last change, the latest first, with stale entries skipped.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ChangeQueue } from '../../server/src/lsp/change-queue.js';

/** Pops every document that still holds, in queue order. */
function drain(queue: ChangeQueue): string[] {
  const out: string[] = [];
  for (let top = queue.peek(); top !== undefined; top = queue.peek()) {
    out.push(top.uri);
    queue.pop();
  }
  return out;
}

void describe('ChangeQueue', () => {
  void it('gives the latest change first, ties in the order they joined', () => {
    const queue = new ChangeQueue(() => true);
    queue.push('old', 1, 1);
    queue.push('new', 5, 2);
    queue.push('closed-1', 0, 3);
    queue.push('middle', 3, 4);
    queue.push('closed-2', 0, 5);
    assert.deepEqual(drain(queue), ['new', 'middle', 'old', 'closed-1', 'closed-2']);
  });

  void it('skips entries that no longer hold, through sweeps of thousands of them', () => {
    // Each document is pushed at every change; only its last change time holds.
    const latest = new Map<string, number>();
    const queue = new ChangeQueue((uri, at) => latest.get(uri) === at);
    let clock = 0;
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 500; i++) {
        const uri = `d${(i * 37 + round * 11) % 500}`;
        latest.set(uri, ++clock);
        queue.push(uri, clock);
      }
    }
    const expected = [...latest].sort((a, b) => b[1] - a[1]).map(([uri]) => uri);
    assert.deepEqual(drain(queue), expected);
    assert.equal(queue.peek(), undefined);
  });
});
