/**
 * Keepalived parser entry points: a full parse and an incremental re-parse that yields the same
 * result while only scanning the top-level blocks an edit touches.
 */
import type { Issue } from '../common/issue.js';
import type { TextChange } from '../common/text-change.js';
import type {
  KeepalivedComment,
  KeepalivedConfig,
  KeepalivedDefinition,
  KeepalivedNode,
} from './ast.js';
import { parseChunks, reparseChunks, type KeepalivedChunk } from './incremental.js';

export type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from './ast.js';

/** Result of parsing a keepalived.conf. */
export interface KeepalivedParse {
  /** Syntax findings in document order. */
  readonly issues: readonly Issue[];
  readonly ast: KeepalivedConfig;
  /** Top-level chunks the tree was assembled from; kept for incremental re-parsing. */
  readonly chunks: readonly KeepalivedChunk[];
}

function assemble(chunks: readonly KeepalivedChunk[]): KeepalivedParse {
  const issues: Issue[] = [];
  const items: KeepalivedNode[] = [];
  const comments: KeepalivedComment[] = [];
  const definitions: KeepalivedDefinition[] = [];
  for (const chunk of chunks) {
    for (const issue of chunk.issues) issues.push(issue);
    for (const node of chunk.nodes) items.push(node);
    for (const comment of chunk.comments) comments.push(comment);
    for (const definition of chunk.definitions) definitions.push(definition);
  }
  return { issues, ast: { kind: 'config', items, comments, definitions }, chunks };
}

/** Parses a whole keepalived.conf. */
export function parseKeepalived(text: string): KeepalivedParse {
  return assemble(parseChunks(text));
}

/**
 * Applies one edit to a previous parse. The result deep-equals `parseKeepalived(newText)`, but only
 * the top-level blocks the edit touches are scanned and parsed again.
 */
export function reparseKeepalived(
  previous: KeepalivedParse,
  oldText: string,
  newText: string,
  change: TextChange,
): KeepalivedParse {
  const chunks = previous.chunks;
  const lastChunk = chunks[chunks.length - 1];
  // A parse of some other text (or a change outside it) cannot be reused safely.
  if (
    !lastChunk ||
    lastChunk.end !== oldText.length ||
    change.end > oldText.length ||
    change.start > change.end
  ) {
    return parseKeepalived(newText);
  }
  return assemble(reparseChunks(chunks, newText, change));
}
