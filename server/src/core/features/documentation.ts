/**
 * Turns catalog entries into the texts completion, hover and signature help show: a signature
 * line, version facts at the target version and a documentation link, as Markdown or plain text
 * depending on what the client renders.
 */
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import type { ArgSpec, Lifecycle } from '../common/catalog.js';

/** What every documented catalog entry has. */
export interface DocumentedEntry {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly docUrl: string;
  readonly since?: string;
  readonly deprecated?: Lifecycle;
  readonly removed?: Lifecycle;
}

/** Lifecycle of an entry at the target version, as both catalogs compute it. */
export type EntryState = 'ok' | 'not-yet' | 'deprecated' | 'removed';

/** One argument as shown in a signature: `<name>`, `[<name>]`, `<a|b>`, with `...` for lists. */
export function formatArg(arg: ArgSpec): string {
  const values = arg.values ?? [];
  // Short enums read better spelled out; long ones would drown the signature.
  const inner = values.length > 0 && values.length <= 5 ? values.join('|') : arg.name;
  const text = `<${inner}>${arg.variadic ? ' ...' : ''}`;
  return arg.optional ? `[${text}]` : text;
}

/** `name <arg> [<arg>]`. */
export function signatureLine(name: string, args: readonly ArgSpec[]): string {
  return [name, ...args.map(formatArg)].join(' ');
}

/** One sentence about the entry's versions, or undefined when there is nothing to say. */
export function versionNote(
  entry: DocumentedEntry,
  state: EntryState,
  version: string,
  product: string,
): string | undefined {
  const parts: string[] = [];
  if (entry.since !== undefined) parts.push(`Available since ${product} ${entry.since}.`);
  if (state === 'not-yet') {
    parts.push(`Not available in the target version ${version}.`);
  }
  if (entry.deprecated) {
    const replacement = entry.deprecated.replacement;
    parts.push(
      `Deprecated in ${entry.deprecated.since}${replacement ? `; use ${replacement} instead` : ''}.`,
    );
    if (entry.deprecated.note) parts.push(entry.deprecated.note);
  }
  if (entry.removed) {
    const replacement = entry.removed.replacement;
    parts.push(
      `Removed in ${entry.removed.since}${replacement ? `; use ${replacement} instead` : ''}.`,
    );
  }
  if (state === 'deprecated') parts.push('The target version warns about it.');
  if (state === 'removed') parts.push('The target version rejects it.');
  if (parts.length === 0) return undefined;
  return `${parts.join(' ')} (target: ${product} ${version})`;
}

/** Removes the Markdown a plain-text client would show literally. */
function plain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1');
}

/** Pieces of a documentation text, in display order. */
interface DocParts {
  /** Shown as a code line. */
  readonly signature?: string;
  /** Markdown paragraphs. */
  readonly paragraphs: readonly (string | undefined)[];
  readonly docUrl?: string;
}

/** Assembles documentation for a client that renders Markdown or not. */
export function renderDoc(parts: DocParts, markdown: boolean): MarkupContent {
  const blocks: string[] = [];
  if (parts.signature) {
    blocks.push(markdown ? `\`\`\`\n${parts.signature}\n\`\`\`` : parts.signature);
  }
  for (const paragraph of parts.paragraphs) {
    if (paragraph) blocks.push(markdown ? paragraph : plain(paragraph));
  }
  if (parts.docUrl) {
    blocks.push(markdown ? `[Documentation](${parts.docUrl})` : `Documentation: ${parts.docUrl}`);
  }
  return {
    kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText,
    value: blocks.join('\n\n'),
  };
}

/** Documentation of a catalog entry. */
export function entryDoc(
  entry: DocumentedEntry,
  signature: string | undefined,
  note: string | undefined,
  markdown: boolean,
): MarkupContent {
  return renderDoc(
    {
      ...(signature !== undefined ? { signature } : {}),
      paragraphs: [entry.description || entry.summary, note],
      docUrl: entry.docUrl,
    },
    markdown,
  );
}

/** Escapes text for a snippet placeholder. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Snippet tab stops for the required arguments (enums as choices), or '' when none. */
export function argsSnippet(args: readonly ArgSpec[]): string {
  const parts: string[] = [];
  let stop = 1;
  for (const arg of args) {
    if (arg.optional || arg.type === 'condition' || arg.type === 'options') break;
    const values = arg.values ?? [];
    parts.push(
      values.length > 0
        ? `\${${stop++}|${values.map((v) => v.replace(/[,|\\$}]/g, (c) => `\\${c}`)).join(',')}|}`
        : `\${${stop++}:${escapeSnippet(arg.name)}}`,
    );
    if (arg.variadic) break;
  }
  return parts.join(' ');
}
