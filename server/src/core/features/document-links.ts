/**
 * The files a configuration names, in one table used by document links, go to definition, hover
 * and the referenced-file checks: Keepalived `include` globs and script programs; HAProxy `crt`,
 * `crt-list`, `ca-file`, `crl-file`, `errorfile`, `lua-load`, `http-request return … file`, ACL
 * `-f` pattern files, `map*()` converter files and the files of `set-map`/`del-map`/`add-acl`/
 * `del-acl` actions. Core has no file system, so it only says which words name which paths and
 * what kind of file each is; the host resolves them.
 */
import type { ParsedDocument } from '../document.js';
import type { HaproxyConfig, Item, Section, Statement, Word } from '../haproxy/ast.js';
import { lineOptionMap } from '../haproxy/analysis/resolve.js';
import { someWord } from '../haproxy/build-ast.js';
import { aclPatternLines, type PatternLines } from '../haproxy/rules/acl-helpers.js';
import { SCRIPT_KEYWORDS } from '../keepalived/analysis/index-node.js';
import type { KeepalivedNode } from '../keepalived/ast.js';

/**
 * What a referenced file holds. Only `patterns`, `map` and `errorfile` files are ever read (for
 * hover and the pattern checks): certificates, keys, certificate lists, Lua code, scripts and
 * included configurations are only located.
 */
export type ReferencedFileKind =
  'include' | 'script' | 'lua' | 'certificate' | 'crt-list' | 'errorfile' | 'patterns' | 'map';

/** A word naming a file. */
export interface DocumentLinkCandidate {
  readonly start: number;
  readonly end: number;
  /**
   * The path: absolute, or relative to the document's folder (a `crt-base`/`ca-base` prefix is
   * already applied). A Keepalived include may be a glob.
   */
  readonly path: string;
  readonly kind: ReferencedFileKind;
  /**
   * For `patterns` and `map` files, how HAProxy reads each line (a map's key): addresses,
   * integers, regular expressions, or `other` (strings, not judged).
   */
  readonly lines?: PatternLines;
}

/** Options naming files, and the global base directory that applies to them. */
const FILE_OPTIONS: ReadonlyMap<string, readonly ['crt-base' | 'ca-base', ReferencedFileKind]> =
  new Map([
    ['crt', ['crt-base', 'certificate']],
    ['crt-list', ['crt-base', 'crt-list']],
    ['ca-file', ['ca-base', 'certificate']],
    ['crl-file', ['ca-base', 'certificate']],
  ]);

/**
 * Whether a word may start a file name in its line: a `-f` flag, the `file` of a `return`
 * action, or a call (`map(…)`, `set-map(…)`). Most lines have none, and are passed over without
 * making their word list.
 */
function mayNameFile(word: Word): boolean {
  const value = word.value;
  return value === '-f' || value === 'file' || value === 'lf-file' || value.includes('(');
}

/**
 * A converter or action taking a file in parentheses: `map_ip(file,default)`, `set-map(file)`.
 * The look-behind keeps `set-map(` from also reading as the `map(` converter.
 */
const FILE_CALL = /(?<![\w-])(map(?:_\w+)?|set-map|del-map|add-acl|del-acl)\(([^),]+)/g;

/** How a map converter reads its keys, from its match suffix (`map_ip_int` → `ip`). */
function mapKeys(name: string): PatternLines {
  const match = /^map_(\w+?)(?:_(?:str|int|ip))?$/.exec(name)?.[1];
  if (match === 'ip') return 'ip';
  if (match === 'int') return 'int';
  if (match === 'reg' || match === 'regm') return 'reg';
  return 'other';
}

function join(base: string | undefined, path: string): string {
  if (path.startsWith('/') || base === undefined || base === '') return path;
  return `${base.replace(/\/+$/, '')}/${path}`;
}

