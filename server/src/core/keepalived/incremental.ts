/**
 * Chunked parsing. A chunk is a run of whole lines ending at a top-level line end, so it holds
 * complete top-level statements (a whole `vrrp_instance { … }`, a comment line, a blank line).
 * Parsing starts afresh at every chunk start, which is what lets an edit re-parse only the chunks
 * it touches and reuse the others, shifted by the edit's length change.
 */
import type { Issue } from '../common/issue.js';
import type { TextChange } from '../common/text-change.js';
import type {
  KeepalivedComment,
  KeepalivedCondition,
  KeepalivedDefinition,
  KeepalivedNode,
  KeepalivedWord,
  ParamRef,
} from './ast.js';
import { opensBlockAhead, scanKeepalived } from './lexer.js';
import { parseTokens } from './parser.js';

/** The unit of reuse: offsets are absolute, `end` exclusive (the next chunk's start). */
export interface KeepalivedChunk {
  readonly start: number;
  readonly end: number;
  readonly nodes: readonly KeepalivedNode[];
  readonly issues: readonly Issue[];
  readonly comments: readonly KeepalivedComment[];
  readonly definitions: readonly KeepalivedDefinition[];
}

interface RegionResult {
  readonly chunks: KeepalivedChunk[];
  /** Where the region ended (a line start or the text end). */
  readonly end: number;
  /** The region ended at a top-level line end: what follows can be parsed on its own. */
  readonly closed: boolean;
}

/** Shared by the many chunks that have no issue, comment or definition. */
const NONE: readonly never[] = Object.freeze([]);

function slice<T>(items: readonly T[], from: number, to: number): readonly T[] {
  return from === to ? NONE : items.slice(from, to);
}

/**
 * Index ranges of `items` (sorted by start) falling into each of `cuts.length + 1` chunks whose
 * inner limits are `cuts`; the last chunk takes everything left.
 */
function ranges(items: readonly { readonly start: number }[], cuts: readonly number[]): number[] {
  const bounds = new Array<number>(cuts.length + 2);
  bounds[0] = 0;
  let i = 0;
  for (let c = 0; c < cuts.length; c++) {
    const cut = cuts[c] ?? 0;
    while (i < items.length && (items[i]?.start ?? 0) < cut) i++;
    bounds[c + 1] = i;
  }
  bounds[cuts.length + 1] = items.length;
  return bounds;
}

/** Definitions reachable from `nodes`, depth first (the order of their offsets). */
function collectDefinitions(nodes: readonly KeepalivedNode[], out: KeepalivedDefinition[]): void {
  for (const node of nodes) {
    if (node.kind === 'definition') out.push(node);
    else if (node.kind === 'item' && node.block) collectDefinitions(node.block.items, out);
  }
}

/** Scans and parses `text` from `start` (a chunk start) to the first usable cut at or after `stop`. */
function parseRegion(text: string, start: number, stop: number): RegionResult {
  const scan = scanKeepalived(text, start, stop);
  const parsed = parseTokens(scan.tokens);
  const end = scan.end;
  const cuts: number[] = [];
  let from = start;
  for (const cut of parsed.boundaries) {
    if (cut <= from || cut >= end) continue;
    cuts.push(cut);
    from = cut;
  }
  const issues = scan.issues.length === 0 ? parsed.issues : [...scan.issues, ...parsed.issues];
  issues.sort((a, b) => a.start - b.start);
  const nodeRanges = ranges(parsed.nodes, cuts);
  const issueRanges = ranges(issues, cuts);
  const commentRanges = ranges(scan.comments, cuts);
  const chunks: KeepalivedChunk[] = [];
  for (let c = 0; c <= cuts.length; c++) {
    const nodes = slice(parsed.nodes, nodeRanges[c] ?? 0, nodeRanges[c + 1] ?? 0);
    const definitions: KeepalivedDefinition[] = [];
    collectDefinitions(nodes, definitions);
    chunks.push({
      start: c === 0 ? start : (cuts[c - 1] ?? start),
      end: c === cuts.length ? end : (cuts[c] ?? end),
      nodes,
      issues: slice(issues, issueRanges[c] ?? 0, issueRanges[c + 1] ?? 0),
      comments: slice(scan.comments, commentRanges[c] ?? 0, commentRanges[c + 1] ?? 0),
      definitions: definitions.length === 0 ? NONE : definitions,
    });
  }
  const last = parsed.boundaries[parsed.boundaries.length - 1];
  return { chunks, end, closed: end === text.length || last === end };
}

function shiftRef(ref: ParamRef, d: number): ParamRef {
  return { ...ref, start: ref.start + d, end: ref.end + d };
}

function shiftWord(word: KeepalivedWord, d: number): KeepalivedWord {
  return {
    ...word,
    start: word.start + d,
    end: word.end + d,
    refs: word.refs.length === 0 ? word.refs : word.refs.map((ref) => shiftRef(ref, d)),
  };
}

