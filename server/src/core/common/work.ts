/**
 * A work counter for tests: the places whose cost could grow faster than their input (edit
 * distances, duplicate and cluster checks, include expansion, the parsers' token loops) add the
 * units of work they do, and the fuzz suite checks that 4 copies of an input cost about 4 times
 * what one copy costs. Counting is one addition on a module-level number, cheap enough to leave
 * on in production; nothing in the product reads it.
 */

let units = 0;

/** Adds `amount` units of work (comparisons made, tokens visited, files read…). */
export function countWork(amount = 1): void {
  units += amount;
}

/** Units of work counted since the last {@link resetWork}. */
export function workDone(): number {
  return units;
}

/** Starts a new count. */
export function resetWork(): void {
  units = 0;
}
