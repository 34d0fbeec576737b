/**
 * The hover texts that explain a word by what it is before anything else: keyword documentation
 * led by its summary, values of keyword arguments (`roundrobin`, `insert`, `MASTER`), ACL
 * criteria built from a fetch and a matching method (`path_beg`), ACL flags, and where the sample
 * expression under the cursor sits inside a log-format string (`%[src,ipmask(24)]`).
 */
import type { MarkupContent } from 'vscode-languageserver-types';
import type { ArgSpec } from '../common/catalog.js';
import { ACL_FLAG_DOCS, ACL_MATCH_METHOD_DOCS } from '../haproxy/catalog/value-docs.js';
import type { SampleSpec } from '../haproxy/catalog/types.js';
import { argAt } from './context.js';
import { renderDoc, signatureLine, type DocumentedEntry } from './documentation.js';

/** The entry of `docs` for `key`, never one inherited from `Object.prototype`. */
function docFor(
  docs: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  return docs !== undefined && Object.hasOwn(docs, key) ? docs[key] : undefined;
}

/** The text with a final period. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?:)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The opening paragraphs of an entry's hover: its summary, which says what the entry is, then its
 * description. Many descriptions continue the summary ("Written as a name, a criterion…"), so the
 * summary always comes first, unless the description already starts with it.
 */
export function leadParagraphs(entry: Pick<DocumentedEntry, 'summary' | 'description'>): string[] {
  const summary = entry.summary.trim();
  const description = entry.description.trim();
  if (summary === '') return description === '' ? [] : [description];
  const stem = summary.replace(/[.\s]+$/, '');
  if (description.startsWith(stem)) return [description];
  return description === '' ? [sentence(summary)] : [sentence(summary), description];
}

/** What owns a value: a keyword, a bind or server option, an action. */
interface ValueOwner {
  /** How the owner is named in the text, e.g. `balance` or `server option on-error`. */
  readonly label: string;
  readonly summary: string;
  readonly docUrl?: string;
}

/**
 * Hover of one value of an argument: what the value means (or, when no meaning is written down,
 * which values the argument takes), then what its keyword is.
 */
function valueDoc(
  value: string,
  meaning: string | undefined,
  arg: ArgSpec | undefined,
  owner: ValueOwner,
  signature: string | undefined,
  markdown: boolean,
): MarkupContent {
  const values = arg?.values ?? [];
  const first =
    meaning !== undefined
      ? `\`${value}\`: ${meaning}`
      : `\`${value}\`: one of the values of \`${arg?.name ?? 'value'}\`${
          values.length > 0 && values.length <= 12
            ? ` (${values.map((v) => `\`${v}\``).join(', ')})`
            : ''
        }.`;
  return renderDoc(
    {
      ...(signature !== undefined ? { signature } : {}),
      paragraphs: [first, `Value of \`${owner.label}\`: ${sentence(owner.summary)}`],
      ...(owner.docUrl !== undefined ? { docUrl: owner.docUrl } : {}),
    },
    markdown,
  );
}

/**
 * Hover of an ACL criterion made of a fetch and a matching suffix, such as `path_beg` (the `path`
 * fetch matched with `-m beg`) or `hdr_dom(host)`.
 */
export function aclCriterionDoc(
  name: string,
  fetch: SampleSpec,
  signature: string,
  note: string | undefined,
  markdown: boolean,
): MarkupContent | undefined {
  const method = name.slice(fetch.name.length + 1);
  const meaning = docFor(ACL_MATCH_METHOD_DOCS, method);
  if (meaning === undefined) return undefined;
  return renderDoc(
    {
      signature,
      paragraphs: [
        `ACL criterion: the \`${fetch.name}\` fetch matched with \`-m ${method}\`; it matches when ${meaning}.`,
        `\`${fetch.name}\`: ${sentence(fetch.summary)}`,
        note,
      ],
      docUrl: fetch.docUrl,
    },
    markdown,
  );
}

/**
 * Hover of an ACL flag (`-i`, `-m`…) or of the matching method after `-m`, given the words that
 * follow the criterion and the index of the one under the cursor; undefined for patterns.
 */
