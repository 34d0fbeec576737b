/**
 * Gives memory back once the editor goes quiet. Every validation of a large file leaves the
 * previous version's text, line index and per-section tables behind; V8 only collects its old
 * generation when it has grown well past the size it had after the last collection, and returns
 * the pages to the system only after its memory reducer notices a quiet heap, some ten seconds
 * later. On a 75k-line file that is several hundred megabytes held while the user reads the
 * diagnostics. A full collection in the first pause after a burst of work costs about a tenth of a
 * second at that size, at a moment the user is not waiting for anything.
 *
 * The pause is short and the growth that justifies a collection small on purpose: the collector
 * must come before V8's own schedule does. Waiting a whole second, or for the heap to grow by half
 * of what is live, lets V8 start its own incremental marking first, and that runs during the next
 * edits (measured: their p95 rose by half, and the heap still reached twice the live size).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What the collector needs from the process; tests pass their own. */
export interface IdleCollectorHost {
  /** Bytes of the JavaScript heap in use now (live objects and garbage not yet collected). */
  usedHeap(): number;
  /** Runs a full, synchronous collection. */
  collect(): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/**
 * Quiet time after the last piece of work before the heap is looked at: longer than the gaps
 * between keystrokes while typing, so a collection falls in a pause (after the validation delay
 * of the next keystroke, it would only shorten that wait).
 */
export const IDLE_MS = 300;

/**
 * Garbage worth a collection: the heap has grown by at least this many bytes (a small server is
 * left alone) and by {@link MIN_GROWTH_SHARE} of what was live after the last collection (a
 * collection's pause grows with the live heap; this keeps its share of the time bounded).
 */
export const MIN_GROWTH_BYTES = 16 * 1024 * 1024;

/** See {@link MIN_GROWTH_BYTES}. */
export const MIN_GROWTH_SHARE = 1 / 8;

/** Collects garbage once work stops, when there is enough of it to matter. */
export class IdleCollector {
  private timer: unknown;
  private liveAfterLast = 0;

  constructor(private readonly host: IdleCollectorHost) {}

  /** Work just happened (a publication, an analysis): look at the heap once it stays quiet. */
  touch(): void {
    if (this.timer !== undefined) this.host.clearTimer(this.timer);
    this.timer = this.host.setTimer(() => {
      this.timer = undefined;
      this.check();
    }, IDLE_MS);
  }

  /** Stops the pending look (at shutdown). */
  dispose(): void {
    if (this.timer !== undefined) this.host.clearTimer(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const used = this.host.usedHeap();
    const growth = used - this.liveAfterLast;
    if (growth < MIN_GROWTH_BYTES || growth < this.liveAfterLast * MIN_GROWTH_SHARE) return;
    this.host.collect();
    this.liveAfterLast = this.host.usedHeap();
  }
}

/**
 * V8's full-collection function. Node only exposes it with `--expose-gc`, which an editor starting
 * `ha-language-server --stdio` does not pass; setting the flag at run time makes fresh contexts
 * carry `gc`. Undefined if this Node refuses (the server then relies on V8's own schedule).
 */
function fullCollection(): (() => void) | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** The collector of this process, or undefined when V8 offers no full collection. */
export function processIdleCollector(): IdleCollector | undefined {
  const collect = fullCollection();
  if (collect === undefined) return undefined;
  return new IdleCollector({
    usedHeap: () => getHeapStatistics().used_heap_size,
    collect,
    setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
  });
}
