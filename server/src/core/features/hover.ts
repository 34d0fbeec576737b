/**
 * Hover for both languages: catalog documentation for keywords (multi-word aware), rule actions,
 * bind/server options, sample fetches and converters (in conditions, ACLs, sample arguments and
 * `%[…]` in log formats), ACL criteria, flags and matching methods, predefined ACLs and argument
 * values; and for a name (backend, ACL, server, userlist, Keepalived script or instance) a summary
 * of its definition. Every text starts with what the word is. The statement under the cursor is
 * found by binary search in the tree.
 */
import type { Hover, MarkupContent, Range } from 'vscode-languageserver-types';
import type { ArgSpec } from '../common/catalog.js';
import type { HaproxyDocument, KeepalivedDocument, ParsedDocument } from '../document.js';
import type { Section, Statement, Word } from '../haproxy/ast.js';
import {
  HAPROXY_CATALOG,
  lifecycleAt as haproxyLifecycle,
  type HaproxyKeywordSpec,
} from '../haproxy/catalog/index.js';
import type { OptionSpec } from '../haproxy/catalog/types.js';
import { HAPROXY_VALUE_DOCS } from '../haproxy/catalog/value-docs.js';
import { fetchSpec } from '../haproxy/rules/sample-helpers.js';
import { sampleDocUrl } from '../haproxy/catalog/doc-url.js';
import type { KeepalivedItem } from '../keepalived/ast.js';
import { lifecycleAt as keepalivedLifecycle } from '../keepalived/catalog/index.js';
import { KEEPALIVED_VALUE_DOCS } from '../keepalived/catalog/value-docs.js';
import type { ServiceSettings } from '../settings.js';
import { beforeFirst } from '../common/text-scan.js';
import {
  argAt,
  haproxyItemAt,
  keepalivedPlace,
  keepalivedSpec,
  keepalivedWordAt,
  wordAt,
  type ClientFormat,
} from './context.js';
import {
  renderDoc,
  signatureLine,
  versionNote,
  type DocumentedEntry,
  type EntryState,
} from './documentation.js';
import {
  aclCriterionDoc,
  aclFlagDoc,
  argumentValueDoc,
  formatSpanAt,
  leadParagraphs,
  listOptionValueDoc,
} from './hover-values.js';
import {
  aclLines,
  firstStatement,
  sectionDefining,
  serverLines,
} from '../haproxy/analysis/defined-names.js';
import { keepalivedDefinitions } from '../keepalived/analysis/defined-names.js';
import { haproxyDocumentReferences } from '../references.js';
import { rulePhase } from './rule-phase.js';

/** Hover at `offset`, or null when there is nothing to say. */
export function getHover(
  document: ParsedDocument,
  offset: number,
  settings: ServiceSettings,
  format: ClientFormat,
): Hover | null {
  return document.languageId === 'haproxy'
    ? haproxyHover(document, offset, settings.haproxy.version, format)
    : keepalivedHover(document, offset, settings.keepalived.version, format);
}

function rangeOf(document: ParsedDocument, start: number, end: number): Range {
  return { start: document.lineIndex.positionAt(start), end: document.lineIndex.positionAt(end) };
}

function hover(contents: MarkupContent, range: Range): Hover {
  return { contents, range };
}

/** Documentation of an entry with its version facts, led by what the entry is. */
function describe(
  entry: DocumentedEntry,
  state: EntryState,
  version: string,
  product: string,
  signature: string | undefined,
  format: ClientFormat,
  extra?: string,
): MarkupContent {
  return leadDoc(entry, signature, versionNote(entry, state, version, product), format, extra);
}

/** An entry's summary and description, then a note, under an optional signature line. */
function leadDoc(
  entry: DocumentedEntry,
  signature: string | undefined,
  note: string | undefined,
  format: ClientFormat,
  extra?: string,
): MarkupContent {
  return renderDoc(
    {
      ...(signature !== undefined ? { signature } : {}),
      paragraphs: [...leadParagraphs(entry), note, extra],
      docUrl: entry.docUrl,
    },
    format.markdown,
  );
}

/** A statement's words as one line of source. */
function lineText(words: readonly { readonly raw: string }[]): string {
  return words.map((word) => word.raw).join(' ');
}

// ---- HAProxy ----------------------------------------------------------------------------------