/** The words of each ACL (criterion first) by the offset of its `-f` value: how it reads lines. */
function patternReadings(statement: Statement, into: Map<number, PatternLines>): void {
  const read = (words: readonly Word[]): void => {
    for (let at = 1; at < words.length; at++) {
      const value = words[at + 1];
      if (words[at]?.value === '-f' && value) into.set(value.start, aclPatternLines(words));
    }
  };
  if (statement.keyword.value === 'acl') read(statement.args.slice(1));
  for (const group of statement.condition?.groups ?? []) {
    for (const term of group.terms) if (term.kind === 'anonymous') read(term.words);
  }
}

/** The global `crt-base` and `ca-base` folders (the first of each), which `crt`/`ca-file` paths start from. */
type BaseFolders = { 'crt-base'?: string; 'ca-base'?: string };

function baseFolders(config: HaproxyConfig): BaseFolders {
  const bases: BaseFolders = {};
  for (const section of config.sections) {
    if (section.type !== 'global') continue;
    for (const item of section.items) {
      if (item.kind !== 'statement') continue;
      const key = item.keyword.value;
      if ((key === 'crt-base' || key === 'ca-base') && item.args[0]) {
        bases[key] ??= item.args[0].value;
      }
    }
  }
  return bases;
}

/** Appends the links of the statements among `items` to `links`. */
function itemLinks(
  items: readonly Item[],
  bases: BaseFolders,
  links: DocumentLinkCandidate[],
): void {
  const add = (
    word: Word | undefined,
    kind: ReferencedFileKind,
    base?: string,
    lines?: PatternLines,
  ): void => {
    if (!word || word.hasVariable || word.template || word.value === '') return;
    links.push({
      start: word.start,
      end: word.end,
      path: join(base, word.value),
      kind,
      ...(lines !== undefined ? { lines } : {}),
    });
  };
  const statement = (item: Statement): void => {
    const keyword = item.keyword.value;
    const args = item.args;
    if (keyword === 'bind' || keyword === 'server' || keyword === 'default-server') {
      const options = lineOptionMap(item);
      for (const use of options.list) {
        const name = use.word.value;
        const option = FILE_OPTIONS.get(name);
        if (!option) continue;
        // HAProxy opens the file of each of these options as it reads it (a `bind` line may
        // load several certificates), except a server's `crt`, whose last value wins: an
        // earlier one is never opened (`haproxy -c` 2.6 and 3.0).
        if (name === 'crt' && keyword !== 'bind' && options.get(name) !== use) continue;
        add(use.args[0], option[1], bases[option[0]]);
      }
    } else if (keyword === 'errorfile') add(args[1], 'errorfile');
    else if (keyword === 'lua-load' || keyword === 'lua-load-per-thread') add(args[0], 'lua');
    if (!someWord(item, mayNameFile)) return;
    // Read only on a line with a `-f` (few lines have one) rather than into a map per line.
    let readings: Map<number, PatternLines> | undefined;
    const words = item.words;
    const returns =
      keyword === 'http-request' ||
      keyword === 'http-response' ||
      keyword === 'http-after-response';
    for (let at = 0; at < words.length; at++) {
      const word = words[at];
      if (!word) continue;
      const next = words[at + 1];
      if (word.value === '-f' && next) {
        if (readings === undefined) {
          readings = new Map();
          patternReadings(item, readings);
        }
        add(next, 'patterns', undefined, readings.get(next.start));
      }
      if (returns && (word.value === 'file' || word.value === 'lf-file') && at > 1) {
        add(next, 'errorfile');
      }
      if (word.raw !== word.value || !/map|acl/.test(word.value)) continue;
      for (const match of word.value.matchAll(FILE_CALL)) {
        const name = match[1] ?? '';
        const path = match[2] ?? '';
        const start = word.start + match.index + match[0].length - path.length;
        const acl = name.endsWith('-acl');
        const lines = acl || name.includes('-') ? 'other' : mapKeys(name);
        links.push({
          start,
          end: start + path.length,
          path,
          kind: acl ? 'patterns' : 'map',
          lines,
        });
      }
    }
  };
  for (const item of items) if (item.kind === 'statement') statement(item);
}

