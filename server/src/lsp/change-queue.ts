/**
 * The publisher's queues (see `diagnostics.ts`): documents ordered by when they last changed, the
 * latest first, in a binary heap. Entries are never updated in place: a document whose change
 * time moves is pushed again, and the entries that no longer hold (another change time, a
 * document no longer queued) are dropped when they reach the top. Picking the next document is
 * then logarithmic where a scan of every queued document made a settings change in a workspace
 * of thousands of files quadratic.
 */

/** One queued document. */
interface Entry {
  readonly uri: string;
  /** Its change time when pushed (the publisher's counter); later is first. */
  readonly at: number;
  /** When it joined the queue; among equal change times, earlier is first. */
  readonly order: number;
}

/** Heap size below which stale entries are left to be dropped as they reach the top. */
const MIN_SWEEP = 1024;

/** Whether `a` goes before `b`. */
function before(a: Entry, b: Entry): boolean {
  return a.at !== b.at ? a.at > b.at : a.order < b.order;
}

/** A max-heap of documents by change time, with entries checked against the caller's state. */
export class ChangeQueue {
  private heap: Entry[] = [];
  /** Size past which the stale entries are swept out (twice what the last sweep kept). */
  private limit = MIN_SWEEP;

  /**
   * @param holds Whether an entry still stands for its document (queued, at that change time
   *   and join order); the others are skipped and dropped.
   */
  constructor(private readonly holds: (uri: string, at: number, order: number) => boolean) {}

  /** Queues `uri` at change time `at`, joined at `order` (an older entry of it stays until dropped). */
  push(uri: string, at: number, order = 0): void {
    const heap = this.heap;
    heap.push({ uri, at, order });
    let i = heap.length - 1;
    const entry = heap[i] as Entry;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as Entry;
      if (!before(entry, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = entry;
    // Stale entries below the top are only dropped when they come up: sweep now and then, so
    // that the heap stays in proportion to what is queued.
    if (heap.length > this.limit) this.sweep();
  }

  /** The first document that still holds, and its change time; undefined when none. */
  peek(): { readonly uri: string; readonly at: number } | undefined {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined) return undefined;
      if (this.holds(top.uri, top.at, top.order)) return top;
      this.pop();
    }
  }

  /** Drops the first entry (after {@link peek} said which it is). */
  pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as Entry, heap[left] as Entry) ? right : left;
      if (!before(heap[child] as Entry, last)) break;
      heap[i] = heap[child] as Entry;
      i = child;
    }
    heap[i] = last;
  }

  /** Empties the queue. */
  clear(): void {
    this.heap = [];
    this.limit = MIN_SWEEP;
  }

  /** Rebuilds the heap from the entries that still hold. */
  private sweep(): void {
    const kept = this.heap.filter((entry) => this.holds(entry.uri, entry.at, entry.order));
    this.heap = [];
    this.limit = Math.max(MIN_SWEEP, 2 * kept.length);
    for (const entry of kept) this.push(entry.uri, entry.at, entry.order);
  }
}
