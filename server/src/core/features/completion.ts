/**
 * Completion for both languages. The line before the cursor decides what is offered: section or
 * block keywords at the start of a line, the rest of a multi-word keyword (`timeout conn`), the
 * actions of a rule set, enum values, bind/server options, sample fetches and converters,
 * ACL names in conditions, and the names the document defines where a reference is expected.
 * Every item replaces exactly the partial word being typed.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';
import type { ArgSpec } from '../common/catalog.js';
import type { HaproxyDocument, KeepalivedDocument, ParsedDocument } from '../document.js';
import {
  HAPROXY_CATALOG,
  isAvailable,
  lifecycleAt as haproxyLifecycle,
  valueAvailable,
  type HaproxyArgSpec,
  type HaproxyKeywordSpec,
} from '../haproxy/catalog/index.js';
import type { ActionSpec, OptionSpec, SampleSpec } from '../haproxy/catalog/types.js';
import { sampleDocUrl } from '../haproxy/catalog/doc-url.js';
import {
  KEEPALIVED_CATALOG,
  lifecycleAt as keepalivedLifecycle,
} from '../keepalived/catalog/index.js';
import type { KeepalivedKeywordSpec } from '../keepalived/catalog/types.js';
import type { ServiceSettings } from '../settings.js';
import {
  argAt,
  haproxyBodySection,
  keepalivedPlace,
  keepalivedSpec,
  prefixAt,
  type ClientFormat,
  type LinePrefix,
  type LineToken,
} from './context.js';
import {
  argsSnippet,
  entryDoc,
  signatureLine,
  versionNote,
  type DocumentedEntry,
  type EntryState,
} from './documentation.js';
import { aclLines, sectionsDefining, serverLines } from '../haproxy/analysis/defined-names.js';
import {
  keepalivedDefinitions,
  keepalivedInterfaces,
} from '../keepalived/analysis/defined-names.js';
import { haproxyDocumentReferences } from '../references.js';
import type { Section } from '../haproxy/ast.js';
import { beforeFirst } from '../common/text-scan.js';
import { mapKeys } from '../haproxy/pattern-file.js';
import { candidateAt } from './document-links.js';
import { printable, type ReferencedFiles } from './referenced-files.js';

/** Words that start a condition in HAProxy rules. */
const CONDITION_WORDS = new Set(['if', 'unless']);

/** Keepalived boolean spellings. */
const BOOLEAN_VALUES = ['true', 'false', 'on', 'off', 'yes', 'no'];

/** Builds items that replace one range of the line. */
class ItemSink {
  readonly items: CompletionItem[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly range: Range,
    readonly format: ClientFormat,
  ) {}

  /** A plain word. */
  word(label: string, kind: CompletionItemKind, detail?: string): void {
    if (this.seen.has(label)) return;
    this.seen.add(label);
    this.items.push({
      label,
      kind,
      ...(detail !== undefined ? { detail } : {}),
      textEdit: { range: this.range, newText: label },
    });
  }

