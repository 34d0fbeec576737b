/**
 * What a drift finding (`config-drift`, `script-drift`, `group-setting-mismatch`) attaches so that
 * the editor can offer "Make lb2 match lb1": the same thing on each node, as a span of whole lines
 * of that node's file. A thing a node lacks is an empty span where it would be written. Making
 * node X match node Y replaces X's span with the text of Y's span, so one shape covers a changed,
 * a missing and an extra backend, section or setting.
 *
 * The spans are offsets into the texts the cluster model read; the code action checks that the
 * document is still that text before it uses them.
 */

/** One node's side of a difference. */
export interface SyncSide {
  /** Node name, for the action's title. */
  readonly node: string;
  readonly uri: string;
  /** Whole lines (line start to after the line break), or an empty span at a line start. */
  readonly start: number;
  readonly end: number;
}

/** The sides of one difference: the finding's own node first, then the nodes it differs from. */
export interface SyncData {
  /**
   * `block`: a section or a definition with a block, set off by a blank line when inserted;
   * `line`: one setting line.
   */
  readonly unit: 'block' | 'line';
  readonly sides: readonly SyncSide[];
}

/** Key of {@link SyncData} in a finding's `data`. */
const SYNC_KEY = 'sync';

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break ending the line holding `offset` (the text end if none). */
export function afterLine(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at === -1 ? text.length : at + 1;
}

/** The whole lines holding `[start, end)` (`end` exclusive, so a span ending a line stays there). */
export function lineSpan(
  text: string,
  start: number,
  end: number,
): { readonly start: number; readonly end: number } {
  return { start: lineStart(text, start), end: afterLine(text, Math.max(start, end - 1)) };
}

/** The finding `data` carrying `sync`, or nothing when a side is missing. */
export function syncData(
  unit: SyncData['unit'],
  sides: readonly (SyncSide | undefined)[],
): { readonly [SYNC_KEY]: SyncData } | undefined {
  const known = sides.filter((side): side is SyncSide => side !== undefined);
  if (known.length < 2 || known.length !== sides.length) return undefined;
  return { [SYNC_KEY]: { unit, sides: known } };
}

/** Reads {@link SyncData} back from a finding's `data` (which a client may have carried around). */
export function readSyncData(data: unknown): SyncData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const sync: unknown = (data as Record<string, unknown>)[SYNC_KEY];
  if (typeof sync !== 'object' || sync === null) return undefined;
  const { unit, sides } = sync as Partial<SyncData>;
  if (unit !== 'block' && unit !== 'line') return undefined;
  if (!Array.isArray(sides) || sides.length < 2) return undefined;
  const valid = sides.every(
    (side: Partial<SyncSide>) =>
      typeof side.node === 'string' &&
      typeof side.uri === 'string' &&
      typeof side.start === 'number' &&
      typeof side.end === 'number' &&
      side.start <= side.end,
  );
  return valid ? { unit, sides } : undefined;
}