function haproxyHover(
  document: HaproxyDocument,
  offset: number,
  version: string,
  format: ClientFormat,
): Hover | null {
  const { section, item } = haproxyItemAt(document, offset);
  if (item?.kind !== 'statement') return null;
  const words = item.words;
  const index = wordAt(words, offset);
  const word = words[index];
  if (!word) return null;
  const range = rangeOf(document, word.start, word.end);
  const doc = (entry: DocumentedEntry, signature?: string): Hover =>
    hover(
      describe(entry, haproxyLifecycle(entry, version), version, 'HAProxy', signature, format),
      range,
    );

  if (section && item === section.header) {
    const spec = HAPROXY_CATALOG.section(section.type);
    if (index === 0 && spec) return doc(spec);
    if (index === 1) return hover(sectionSummary(document, section, format), range);
    return null;
  }
  const type = section?.type ?? '';
  if (item.condition && offset >= item.condition.keyword.start) {
    return conditionHover(document, section, item, word, offset, version, format, range);
  }

  const match = HAPROXY_CATALOG.lookup(
    type,
    words.map((w) => w.value),
  );
  if (!match) return null;
  const spec = match.spec;
  if (index < match.length) {
    const first = words[0] ?? word;
    const last = words[match.length - 1] ?? word;
    return hover(
      describe(
        spec,
        haproxyLifecycle(spec, version),
        version,
        'HAProxy',
        signatureLine(spec.name, spec.args),
        format,
        // When and where HAProxy runs the rule, for the rule-list keywords.
        section ? rulePhase(document.parse.ast, section, item, version) : undefined,
      ),
      rangeOf(document, first.start, last.end),
    );
  }
  const argIndex = index - match.length;
  return haproxyArgumentHover(
    document,
    section,
    spec,
    item,
    word,
    argIndex,
    offset,
    version,
    format,
    range,
  );
}

function haproxyArgumentHover(
  document: HaproxyDocument,
  section: Section | undefined,
  spec: HaproxyKeywordSpec,
  item: Statement,
  word: Word,
  argIndex: number,
  offset: number,
  version: string,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const doc = (entry: DocumentedEntry, args: readonly ArgSpec[] | undefined): Hover =>
    hover(
      describe(
        entry,
        haproxyLifecycle(entry, version),
        version,
        'HAProxy',
        args ? signatureLine(entry.name, args) : undefined,
        format,
      ),
      range,
    );
  if (spec.ruleset) {
    const name = beforeFirst(word.value, '(');
    if (argIndex === 0) {
      const action = HAPROXY_CATALOG.actions.find(
        (a) => a.name === name && a.rulesets.includes(spec.ruleset ?? 'http-request'),
      );
      if (action) return doc(action, action.args);
    }
    const value = actionValueHover(spec, item, word, argIndex, format);
    if (value) return hover(value, range);
    return sampleHover(document, word, offset, version, format, range);
  }
  const optionCatalog: readonly OptionSpec[] | undefined =
    spec.name === 'bind'
      ? HAPROXY_CATALOG.bindOptions
      : spec.name === 'server' || spec.name === 'default-server' || spec.name === 'server-template'
        ? HAPROXY_CATALOG.serverOptions
        : undefined;
  if ((spec.name === 'server' || spec.name === 'server-template') && argIndex === 0) {
    return serverHover(document, section, word.value, format, range);
  }
  if (optionCatalog) {
    const name = word.value.replace(/^no-/, '');
    const option =
      optionCatalog.find((o) => o.name === word.value) ??
      optionCatalog.find((o) => o.name === name);
    if (option && (spec.name === 'default-server' || argIndex >= 1)) {
      return doc(option, option.args);
    }
    const previous = item.words[item.words.indexOf(word) - 1]?.value;
    if (previous === 'track') return serverHover(document, section, word.value, format, range);
    // A value of the option before it (`on-error mark-down`, `verify required`).
    const kind = spec.name === 'bind' ? 'bind' : 'server';
    const value = listOptionValueDoc(
      optionCatalog,
      item.words.map((w) => w.value),
      item.words.indexOf(word),
      (name) => HAPROXY_VALUE_DOCS[`${kind}:${name}`],
      (name) => `${kind} option ${name}`,
      format.markdown,
    );
    return value ? hover(value, range) : null;
  }
  if (spec.name === 'acl' && argIndex === 0) {
    return aclHover(document, section, word.value, format, range);
  }
  if (spec.name === 'acl' && argIndex === 1) {
    return sampleHover(document, word, offset, version, format, range);
  }
  if (spec.name === 'acl' && argIndex >= 2) {
    return aclFlagHover(item.args.slice(2), word, format, range);
  }
  if (spec.name === 'use-server' && argIndex === 0) {
    return serverHover(document, section, word.value, format, range);
  }
  // A log format (`log-format`, `use_backend be_%[req.hdr(host),lower]`): the sample under the cursor.
  if (word.raw.includes('%[')) return sampleHover(document, word, offset, version, format, range);
  const arg = argAt(spec.args, argIndex);
  if (arg?.type === 'reference' && arg.refers !== undefined) {
    const target = sectionDefining(haproxyDocumentReferences(document), arg.refers, word.value);
    return target ? hover(sectionSummary(document, target, format), range) : null;
  }
  const value = argumentValueDoc(
    spec,
    spec.name,
    argIndex,
    word.value,
    HAPROXY_VALUE_DOCS[spec.name],
    format.markdown,
  );
  if (value) return hover(value, range);
  if (arg?.type === 'sample') return sampleHover(document, word, offset, version, format, range);
  return null;
}