/** `link` with its offsets moved by `delta`. */
function moved(link: DocumentLinkCandidate, delta: number): DocumentLinkCandidate {
  return { ...link, start: link.start + delta, end: link.end + delta };
}

/**
 * The links of each section, offsets counted from the section's start, with the base folders
 * they were read with. The diagnostics of every edit read the links of the whole file (the
 * referenced-file checks); an edit re-parses one section and moves the others in place (the same
 * objects, see `haproxy/incremental.ts`), and a section's links depend on its own text and the
 * base folders only (HAProxy reads a section line by line), so the others' links are reused,
 * moved to where the section now starts.
 */
const sectionLinks = new WeakMap<
  Section,
  { readonly bases: string; readonly relative: readonly DocumentLinkCandidate[] }
>();

/** The links of a snapshot, for the repeated requests on one snapshot (diagnostics, links). */
const snapshotLinks = new WeakMap<HaproxyConfig, readonly DocumentLinkCandidate[]>();

/** The file links of a whole document, reusing the sections an edit kept. */
function documentHaproxyLinks(config: HaproxyConfig): readonly DocumentLinkCandidate[] {
  const known = snapshotLinks.get(config);
  if (known) return known;
  const bases = baseFolders(config);
  const basesKey = `${bases['crt-base'] ?? ''}\0${bases['ca-base'] ?? ''}`;
  const links: DocumentLinkCandidate[] = [];
  itemLinks(config.preamble, bases, links);
  for (const section of config.sections) {
    const cached = sectionLinks.get(section);
    let relative = cached?.bases === basesKey ? cached.relative : undefined;
    if (relative === undefined) {
      const own: DocumentLinkCandidate[] = [];
      itemLinks(section.items, bases, own);
      relative = own.map((link) => moved(link, -section.start));
      sectionLinks.set(section, { bases: basesKey, relative });
    }
    for (const link of relative) links.push(moved(link, section.start));
  }
  snapshotLinks.set(config, links);
  return links;
}

function keepalivedLinks(nodes: readonly KeepalivedNode[], into: DocumentLinkCandidate[]): void {
  for (const node of nodes) {
    if (node.kind === 'include') {
      const path = node.path;
      if (path && !path.hasTemplate && path.refs.length === 0) {
        into.push({ start: path.start, end: path.end, path: path.value, kind: 'include' });
      }
    } else if (node.kind === 'item') {
      const word = node.args[0];
      if (SCRIPT_KEYWORDS.has(node.keyword.value) && word && !word.hasTemplate) {
        // A quoted command carries its arguments: only its first word is the program.
        const program = word.value.trim().split(/\s+/)[0] ?? '';
        const at = word.raw.indexOf(program);
        if (word.refs.length === 0 && program.includes('/') && at >= 0) {
          const start = word.start + at;
          into.push({ start, end: start + program.length, path: program, kind: 'script' });
        }
      }
      if (node.block) keepalivedLinks(node.block.items, into);
    }
  }
}

/** Words of the document that name files, in document order. */
export function getDocumentLinkCandidates(document: ParsedDocument): DocumentLinkCandidate[] {
  if (document.languageId === 'haproxy') {
    return [...documentHaproxyLinks(document.parse.ast)];
  }
  const links: DocumentLinkCandidate[] = [];
  keepalivedLinks(document.parse.ast.items, links);
  return links;
}

/** The candidate whose word holds `offset` (its ends included, as a cursor after a word is on it). */
export function candidateAt(
  document: ParsedDocument,
  offset: number,
): DocumentLinkCandidate | undefined {
  // A hover or a completion asks about one word: the links of the snapshot are already known
  // (the diagnostics read them), or read from the sections an edit left alone.
  const candidates =
    document.languageId === 'haproxy'
      ? documentHaproxyLinks(document.parse.ast)
      : getDocumentLinkCandidates(document);
  return candidates.find((link) => link.start <= offset && offset <= link.end);
}
