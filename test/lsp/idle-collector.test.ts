/**
 * The idle collector: it looks at the heap once work has stopped for a moment, collects only when
 * enough garbage has piled up since the last collection, and runs for real in this process.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  IDLE_MS,
  IdleCollector,
  MIN_GROWTH_BYTES,
  MIN_GROWTH_SHARE,
  processIdleCollector,
  type IdleCollectorHost,
} from '../../server/src/lsp/idle-collector.js';

const MB = 1024 * 1024;

/** A host with a settable heap figure and timers the test fires by hand. */
class FakeHost implements IdleCollectorHost {
  used = 0;
  /** What the heap holds after a collection. */
  live = 0;
  collections = 0;
  private nextTimer = 1;
  readonly timers = new Map<number, { callback: () => void; ms: number }>();

  usedHeap(): number {
    return this.used;
  }
  collect(): void {
    this.collections++;
    this.used = this.live;
  }
  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextTimer++;
    this.timers.set(id, { callback, ms });
    return id;
  }
  clearTimer(timer: unknown): void {
    this.timers.delete(timer as number);
  }
  /** Fires every pending timer, as if the process had been quiet long enough. */
  fire(): void {
    const pending = [...this.timers.values()];
    this.timers.clear();
    for (const { callback } of pending) callback();
  }
}

describe('IdleCollector', () => {
  it('waits for one quiet moment after the last piece of work, however many came before', () => {
    const host = new FakeHost();
    const collector = new IdleCollector(host);
    collector.touch();
    collector.touch();
    collector.touch();
    assert.equal(host.timers.size, 1, 'each touch replaces the pending look');
    assert.equal([...host.timers.values()][0]?.ms, IDLE_MS);
    collector.dispose();
    assert.equal(host.timers.size, 0);
  });

  it('leaves a small heap alone', () => {
    const host = new FakeHost();
    const collector = new IdleCollector(host);
    host.used = MIN_GROWTH_BYTES - 1;
    collector.touch();
    host.fire();
    assert.equal(host.collections, 0);
  });

  it('collects once the heap has grown past the minimum, then measures from what stayed live', () => {
    const host = new FakeHost();
    const collector = new IdleCollector(host);
    host.used = 600 * MB;
    host.live = 400 * MB;
    collector.touch();
    host.fire();
    assert.equal(host.collections, 1);

    // Past the minimum but under the share of the 400 MB that stayed live: not worth a pause.
    const share = 400 * MB * MIN_GROWTH_SHARE;
    assert.ok(share > MIN_GROWTH_BYTES, 'the share decides at this size');
    host.used = 400 * MB + share - MB;
    collector.touch();
    host.fire();
    assert.equal(host.collections, 1);

    // Past both: collected.
    host.used = 400 * MB + share + MB;
    collector.touch();
    host.fire();
    assert.equal(host.collections, 2);
  });

  it('finds a full collection in a process started without --expose-gc', () => {
    assert.equal(
      process.execArgv.some((flag) => flag.startsWith('--expose-gc')),
      false,
      'this test must run without the flag to prove the fallback',
    );
    const collector = processIdleCollector();
    assert.ok(collector !== undefined, 'the server would never give memory back early');
    collector.dispose();
  });
});
