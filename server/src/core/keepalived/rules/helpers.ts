import type { QuickFix, RelatedLocation } from '../../common/issue.js';
import type { Finding } from '../../common/rule.js';
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../ast.js';
import type { NodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './index.js';

/** Range of a word on a node, with the file it was written in when that is not the document. */
export function rangeOf(
  index: NodeIndex,
  node: KeepalivedNode,
  word: { readonly start: number; readonly end: number },
): Pick<Finding, 'start' | 'end' | 'uri'> {
  const uri = index.view.uriOf(node);
  return uri === undefined
    ? { start: word.start, end: word.end }
    : { start: word.start, end: word.end, uri };
}

/** A related location on a node, in whichever file it was written. */
export function relatedAt(
  context: KeepalivedRuleContext,
  index: NodeIndex,
  node: KeepalivedNode,
  word: KeepalivedWord,
  message: string,
): RelatedLocation {
  const uri = index.view.uriOf(node) ?? context.document.uri;
  return { uri, start: word.start, end: word.end, message };
}

/**
 * Fixes are only offered on lines of the document itself: edits apply to the validated text, and
 * an included file's offsets mean nothing there.
 */
export function ownLine(index: NodeIndex, node: KeepalivedNode): boolean {
  return index.view.uriOf(node) === undefined;
}

/** Removes a whole line (indentation and line break included) of the document. */
export function deleteLineFix(
  context: KeepalivedRuleContext,
  node: KeepalivedNode,
  title: string,
): QuickFix {
  const text = context.document.text;
  const start = text.lastIndexOf('\n', node.start - 1) + 1;
  const newline = text.indexOf('\n', node.end);
  const end = newline < 0 ? text.length : newline + 1;
  return { title, edits: [{ start, end, text: '' }] };
}

/** Replaces one word of the document. */
export function replaceWordFix(word: KeepalivedWord, text: string, title: string): QuickFix {
  return { title, edits: [{ start: word.start, end: word.end, text }] };
}

/** Names that are close to `name` (case or one edit away), for "did you mean" fixes. */
export function closeNames(name: string, candidates: Iterable<string>): string[] {
  const close: string[] = [];
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === name.toLowerCase() || editDistance(candidate, name) <= 2) {
      close.push(candidate);
    }
  }
  return close;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Whether two lines can both be loaded by one node. `@lb1` and `@lb2` lines (or `@lb1` and
 * `@^lb1`) never meet in one keepalived, so when the view still holds every `@` line they must not
 * be compared with each other.
 */
export function mayCoexist(a: KeepalivedNode, b: KeepalivedNode): boolean {
  const x = a.condition;
  const y = b.condition;
  if (!x || !y) return true;
  if (x.negated !== y.negated) return x.id !== y.id;
  return x.negated || x.id === y.id;
}

/** Values that turn an optional boolean off, as keepalived reads them. */
const FALSE_WORDS = ['off', 'false', 'no'];

/**
 * Whether an instance runs in VRRP strict mode: its own `strict_mode` line decides (no argument or
 * a true value turns it on), else a `vrrp_strict` line in `global_defs`, which keepalived 2.2.7
 * honours whatever words follow it (checked with `-t`). While the config-id is unknown, `@id`
 * lines may belong to another node, so they are not taken into account.
 */
export function isStrictMode(
  index: NodeIndex,
  instance: KeepalivedItem,
  configId: string | undefined,
): boolean {
  const applies = (node: KeepalivedNode): boolean =>
    configId !== undefined || node.condition === undefined;
  const own = (instance.block?.items ?? []).filter(
    (node): node is KeepalivedItem =>
      node.kind === 'item' && node.keyword.value === 'strict_mode' && applies(node),
  );
  const last = own.at(-1);
  if (last) {
    const value = last.args[0]?.value;
    return value === undefined || !FALSE_WORDS.includes(value.toLowerCase());
  }
  return index.view.items.some(
    (node) =>
      node.kind === 'item' &&
      node.keyword.value === 'global_defs' &&
      applies(node) &&
      (node.block?.items ?? []).some(
        (line) => line.kind === 'item' && line.keyword.value === 'vrrp_strict' && applies(line),
      ),
  );
}
