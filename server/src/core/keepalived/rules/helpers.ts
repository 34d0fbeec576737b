import {
  editDistance,
  MAX_SUGGESTION_CANDIDATES,
  MAX_SUGGESTION_WORD,
} from '../../common/edit-distance.js';
import type { QuickFix, RelatedLocation } from '../../common/issue.js';
import type { Finding } from '../../common/rule.js';
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../ast.js';
import type { NodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { lineSpan } from '../../common/text-scan.js';

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
  return { title, edits: [{ ...lineSpan(context.document.text, node), text: '' }] };
}

/** Replaces one word of the document. */
export function replaceWordFix(word: KeepalivedWord, text: string, title: string): QuickFix {
  return { title, edits: [{ start: word.start, end: word.end, text }] };
}

/** Names that are close to `name` (case or one edit away), for "did you mean" fixes. */
export function closeNames(name: string, candidates: Iterable<string>): string[] {
  if (name.length > MAX_SUGGESTION_WORD) return [];
  const lower = name.toLowerCase();
  const close: string[] = [];
  let compared = 0;
  for (const candidate of candidates) {
    if (++compared > MAX_SUGGESTION_CANDIDATES) break;
    if (candidate.toLowerCase() === lower || editDistance(candidate, name, 2) <= 2) {
      close.push(candidate);
    }
  }
  return close;
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

/** The `@id` / `@^id` condition of a line as a string (empty without one), for grouping keys. */
export function conditionKey(node: KeepalivedNode): string {
  const condition = node.condition;
  return condition ? `${condition.negated ? '^' : ''}${condition.id}` : '';
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
  return globalStrict(index, configId);
}

/** `vrrp_strict` in `global_defs`, per index and config-id: looked up once, not per instance. */
const GLOBAL_STRICT = new WeakMap<NodeIndex, Map<string | undefined, boolean>>();

function globalStrict(index: NodeIndex, configId: string | undefined): boolean {
  let known = GLOBAL_STRICT.get(index);
  if (!known) GLOBAL_STRICT.set(index, (known = new Map<string | undefined, boolean>()));
  let strict = known.get(configId);
  if (strict === undefined) {
    const applies = (node: KeepalivedNode): boolean =>
      configId !== undefined || node.condition === undefined;
    strict = index.view.items.some(
      (node) =>
        node.kind === 'item' &&
        node.keyword.value === 'global_defs' &&
        applies(node) &&
        (node.block?.items ?? []).some(
          (line) => line.kind === 'item' && line.keyword.value === 'vrrp_strict' && applies(line),
        ),
    );
    known.set(configId, strict);
  }
  return strict;
}