/** Hover inside `if …`/`unless …`: an ACL name, a predefined ACL or a fetch between braces. */
function conditionHover(
  document: HaproxyDocument,
  section: Section | undefined,
  statement: Statement,
  word: Word,
  offset: number,
  version: string,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const condition = statement.condition;
  if (!condition) return null;
  for (const group of condition.groups) {
    for (const term of group.terms) {
      if (offset < term.start || offset > term.end) continue;
      if (term.kind === 'anonymous') {
        if (term.words[0] === word) {
          return sampleHover(document, word, offset, version, format, range);
        }
        return aclFlagHover(term.words.slice(1), word, format, range);
      }
      const nameRange = rangeOf(document, term.nameStart, term.word.end);
      const named = aclHover(document, section, term.name, format, nameRange);
      if (named) return named;
      const predefined = HAPROXY_CATALOG.predefinedAcls.find((acl) => acl.name === term.name);
      if (predefined) {
        return hover(
          leadDoc(
            predefined,
            `${predefined.name} = ${predefined.equivalent}`,
            versionNote(predefined, haproxyLifecycle(predefined, version), version, 'HAProxy'),
            format,
          ),
          nameRange,
        );
      }
      return null;
    }
  }
  return null;
}

/** Where an ACL of the section is defined and what it tests. */
function aclHover(
  document: HaproxyDocument,
  section: Section | undefined,
  name: string,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const lines = aclLines(haproxyDocumentReferences(document), section).get(name);
  if (!lines) return null;
  const owner = section ? `${section.type} \`${section.name?.value ?? ''}\`` : 'this file';
  return hover(
    renderDoc(
      {
        paragraphs: [
          `ACL \`${name}\` of ${owner}:`,
          lines
            .map((line) => {
              const at = document.lineIndex.positionAt(line.start).line + 1;
              const text = lineText(line.args.slice(1));
              return format.markdown ? `- line ${at}: \`${text}\`` : `- line ${at}: ${text}`;
            })
            .join('\n'),
          lines.length > 1 ? 'Several definitions: any of them matching is enough.' : undefined,
        ],
      },
      format.markdown,
    ),
    range,
  );
}