function shiftCondition(
  condition: KeepalivedCondition | undefined,
  d: number,
): KeepalivedCondition | undefined {
  return condition === undefined
    ? undefined
    : { ...condition, start: condition.start + d, end: condition.end + d };
}

function shiftNode(
  node: KeepalivedNode,
  d: number,
  definitions: KeepalivedDefinition[],
): KeepalivedNode {
  const start = node.start + d;
  const end = node.end + d;
  const condition = shiftCondition(node.condition, d);
  switch (node.kind) {
    case 'item': {
      const block = node.block;
      return {
        ...node,
        start,
        end,
        condition,
        keyword: shiftWord(node.keyword, d),
        args: node.args.map((word) => shiftWord(word, d)),
        block:
          block === undefined
            ? undefined
            : {
                open: block.open + d,
                close: block.close === undefined ? undefined : block.close + d,
                items: block.items.map((child) => shiftNode(child, d, definitions)),
              },
      };
    }
    case 'include':
      return {
        ...node,
        start,
        end,
        condition,
        keyword: shiftWord(node.keyword, d),
        path: node.path === undefined ? undefined : shiftWord(node.path, d),
        extra: node.extra.map((word) => shiftWord(word, d)),
      };
    case 'definition': {
      const definition: KeepalivedDefinition = {
        ...node,
        start,
        end,
        condition,
        nameStart: node.nameStart + d,
        nameEnd: node.nameEnd + d,
        valueStart: node.valueStart + d,
        valueEnd: node.valueEnd + d,
        refs: node.refs.length === 0 ? node.refs : node.refs.map((ref) => shiftRef(ref, d)),
      };
      definitions.push(definition);
      return definition;
    }
    case 'sequence':
      return {
        ...node,
        start,
        end,
        condition,
        generators: node.generators.map((g) => ({ ...g, start: g.start + d, end: g.end + d })),
        body: node.body.map((word) => shiftWord(word, d)),
      };
  }
}

function shiftChunk(chunk: KeepalivedChunk, d: number): KeepalivedChunk {
  const definitions: KeepalivedDefinition[] = [];
  const nodes = chunk.nodes.map((node) => shiftNode(node, d, definitions));
  // Definitions nested in blocks are collected in the same depth-first order as a fresh parse.
  return {
    start: chunk.start + d,
    end: chunk.end + d,
    nodes,
    issues:
      chunk.issues.length === 0
        ? NONE
        : chunk.issues.map((item) => ({ ...item, start: item.start + d, end: item.end + d })),
    comments:
      chunk.comments.length === 0
        ? NONE
        : chunk.comments.map((c) => ({ ...c, start: c.start + d, end: c.end + d })),
    definitions: definitions.length === 0 ? NONE : definitions,
  };
}

/** Index of the first chunk whose end is at or after `offset`. */
function firstEndingAtOrAfter(chunks: readonly KeepalivedChunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((chunks[mid]?.end ?? 0) >= offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Index of the last chunk starting at or before `offset`. */
function lastStartingAtOrBefore(chunks: readonly KeepalivedChunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((chunks[mid]?.start ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Parses a whole text into chunks. */
export function parseChunks(text: string): KeepalivedChunk[] {
  return parseRegion(text, 0, text.length).chunks;
}

/**
 * Re-parses the chunks an edit touches (growing the region until parsing falls back into step with
 * an old chunk start) and reuses the rest. The result equals `parseChunks(newText)`.
 */
export function reparseChunks(
  chunks: readonly KeepalivedChunk[],
  newText: string,
  change: TextChange,
): KeepalivedChunk[] {
  if (chunks.length === 0) return parseChunks(newText);
  const delta = change.text.length - (change.end - change.start);
  let first = firstEndingAtOrAfter(chunks, change.start);
  // A '{' at the region start would belong to the item ending the chunk before.
  while (first > 0 && opensBlockAhead(newText, chunks[first]?.start ?? 0)) first--;
  const regionStart = chunks[first]?.start ?? 0;
  let last = Math.max(first, lastStartingAtOrBefore(chunks, change.end));
  for (;;) {
    const stop = (chunks[last]?.end ?? 0) + delta;
    const region = parseRegion(newText, regionStart, stop);
    const head = chunks.slice(0, first);
    if (region.end >= newText.length) return head.concat(region.chunks);
    if (region.closed) {
      const oldEnd = region.end - delta;
      const k = lastStartingAtOrBefore(chunks, oldEnd);
      if (k > last && chunks[k]?.start === oldEnd) {
        const tail = chunks.slice(k);
        return head.concat(
          region.chunks,
          delta === 0 ? tail : tail.map((chunk) => shiftChunk(chunk, delta)),
        );
      }
    }
    // Out of step (an unclosed block, or a cut that is no old chunk start): grow geometrically.
    const reached = lastStartingAtOrBefore(chunks, region.end - delta);
    last = Math.min(chunks.length - 1, Math.max(reached, last + (last - first + 1)));
  }
}
