/**
 * What is at an offset: the enclosing HAProxy section or Keepalived block, and the words of the
 * current line before the cursor. Completion and signature help read the line being typed from
 * the text (the parse of a half-typed line says little), while the enclosing section or block
 * comes from the tree by binary search, so that a request never rescans a large file.
 */
import type { ArgSpec } from '../common/catalog.js';
import type { HaproxyDocument, KeepalivedDocument } from '../document.js';
import type { Item, Section, Word } from '../haproxy/ast.js';
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../keepalived/ast.js';
import { TOP_CONTEXT, keywordIn } from '../keepalived/catalog/index.js';
import type { KeepalivedKeywordSpec } from '../keepalived/catalog/types.js';
import { lastStartingBefore } from '../common/sorted.js';

/** How the client wants documentation and insert texts. Filled by the LSP layer. */
export interface ClientFormat {
  /** Documentation (completion, hover, signature help) may be Markdown. */
  readonly markdown: boolean;
  /** Completion items may be snippets. */
  readonly snippets: boolean;
  /** The client understands `CompletionItemTag.Deprecated`. */
  readonly deprecatedTag: boolean;
}

/** What a minimal client gets: plain text, no snippets, no tags. */
export const PLAIN_FORMAT: ClientFormat = {
  markdown: false,
  snippets: false,
  deprecatedTag: false,
};

/** A word of the line being typed, with its source range. */
export interface LineToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The current line up to the cursor. */
export interface LinePrefix {
  /** Offset of the line start. */
  readonly lineStart: number;
  /** Complete words before the word under the cursor. */
  readonly words: readonly LineToken[];
  /** The word the cursor is in or right after (empty text when the cursor follows a blank). */
  readonly partial: LineToken;
  /** The cursor is inside a `#` comment. */
  readonly inComment: boolean;
}

/**
 * Splits the current line up to `offset` into words, the way both configuration languages do it
 * closely enough for completion: blanks separate words, quotes group them, `#` outside quotes
 * starts a comment.
 */
function linePrefix(text: string, lineStart: number, offset: number): LinePrefix {
  const words: LineToken[] = [];
  let start = -1;
  let quote = '';
  let inComment = false;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i] ?? '';
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (start >= 0) words.push({ start, end: i, text: text.slice(start, i) });
      start = -1;
      continue;
    }
    if (c === '#' && start < 0) {
      inComment = true;
      break;
    }
    if (start < 0) start = i;
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
  }
  const partial =
    start >= 0 && !inComment
      ? { start, end: offset, text: text.slice(start, offset) }
      : { start: offset, end: offset, text: '' };
  return { lineStart, words, partial, inComment };
}

/** The line prefix at `offset` of a document. */
export function prefixAt(
  document: HaproxyDocument | KeepalivedDocument,
  offset: number,
): LinePrefix {
  const { line } = document.lineIndex.positionAt(offset);
  const lineStart = document.lineIndex.offsetAt({ line, character: 0 });
  return linePrefix(document.text, lineStart, offset);
}

// ---- HAProxy ----------------------------------------------------------------------------------

/** The section holding `offset`, or undefined in the preamble. */
function haproxySectionAt(document: HaproxyDocument, offset: number): Section | undefined {
  const sections = document.parse.ast.sections;
  return sections[lastStartingBefore(sections, offset)];
}

/**
 * The section whose body the line at `lineStart` belongs to, when the line is not a header:
 * the cursor line may itself have been parsed as a header (`back<|>` is not one yet), so the
 * previous section is used when the found one starts on this very line.
 */
export function haproxyBodySection(
  document: HaproxyDocument,
  lineStart: number,
): Section | undefined {
  const sections = document.parse.ast.sections;
  let index = lastStartingBefore(sections, lineStart);
  const section = sections[index];
  if (section && section.start >= lineStart) index--;
  return sections[index];
}

/** The statement (or other item) of a section or of the preamble that holds `offset`. */
export function haproxyItemAt(
  document: HaproxyDocument,
  offset: number,
): { section: Section | undefined; item: Item | undefined } {
  const section = haproxySectionAt(document, offset);
  if (section && offset <= section.header.end) return { section, item: section.header };
  const items = section ? section.items : document.parse.ast.preamble;
  const item = items[lastStartingBefore(items, offset)];
  return { section, item: item && offset <= item.end ? item : undefined };
}

/** The word of a statement containing (or ending at) `offset`. */
export function wordAt(words: readonly Word[], offset: number): number {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word && word.start <= offset && offset <= word.end) return i;
  }
  return -1;
}

// ---- Keepalived -------------------------------------------------------------------------------

/** Where the cursor is in a keepalived.conf. */
interface KeepalivedPlace {
  /** The keyword context (`top`, `vrrp_instance`, …), undefined inside an unknown block. */
  readonly context: string | undefined;
  /** The list keyword when inside a list block (`track_script`, `group`, …). */
  readonly list: KeepalivedKeywordSpec | undefined;
  /** Enclosing block items, outermost first. */
  readonly path: readonly KeepalivedItem[];
  /** The node starting on or before the offset at the innermost level, if it covers it. */
  readonly node: KeepalivedNode | undefined;
}

/** The block context at `offset`, found by binary search at each nesting level. */
export function keepalivedPlace(document: KeepalivedDocument, offset: number): KeepalivedPlace {
  let items: readonly KeepalivedNode[] = document.parse.ast.items;
  let context: string | undefined = TOP_CONTEXT;
  let list: KeepalivedKeywordSpec | undefined;
  const path: KeepalivedItem[] = [];
  for (;;) {
    const node = items[lastStartingBefore(items, offset)];
    const block = node?.kind === 'item' ? node.block : undefined;
    if (
      node?.kind === 'item' &&
      block &&
      block.open < offset &&
      (block.close === undefined || offset <= block.close)
    ) {
      path.push(node);
      const spec: KeepalivedKeywordSpec | undefined =
        context === undefined || list ? undefined : keepalivedSpec(context, node.keyword.value);
      list = spec?.listBlock !== undefined ? spec : undefined;
      context = spec?.blockContext;
      items = block.items;
      continue;
    }
    return { context, list, path, node: node && offset <= node.end ? node : undefined };
  }
}

/** A keyword of a context, aliases and `anywhere` keywords included. */
export function keepalivedSpec(context: string, name: string): KeepalivedKeywordSpec | undefined {
  return keywordIn(context, name);
}

/** The word of an item containing (or ending at) `offset`: -1 for none, 0 for the keyword. */
export function keepalivedWordAt(item: KeepalivedItem, offset: number): number {
  const words: readonly KeepalivedWord[] = [item.keyword, ...item.args];
  return words.findIndex((word) => word.start <= offset && offset <= word.end);
}

// ---- shared -----------------------------------------------------------------------------------

/** The argument spec at a position, following a variadic last argument. */
export function argAt<A extends ArgSpec>(args: readonly A[], index: number): A | undefined {
  if (index < 0) return undefined;
  const direct = args[index];
  if (direct) return direct;
  const last = args[args.length - 1];
  return last?.variadic ? last : undefined;
}