/** A fetch, a converter after `,`, or the userlist of `http_auth(...)`. */
function sampleHover(
  document: HaproxyDocument,
  word: Word,
  offset: number,
  version: string,
  format: ClientFormat,
  fallback: Range,
): Hover | null {
  // Split the raw word (or, in a log format, the `%[…]` span under the cursor) into
  // `fetch(args)` and `,converter(args)` segments; commas inside parentheses belong to the
  // arguments.
  const raw = word.raw;
  const cursor = offset - word.start;
  const region = raw.includes('%[') ? formatSpanAt(raw, cursor) : { start: 0, end: raw.length };
  if (!region) return null;
  let depth = 0;
  let segmentStart = region.start;
  let segmentIndex = 0;
  let found: { start: number; end: number; index: number } | undefined;
  for (let i = region.start; i <= region.end; i++) {
    const c = raw[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (i === region.end || (c === ',' && depth === 0)) {
      if (cursor >= segmentStart && cursor <= i) {
        found = { start: segmentStart, end: i, index: segmentIndex };
      }
      segmentStart = i + 1;
      segmentIndex++;
    }
  }
  if (!found) return null;
  const segment = raw.slice(found.start, found.end);
  const name = beforeFirst(segment.replace(/^!?\{?/, ''), '(');
  const open = segment.indexOf('(');
  if (
    (name === 'http_auth' || name === 'http_auth_group') &&
    open >= 0 &&
    cursor > found.start + open
  ) {
    const userlist = /\(([^,)]*)/.exec(segment)?.[1] ?? '';
    const target = sectionDefining(haproxyDocumentReferences(document), 'userlist', userlist);
    if (target) return hover(sectionSummary(document, target, format), fallback);
  }
  const list = found.index === 0 ? HAPROXY_CATALOG.fetches : HAPROXY_CATALOG.converters;
  const sample = list.find((entry) => entry.name === name);
  const range = rangeOf(document, word.start + found.start, word.start + found.end);
  if (!sample) {
    // An ACL criterion made of a fetch and a matching suffix (`path_beg`, `hdr_dom(host)`).
    const base = found.index === 0 ? fetchSpec(name) : undefined;
    if (!base || base.name === name) return null;
    const note = versionNote(base, haproxyLifecycle(base, version), version, 'HAProxy');
    const linked = { ...base, docUrl: sampleDocUrl(base, version) };
    const doc = aclCriterionDoc(name, linked, `${name}${base.signature}`, note, format.markdown);
    return doc ? hover(doc, range) : null;
  }
  return hover(
    describe(
      { ...sample, docUrl: sampleDocUrl(sample, version) },
      haproxyLifecycle(sample, version),
      version,
      'HAProxy',
      `${sample.name}${sample.signature}${sample.kind === 'fetch' ? ` → ${sample.output}` : ` (${sample.input ?? 'any'} → ${sample.output})`}`,
      format,
    ),
    range,
  );
}

/** An ACL flag or `-m` method among the words after an ACL's criterion. */
function aclFlagHover(
  words: readonly Word[],
  word: Word,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const acl = HAPROXY_CATALOG.lookup('frontend', ['acl'])?.spec;
  const doc = aclFlagDoc(
    words.map((w) => w.value),
    words.indexOf(word),
    acl?.docUrl,
    format.markdown,
  );
  return doc ? hover(doc, range) : null;
}

/** A value of a rule's action (`set-log-level silent`), after the action word. */
function actionValueHover(
  spec: HaproxyKeywordSpec,
  item: Statement,
  word: Word,
  argIndex: number,
  format: ClientFormat,
): MarkupContent | undefined {
  const ruleset = spec.ruleset;
  const at = item.words.indexOf(word) - argIndex;
  const name = item.words[at]?.value ?? '';
  const action = HAPROXY_CATALOG.actions.find(
    (a) => ruleset !== undefined && a.name === beforeAction(name) && a.rulesets.includes(ruleset),
  );
  if (!action || argIndex < 1) return undefined;
  return argumentValueDoc(
    action,
    `${ruleset ?? ''} ${action.name}`,
    argIndex - 1,
    word.value,
    undefined,
    format.markdown,
  );
}

/** An action word without its parenthesised part (`set-var(txn.x)` is `set-var`). */
function beforeAction(word: string): string {
  const paren = word.indexOf('(');
  return paren < 0 ? word : word.slice(0, paren);
}

/** What a section is: a backend's servers and balance, a userlist's users, … */
function sectionSummary(
  document: HaproxyDocument,
  section: Section,
  format: ClientFormat,
): MarkupContent {
  const line = document.lineIndex.positionAt(section.start).line + 1;
  const code = (text: string): string => (format.markdown ? `\`${text}\`` : text);
  const paragraphs: string[] = [
    `${section.type} ${code(section.name?.value ?? '')}, defined on line ${line}.`,
  ];
  const facts: string[] = [];
  for (const keyword of ['mode', 'balance']) {
    const statement = firstStatement(section, keyword);
    if (statement) facts.push(`- ${keyword}: ${code(lineText(statement.args))}`);
  }
  const servers = [...serverLines(haproxyDocumentReferences(document), section).values()];
  if (servers.length > 0) {
    facts.push(`- ${servers.length} server${servers.length > 1 ? 's' : ''}:`);
    for (const server of servers.slice(0, 10)) facts.push(`  - ${code(lineText(server.args))}`);
    if (servers.length > 10) facts.push(`  - … and ${servers.length - 10} more`);
  }
  if (section.type === 'userlist') {
    const users = section.items.filter((i) => i.kind === 'statement' && i.keyword.value === 'user');
    const groups = section.items.filter(
      (i) => i.kind === 'statement' && i.keyword.value === 'group',
    );
    facts.push(`- ${users.length} user(s), ${groups.length} group(s)`);
  }
  if (facts.length > 0) paragraphs.push(facts.join('\n'));
  const spec = HAPROXY_CATALOG.section(section.type);
  return renderDoc({ paragraphs: [...paragraphs, spec?.summary] }, format.markdown);
}

/** A server named `name` or `backend/name`. */
function serverHover(
  document: HaproxyDocument,
  section: Section | undefined,
  name: string,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const slash = name.indexOf('/');
  const owner =
    slash >= 0
      ? sectionDefining(haproxyDocumentReferences(document), 'backend', name.slice(0, slash))
      : section;
  const server = serverLines(haproxyDocumentReferences(document), owner).get(
    slash >= 0 ? name.slice(slash + 1) : name,
  );
  if (!owner || !server) return null;
  const line = document.lineIndex.positionAt(server.start).line + 1;
  const text = lineText(server.words);
  return hover(
    renderDoc(
      {
        signature: text,
        paragraphs: [`Server of ${owner.type} \`${owner.name?.value ?? ''}\`, line ${line}.`],
      },
      format.markdown,
    ),
    range,
  );
}

// ---- Keepalived -------------------------------------------------------------------------------

function keepalivedHover(
  document: KeepalivedDocument,
  offset: number,
  version: string,
  format: ClientFormat,
): Hover | null {
  const place = keepalivedPlace(document, offset);
  const node = place.node;
  if (node?.kind !== 'item') return null;
  const index = keepalivedWordAt(node, offset);
  const words = [node.keyword, ...node.args];
  const word = words[index];
  if (!word) return null;
  const range = rangeOf(document, word.start, word.end);

  if (place.list) {
    const grammar = place.list.list;
    if (!grammar) return null;
    const head = grammar.manyPerLine ? grammar.head[0] : grammar.head[index];
    if (head?.type === 'reference' && head.refers !== undefined) {
      return definitionHover(document, head.refers, word.value, format, range);
    }
    const optionValue = listOptionValueDoc(
      grammar.options,
      words.map((w) => w.value),
      index,
      (name) => KEEPALIVED_VALUE_DOCS[name],
      (name) => `${place.list?.name ?? ''} ${name}`,
      format.markdown,
    );
    if (optionValue) return hover(optionValue, range);
    const option = grammar.options.find((o) => o.name === word.value);
    if (option) {
      return hover(
        renderDoc(
          { signature: signatureLine(option.name, option.args), paragraphs: [option.summary] },
          format.markdown,
        ),
        range,
      );
    }
    return hover(
      renderDoc(
        { paragraphs: [`Entry of \`${place.list.name}\`: ${grammar.summary}`] },
        format.markdown,
      ),
      range,
    );
  }

  if (place.context === undefined) return null;
  const spec = keepalivedSpec(place.context, node.keyword.value);
  if (!spec) return null;
  if (index === 0) {
    return hover(
      describe(
        spec,
        keepalivedLifecycle(spec, version),
        version,
        'Keepalived',
        signatureLine(spec.name, spec.args),
        format,
      ),
      range,
    );
  }
  if (index === 1 && spec.defines !== undefined) {
    return definitionHover(document, spec.defines, word.value, format, range);
  }
  const arg = argAt(spec.args, index - 1);
  if (arg?.type === 'reference' && arg.refers !== undefined) {
    return definitionHover(document, arg.refers, word.value, format, range);
  }
  const value = argumentValueDoc(
    spec,
    spec.name,
    index - 1,
    word.value,
    KEEPALIVED_VALUE_DOCS[spec.name],
    format.markdown,
  );
  return value ? hover(value, range) : null;
}

/** Where a Keepalived object is defined and what its block says. */
function definitionHover(
  document: KeepalivedDocument,
  refers: string,
  name: string,
  format: ClientFormat,
  range: Range,
): Hover | null {
  const site = keepalivedDefinitions(document.parse.ast.items, refers).find((s) => s.name === name);
  if (!site) return null;
  const line = document.lineIndex.positionAt(site.item.start).line + 1;
  const facts = (site.item.block?.items ?? [])
    .filter((child): child is KeepalivedItem => child.kind === 'item' && child.block === undefined)
    .slice(0, 8)
    .map((child) => {
      const text = lineText([child.keyword, ...child.args]);
      return format.markdown ? `- \`${text}\`` : `- ${text}`;
    });
  return hover(
    renderDoc(
      {
        paragraphs: [
          `${site.spec.name} ${format.markdown ? `\`${name}\`` : name}, defined on line ${line}.`,
          facts.join('\n'),
          site.spec.summary,
        ],
      },
      format.markdown,
    ),
    range,
  );
}