export function aclFlagDoc(
  words: readonly string[],
  index: number,
  docUrl: string | undefined,
  markdown: boolean,
): MarkupContent | undefined {
  // Flags come first; the first word that is not one (or follows `--`) starts the patterns.
  for (let at = 0; at < words.length && at <= index; at++) {
    const word = words[at] ?? '';
    const flag = docFor(ACL_FLAG_DOCS, word);
    if (flag === undefined) return undefined;
    if (word === '--') return at === index ? doc(`\`--\`: ${flag}`) : undefined;
    const valued = word === '-f' || word === '-m' || word === '-u';
    if (at === index) return doc(`ACL flag \`${word}\`: ${flag}`);
    if (valued && at + 1 === index) {
      const meaning = word === '-m' ? docFor(ACL_MATCH_METHOD_DOCS, words[index] ?? '') : undefined;
      if (meaning === undefined) return undefined;
      return doc(`Matching method \`${words[index] ?? ''}\`: the ACL matches when ${meaning}.`);
    }
    if (valued) at++;
  }
  return undefined;

  function doc(text: string): MarkupContent {
    return renderDoc({ paragraphs: [text], ...(docUrl ? { docUrl } : {}) }, markdown);
  }
}

/**
 * The `%[…]` span of a log-format word that holds the cursor, as offsets into the raw text
 * (inside the brackets); undefined when the cursor is outside every span.
 */
export function formatSpanAt(
  raw: string,
  cursor: number,
): { readonly start: number; readonly end: number } | undefined {
  // Each span is scanned once: the next search starts after its closing bracket.
  for (let open = raw.indexOf('%['); open >= 0;) {
    let depth = 0;
    let close = raw.length;
    for (let i = open + 2; i < raw.length; i++) {
      const c = raw[i];
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || (c === ']' && depth > 0)) depth = Math.max(0, depth - 1);
      else if (c === ']') {
        close = i;
        break;
      }
    }
    if (cursor >= open + 2 && cursor <= close) return { start: open + 2, end: close };
    if (cursor < open) return undefined;
    open = raw.indexOf('%[', close);
  }
  return undefined;
}

/** A keyword, option or action with arguments, as the catalogs describe them. */
interface ArgumentOwner {
  readonly name: string;
  readonly args: readonly ArgSpec[];
  readonly summary: string;
  readonly docUrl?: string;
}

/**
 * Hover of the value at argument `index` of a keyword, option or action: an enumerated value,
 * or a word of a variadic option list whose meaning is written down (`cookie SRV insert`). The
 * value is compared without its parenthesised part (`hdr(host)` is the `hdr` algorithm).
 */
export function argumentValueDoc(
  owner: ArgumentOwner,
  label: string,
  index: number,
  word: string,
  docs: Readonly<Record<string, string>> | undefined,
  markdown: boolean,
): MarkupContent | undefined {
  const arg = argAt(owner.args, index);
  if (!arg) return undefined;
  const paren = word.indexOf('(');
  const value = paren > 0 ? word.slice(0, paren) : word;
  const meaning = docFor(docs, value);
  const enumerated = arg.type === 'enum' && (arg.values ?? []).includes(value);
  if (!enumerated && !(meaning !== undefined && arg.variadic === true)) return undefined;
  const valueOwner: ValueOwner = {
    label,
    summary: owner.summary,
    ...(owner.docUrl !== undefined ? { docUrl: owner.docUrl } : {}),
  };
  return valueDoc(value, meaning, arg, valueOwner, signatureLine(owner.name, owner.args), markdown);
}

/**
 * Hover of a value taken by an option of a list line (`reverse` after `weight -20` in a
 * `track_script` block): the nearest option named before the word decides.
 */
export function listOptionValueDoc(
  options: readonly ArgumentOwner[],
  words: readonly string[],
  index: number,
  docsOf: (option: string) => Readonly<Record<string, string>> | undefined,
  labelOf: (option: string) => string,
  markdown: boolean,
): MarkupContent | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const option = options.find((candidate) => candidate.name === words[at]);
    if (!option) continue;
    const value = words[index] ?? '';
    const docs = docsOf(option.name);
    return argumentValueDoc(option, labelOf(option.name), index - at - 1, value, docs, markdown);
  }
  return undefined;
}