  /** A documented catalog entry, with a snippet for its arguments when the client takes one. */
  entry(
    label: string,
    kind: CompletionItemKind,
    entry: DocumentedEntry,
    state: EntryState,
    version: string,
    product: string,
    args: readonly ArgSpec[],
    snippet?: string,
  ): void {
    if (this.seen.has(label)) return;
    this.seen.add(label);
    const body = snippet ?? argsSnippet(args);
    const useSnippet = this.format.snippets && body !== '';
    const item: CompletionItem = {
      label,
      kind,
      detail: entry.summary,
      documentation: entryDoc(
        entry,
        signatureLine(entry.name, args),
        versionNote(entry, state, version, product),
        this.format.markdown,
      ),
      textEdit: { range: this.range, newText: useSnippet ? `${label} ${body}` : label },
      ...(useSnippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    };
    if (state === 'deprecated') {
      if (this.format.deprecatedTag) item.tags = [CompletionItemTag.Deprecated];
      else item.deprecated = true;
    }
    this.items.push(item);
  }
}

/**
 * Completion items at `offset`. `interfaces` are interface names used elsewhere (the other
 * Keepalived files of the cluster), offered with the document's own.
 */
export function getCompletions(
  document: ParsedDocument,
  offset: number,
  settings: ServiceSettings,
  format: ClientFormat,
  interfaces: readonly string[] = [],
  files?: ReferencedFiles,
): CompletionItem[] {
  const prefix = prefixAt(document, offset);
  if (prefix.inComment) return [];
  return document.languageId === 'haproxy'
    ? haproxyCompletions(document, prefix, settings.haproxy.version, format, files)
    : keepalivedCompletions(
        document,
        prefix,
        offset,
        settings.keepalived.version,
        format,
        interfaces,
      );
}

/** The range of a token, possibly without its first `skip` characters. */
function rangeOf(document: ParsedDocument, token: LineToken, skip = 0): Range {
  return {
    start: document.lineIndex.positionAt(token.start + skip),
    end: document.lineIndex.positionAt(token.end),
  };
}

// ---- HAProxy ----------------------------------------------------------------------------------

function haproxyCompletions(
  document: HaproxyDocument,
  prefix: LinePrefix,
  version: string,
  format: ClientFormat,
  files: ReferencedFiles | undefined,
): CompletionItem[] {
  const section = haproxyBodySection(document, prefix.lineStart);
  const type = section?.type ?? '';
  const typed = prefix.words.map((word) => word.text);
  const partial = prefix.partial;
  const sink = new ItemSink(rangeOf(document, partial), format);
  const add = (spec: HaproxyKeywordSpec, label: string): void =>
    sink.entry(
      label,
      spec.ruleset ? CompletionItemKind.Function : CompletionItemKind.Keyword,
      spec,
      haproxyLifecycle(spec, version),
      version,
      'HAProxy',
      // Continuations keep their own argument snippet; the name words are already typed.
      spec.args,
      spec.snippet,
    );

  const negated = typed[0] === 'no';
  const nameWords = negated ? typed.slice(1) : typed;
  const keywords = section ? HAPROXY_CATALOG.keywordsForSection(type, version) : [];

  if (nameWords.length === 0) {
    for (const spec of keywords) if (!negated || spec.negatable) add(spec, spec.name);
    if (typed.length === 0) {
      for (const spec of HAPROXY_CATALOG.sections) {
        if (spec.spoeOnly || !isAvailable(spec, version)) continue;
        sink.entry(
          spec.name,
          CompletionItemKind.Module,
          spec,
          haproxyLifecycle(spec, version),
          version,
          'HAProxy',
          spec.nameArg === 'required' ? [{ name: 'name', type: 'name' }] : [],
        );
      }
    }
    return sink.items;
  }

  // The rest of a multi-word keyword: `timeout conn<|>`, `option htt<|>`, `tcp-request con<|>`.
  for (const spec of keywords) {
    const parts = spec.name.split(' ');
    if (parts.length <= nameWords.length || (negated && !spec.negatable)) continue;
    if (nameWords.every((word, i) => parts[i] === word)) {
      add(spec, parts.slice(nameWords.length).join(' '));
    }
  }

  const match = section ? HAPROXY_CATALOG.lookup(type, typed) : undefined;
  if (match && match.length <= typed.length) {
    haproxyArguments(
      document,
      section,
      match.spec,
      typed.slice(match.length),
      prefix,
      version,
      sink,
      files,
    );
  }
  return sink.items;
}

/** Completion of the arguments of a known keyword; `args` are the complete argument words. */
function haproxyArguments(
  document: HaproxyDocument,
  section: Section | undefined,
  spec: HaproxyKeywordSpec,
  args: readonly string[],
  prefix: LinePrefix,
  version: string,
  sink: ItemSink,
  files?: ReferencedFiles,
): void {
  const partial = prefix.partial;
  const index = args.length;
  const conditionAt = args.findIndex((word) => CONDITION_WORDS.has(word));
  if (conditionAt >= 0) {
    haproxyCondition(document, section, args.slice(conditionAt + 1), prefix, version, sink);
    return;
  }
  if (partial.text.startsWith('http_auth') || partial.text.includes(',')) {
    haproxySample(document, partial, version, sink);
    return;
  }

  if (spec.ruleset) {
    const actions = HAPROXY_CATALOG.actions.filter(
      (action) =>
        action.rulesets.includes(spec.ruleset ?? 'http-request') && isAvailable(action, version),
    );
    if (index === 0) {
      for (const action of actions) actionItem(action, version, sink);
      return;
    }
    const name = beforeFirst(args[0] ?? '', '(');
    const action = actions.find((candidate) => candidate.name === name);
    if (index === 1 && files && (name === 'set-map' || name === 'del-map')) {
      // The action word is the complete word `args` starts with.
      mapKeyItems(document, prefix.words[prefix.words.length - args.length], files, sink);
    }
    if (index >= 1) sink.word('if', CompletionItemKind.Keyword, 'Condition');
    if (index >= 1) sink.word('unless', CompletionItemKind.Keyword, 'Negated condition');
    if (action) argValues(document, section, argAt(action.args, index - 1), prefix, version, sink);
    return;
  }

  switch (spec.name) {
    case 'acl':
      if (index === 1) haproxySample(document, partial, version, sink);
      return;
    case 'bind':
      if (index >= 1) options(HAPROXY_CATALOG.bindOptions, args, document, section, version, sink);
      return;
    case 'server':
      if (index >= 2) options(serverOptions(false), args, document, section, version, sink);
      return;
    case 'default-server':
      options(serverOptions(true), args, document, section, version, sink);
      return;
    case 'server-template':
      if (index >= 3) options(serverOptions(false), args, document, section, version, sink);
      return;
    case 'use-server':
      if (index === 0) {
        for (const name of serverLines(haproxyDocumentReferences(document), section).keys()) {
          sink.word(name, CompletionItemKind.Reference, 'Server');
        }
      } else conditionStarters(sink);
      return;
    case 'use_backend':
      if (index === 0) backendNames(document, sink);
      else conditionStarters(sink);
      return;
    default:
      argValues(document, section, argAt(spec.args, index), prefix, version, sink);
  }
}

/**
 * The keys of the map a `set-map(file)` / `del-map(file)` word names, read through the host (path
 * mappings, allowed roots) and cut to the first lines of the file.
 */
function mapKeyItems(
  document: HaproxyDocument,
  action: LineToken | undefined,
  files: ReferencedFiles,
  sink: ItemSink,
): void {
  const open = action?.text.indexOf('(') ?? -1;
  if (action === undefined || open < 0) return;
  const link = candidateAt(document, action.start + open + 1);
  if (link?.kind !== 'map') return;
  const found = files.find(link.path, link.kind, document.uri);
  const uri = found.state === 'found' ? found.uris[0] : undefined;
  const text = uri === undefined ? undefined : files.read(uri);
  if (text === undefined) return;
  for (const { key, value } of mapKeys(text)) {
    const shown = printable(value).slice(0, 80);
    sink.word(
      printable(key),
      CompletionItemKind.Value,
      shown === '' ? 'Map key' : `Map key → ${shown}`,
    );
  }
}

function conditionStarters(sink: ItemSink): void {
  sink.word('if', CompletionItemKind.Keyword, 'Condition');
  sink.word('unless', CompletionItemKind.Keyword, 'Negated condition');
}

function backendNames(document: HaproxyDocument, sink: ItemSink): void {
  for (const s of sectionsDefining(haproxyDocumentReferences(document), 'backend')) {
    sink.word(s.name?.value ?? '', CompletionItemKind.Class, `${s.type} ${s.name?.value ?? ''}`);
  }
}

function serverOptions(defaultServer: boolean): readonly OptionSpec[] {
  return defaultServer
    ? HAPROXY_CATALOG.serverOptions.filter((option) => option.defaultServer !== false)
    : HAPROXY_CATALOG.serverOptions;
}

function actionItem(action: ActionSpec, version: string, sink: ItemSink): void {
  sink.entry(
    action.name,
    CompletionItemKind.Function,
    action,
    haproxyLifecycle(action, version),
    version,
    'HAProxy',
    action.args,
  );
}

/** Options of bind/server lines, or the value of the option just typed. */
function options(
  catalog: readonly OptionSpec[],
  args: readonly string[],
  document: HaproxyDocument,
  section: Section | undefined,
  version: string,
  sink: ItemSink,
): void {
  // Walk the words already typed to know whether the cursor is on an option's value.
  let pending: { option: OptionSpec; index: number } | undefined;
  for (const word of args) {
    if (pending) {
      pending.index++;
      if (pending.index >= pending.option.args.length) pending = undefined;
      continue;
    }
    const option = catalog.find((candidate) => candidate.name === word);
    if (option && option.args.length > 0) pending = { option, index: 0 };
  }
  if (pending) {
    if (pending.option.name === 'track') {
      const table = haproxyDocumentReferences(document);
      for (const name of serverLines(table, section).keys()) {
        sink.word(name, CompletionItemKind.Reference);
      }
      for (const backend of sectionsDefining(table, 'backend')) {
        for (const name of serverLines(table, backend).keys()) {
          sink.word(`${backend.name?.value ?? ''}/${name}`, CompletionItemKind.Reference);
        }
      }
      return;
    }
    const arg = pending.option.args[pending.index];
    for (const value of arg?.values ?? []) sink.word(value, CompletionItemKind.EnumMember);
    return;
  }
  for (const option of catalog) {
    if (!isAvailable(option, version)) continue;
    sink.entry(
      option.name,
      CompletionItemKind.Property,
      option,
      haproxyLifecycle(option, version),
      version,
      'HAProxy',
      option.args,
    );
  }
}

/** Values for one argument position. */
function argValues(
  document: HaproxyDocument,
  section: Section | undefined,
  arg: HaproxyArgSpec | undefined,
  prefix: LinePrefix,
  version: string,
  sink: ItemSink,
): void {
  if (!arg) return;
  if (arg.type === 'enum') {
    for (const value of arg.values ?? []) {
      if (valueAvailable(arg, value, version)) {
        sink.word(value, CompletionItemKind.EnumMember, arg.name);
      }
    }
  } else if (arg.type === 'sample') {
    haproxySample(document, prefix.partial, version, sink);
  } else if (arg.type === 'condition') {
    conditionStarters(sink);
  } else if (arg.type === 'reference' && arg.refers !== undefined) {
    if (arg.refers === 'server') {
      for (const name of serverLines(haproxyDocumentReferences(document), section).keys()) {
        sink.word(name, CompletionItemKind.Reference);
      }
      return;
    }
    for (const s of sectionsDefining(haproxyDocumentReferences(document), arg.refers)) {
      sink.word(
        s.name?.value ?? '',
        CompletionItemKind.Reference,
        `${s.type} ${s.name?.value ?? ''}`,
      );
    }
  }
}

/** Inside `if …`/`unless …`: ACL names, or fetches inside `{ }`. */
function haproxyCondition(
  document: HaproxyDocument,
  section: Section | undefined,
  condition: readonly string[],
  prefix: LinePrefix,
  version: string,
  sink: ItemSink,
): void {
  let depth = 0;
  let sinceOpen = 0;
  for (const word of condition) {
    if (word.startsWith('{') || word.startsWith('!{')) {
      depth++;
      sinceOpen = 0;
    } else if (word === '}') depth = Math.max(0, depth - 1);
    else sinceOpen++;
  }
  const partial = prefix.partial;
  if (depth > 0) {
    if (sinceOpen === 0 || partial.text.includes(',')) {
      haproxySample(document, partial, version, sink);
    }
    return;
  }
  // `!name` replaces only the name; the `!` stays.
  const bangs = /^!*/.exec(partial.text)?.[0].length ?? 0;
  const names = new ItemSink(rangeOf(document, partial, bangs), sink.format);
  for (const [name, lines] of aclLines(haproxyDocumentReferences(document), section)) {
    names.word(
      name,
      CompletionItemKind.Variable,
      lines[0]?.args
        .slice(1)
        .map((w) => w.raw)
        .join(' '),
    );
  }
  for (const acl of HAPROXY_CATALOG.predefinedAcls) {
    if (isAvailable(acl, version)) {
      names.word(acl.name, CompletionItemKind.Constant, acl.equivalent);
    }
  }
  sink.items.push(...names.items);
}

/** A sample expression: a fetch, a converter after `,`, or a userlist in `http_auth(`. */
function haproxySample(
  document: HaproxyDocument,
  partial: LineToken,
  version: string,
  sink: ItemSink,
): void {
  const text = partial.text.replace(/^!?\{?/, '');
  const lead = partial.text.length - text.length;
  const format = sink.format;
  const open = text.lastIndexOf('(');
  const comma = text.lastIndexOf(',');
  if (open >= 0 && open > comma && !text.includes(')')) {
    const fetch = text.slice(0, open);
    if (fetch === 'http_auth' || fetch === 'http_auth_group') {
      const names = new ItemSink(rangeOf(document, partial, lead + open + 1), format);
      for (const s of sectionsDefining(haproxyDocumentReferences(document), 'userlist')) {
        names.word(s.name?.value ?? '', CompletionItemKind.Reference, 'userlist');
      }
      sink.items.push(...names.items);
    }
    return;
  }
  const converters = comma >= 0;
  const target = new ItemSink(
    rangeOf(document, partial, converters ? lead + comma + 1 : lead),
    format,
  );
  const list: readonly SampleSpec[] = converters
    ? HAPROXY_CATALOG.converters
    : HAPROXY_CATALOG.fetches;
  for (const sample of list) {
    if (!isAvailable(sample, version)) continue;
    target.entry(
      sample.name,
      converters ? CompletionItemKind.Operator : CompletionItemKind.Function,
      { ...sample, docUrl: sampleDocUrl(sample, version) },
      haproxyLifecycle(sample, version),
      version,
      'HAProxy',
      [],
    );
  }
  for (const item of target.items) {
    // The signature belongs in the detail; inserting it would leave `<placeholders>` behind.
    const sample = list.find((entry) => entry.name === item.label);
    if (sample?.signature) item.detail = `${sample.name}${sample.signature} — ${sample.summary}`;
  }
  sink.items.push(...target.items);
}

// ---- Keepalived -------------------------------------------------------------------------------

function keepalivedCompletions(
  document: KeepalivedDocument,
  prefix: LinePrefix,
  offset: number,
  version: string,
  format: ClientFormat,
  interfaces: readonly string[],
): CompletionItem[] {
  const place = keepalivedPlace(document, offset);
  const known = (): string[] =>
    mergeNames(keepalivedInterfaces(document.parse.ast.items), interfaces);
  const sink = new ItemSink(rangeOf(document, prefix.partial), format);
  const typed = prefix.words.map((word) => word.text);
  if (typed.includes('{') || typed.includes('}')) return [];
  const index = typed.length;

  if (place.list) {
    const grammar = place.list.list;
    if (!grammar) return [];
    const head = grammar.manyPerLine ? grammar.head[0] : grammar.head[index];
    const previous = typed[index - 1];
    const option = grammar.options.find((candidate) => candidate.name === previous);
    if (option && option.args[0]) {
      keepalivedValues(document, option.args[0], sink, known);
    } else if (head && (grammar.manyPerLine || index < grammar.head.length)) {
      keepalivedValues(document, head, sink, known);
    } else {
      for (const candidate of grammar.options) {
        if (candidate.onlyIn && !candidate.onlyIn.includes(place.list.name)) continue;
        sink.word(candidate.name, CompletionItemKind.Property, candidate.summary);
      }
    }
    return sink.items;
  }

  const context = place.context;
  if (context === undefined) return [];
  if (index === 0) {
    for (const spec of KEEPALIVED_CATALOG.keywordsFor(context, version)) {
      keepalivedItem(spec, version, sink);
    }
    return sink.items;
  }
  if (typed[index - 1] === 'dev') {
    for (const name of known()) sink.word(name, CompletionItemKind.Value);
    return sink.items;
  }
  const spec = keepalivedSpec(context, typed[0] ?? '');
  if (spec) keepalivedValues(document, argAt(spec.args, index - 1), sink, known);
  return sink.items;
}

function keepalivedItem(spec: KeepalivedKeywordSpec, version: string, sink: ItemSink): void {
  const opens = spec.blockContext !== undefined || spec.listBlock !== undefined;
  sink.entry(
    spec.name,
    opens ? CompletionItemKind.Module : CompletionItemKind.Keyword,
    spec,
    keepalivedLifecycle(spec, version),
    version,
    'Keepalived',
    spec.args,
    spec.snippet ?? '',
  );
}

/** The document's names followed by the others it does not have, sorted together. */
function mergeNames(own: readonly string[], others: readonly string[]): string[] {
  return [...new Set([...own, ...others])].sort();
}

/** Values for one Keepalived argument; `interfaces` lists the interface names to offer. */
function keepalivedValues(
  document: KeepalivedDocument,
  arg: ArgSpec | undefined,
  sink: ItemSink,
  interfaces: () => readonly string[],
): void {
  if (!arg) return;
  if (arg.type === 'enum') {
    for (const value of arg.values ?? []) sink.word(value, CompletionItemKind.EnumMember, arg.name);
  } else if (arg.type === 'bool') {
    for (const value of BOOLEAN_VALUES) sink.word(value, CompletionItemKind.EnumMember);
  } else if (arg.type === 'interface') {
    for (const name of interfaces()) {
      sink.word(name, CompletionItemKind.Value, 'interface');
    }
  } else if (arg.type === 'reference' && arg.refers !== undefined) {
    for (const site of keepalivedDefinitions(document.parse.ast.items, arg.refers)) {
      sink.word(site.name, CompletionItemKind.Reference, `${site.spec.name} ${site.name}`);
    }
  }
}
