/**
 * The reference table of a `haproxy.cfg`: for every name, where it is defined and every place that
 * refers to it. Which words define or refer to what comes from the catalogs, never from a list of
 * keywords here:
 * - a named section header defines a name of its kind (`backend` for the sections with a backend
 *   capability, so `listen` too), and `from <name>` refers to a `defaults` section;
 * - a keyword marked `defines` names a definition with its first argument (`acl`, `server`,
 *   `server-template`, a peers `table`), and a proxy's `stick-table` holds the proxy's table;
 * - an argument marked `refers` names one, whole or after its `refersPrefix` (`ring@<name>`), and
 *   an argument marked `refersAfter` makes the word after a marker word name one (`peers <name>`);
 *   this covers keyword arguments, rule-set action arguments and server options alike;
 * - a sample fetch or converter refers through each argument whose signature placeholder is a kind
 *   (`sc_http_req_rate(<ctr>[,<table>])`, `http_auth(<userlist>)`, `srv_is_up([<backend>/]<server>)`);
 * - a condition refers to ACLs.
 *
 * The table is built in one linear pass per tree and target version and cached. Sites in `.if`
 * branches dead at that version are kept and flagged: validation skips them, rename must not.
 * Validation's view of a reference, {@link HaproxyReferences.resolve}, and navigation's grouping by
 * key are decided here together, so that what `haproxy -c` would link, a rename changes.
 */
import { compareVersions, type ArgSpec } from '../../common/catalog.js';
import { lazy } from '../../common/lazy.js';
import { keptFor } from '../../common/memo.js';
import {
  globalKey,
  makeTable,
  markedWords,
  scopedKey,
  type NameSite,
  type ReferenceTable,
} from '../../common/references.js';
import { lastStartingBefore } from '../../common/sorted.js';
import type { HaproxyConfig, Section, Statement, Word } from '../ast.js';
import { someWord } from '../build-ast.js';
import { HAPROXY_CATALOG, sectionSpec } from '../catalog/index.js';
import type { OptionSpec, SampleSpec } from '../catalog/types.js';
import { branchActivity, type BranchActivity } from './branches.js';
import { resolvedSection, type ResolvedSection, type ResolvedStatement } from './resolve.js';
import { haproxySymbols, isDynamicName, type HaproxySymbols } from './symbols.js';

/** How a site is written. */
type SiteOrigin =
  /** A section header: its name, or the name after `from`. */
  | 'header'
  /** An argument of a keyword or of a rule-set action (its first one, for definitions). */
  | 'argument'
  /** The value of a server option (`track`, `resolvers`). */
  | 'option'
  /** An ACL name in an `if` / `unless` condition. */
  | 'condition'
  /** An argument of a sample fetch or converter. */
  | 'sample';

/** A reference written `<qualifier>/<name>` (`be/srv`, `mypeers/table`), as a whole. */
interface QualifiedName {
  readonly text: string;
  /** The range of the whole text when the word is written plainly, else of the word. */
  readonly start: number;
  readonly end: number;
}

/** One site of a `haproxy.cfg`. */
export interface HaproxyNameSite extends NameSite {
  /** The section the site is written in. */
  readonly section: Section;
  /** The line; undefined for a section header. */
  readonly statement: Statement | undefined;
  /** The word holding the name. */
  readonly word: Word;
  readonly origin: SiteOrigin;
  /** What holds the name: the keyword (`use_backend`), action (`http-request cache-use`), option (`track`) or sample (`http_auth`); `from` and the section kind for headers. */
  readonly via: string;
  /**
   * The section whose local names this one belongs to (ACLs, servers, peers tables): the section
   * written in, the defaults section an ACL is inherited from, or the backend of `be/srv`;
   * undefined for document-wide names and when the qualifier names no section.
   */
  readonly scope: Section | undefined;
  /** A `server-template` prefix: the servers it declares are `<prefix><n>`. */
  readonly template: boolean;
  /** For `<qualifier>/<name>` references, the whole of it. */
  readonly qualified: QualifiedName | undefined;
}

/** The reference table of one tree at one target version. */
export interface HaproxyReferences extends ReferenceTable<HaproxyNameSite> {
  readonly version: string;
  /** The symbol table at the same version (proxies and their defaults). */
  readonly symbols: HaproxySymbols;
  /** Definitions of `kind` (named `name` when given), dead ones included, in order. */
  definitions(kind: string, name?: string): readonly HaproxyNameSite[];
  /** Definitions of a section-local `kind` in `scope` (named `name` when given), in order. */
  definitionsIn(scope: Section, kind: string, name?: string): readonly HaproxyNameSite[];
  /** References of `kind`, dead ones included, in order. */
  references(kind: string): readonly HaproxyNameSite[];
  /** The sites one word holds (a `be/srv` word holds two), in order. */
  sitesIn(word: Word): readonly HaproxyNameSite[];
  /** The `stick-table` lines of a proxy section (they hold the table named after the proxy). */
  tablesOf(section: Section): readonly Statement[];
  /**
   * The live definitions a live reference resolves to, as `haproxy -c` links them at the target
   * version: ACLs defined above the use in the proxy (or, from 2.7, in its defaults section),
   * servers of the backend that is meant (templates excepted), `defaults` sections above the
   * proxy, stick tables by the proxy holding them, other names by kind. Empty for a definition,
   * a dead site or a name nothing defines.
   */
  resolve(site: HaproxyNameSite): readonly HaproxyNameSite[];
  /** Names of the live definitions of `kind` (stick tables: proxies holding one, `<peers>/<table>`). */
  liveNames(kind: string): string[];
}

/**
 * A span inside a word, kept relative to the word: a section moved in place by an incremental
 * re-parse moves its words, and the sites cached for it (see {@link build}) move with them.
 */
class WordSpan {
  private readonly from: number;
  private readonly length: number;

  constructor(
    readonly word: Word,
    start: number,
    end: number,
  ) {
    this.from = start - word.start;
    this.length = end - start;
  }

  get start(): number {
    return this.word.start + this.from;
  }

  get end(): number {
    return this.word.start + this.from + this.length;
  }
}

class Qualified extends WordSpan implements QualifiedName {
  constructor(
    readonly text: string,
    word: Word,
    start: number,
    end: number,
  ) {
    super(word, start, end);
  }
}

type SiteFields = Omit<HaproxyNameSite, 'template' | 'qualified'> & Partial<HaproxyNameSite>;

/** The key most sites have: their name, scoped to their section when they have one. */
function naturalKey(site: Pick<HaproxyNameSite, 'kind' | 'name' | 'scope'>): string {
  return site.scope === undefined
    ? globalKey(site.kind, site.name)
    : scopedKey(site.kind, scopeOf(site.scope), site.name);
}

const DEFINITION = 1;
const EXACT = 2;
const DYNAMIC = 4;
const DEAD = 8;
const TEMPLATE = 16;

/**
 * A large file has a site per name it writes (60 thousand at 75k lines): the five yes-or-no facts
 * share one field, 32 bytes less per site.
 */
class Site extends WordSpan implements HaproxyNameSite {
  // Instances come from `makeSite`'s object literal (see "Pretenured records" in ARCHITECTURE.md):
  // the class only holds the prototype.
  declare readonly kind: string;
  declare readonly name: string;
  /** The key when it is not the one its kind, name and scope give (see {@link naturalKey}). */
  declare private readonly otherKey: string | undefined;
  declare readonly section: Section;
  declare readonly statement: Statement | undefined;
  declare readonly origin: SiteOrigin;
  declare readonly via: string;
  declare readonly scope: Section | undefined;
  declare readonly qualified: QualifiedName | undefined;
  declare private readonly flags: number;

  /** Made when read: a key string per site was 2 MB of a 75k-line file, for a rare question. */
  get key(): string {
    return this.otherKey ?? naturalKey(this);
  }

  get definition(): boolean {
    return (this.flags & DEFINITION) !== 0;
  }

  get exact(): boolean {
    return (this.flags & EXACT) !== 0;
  }

  get dynamic(): boolean {
    return (this.flags & DYNAMIC) !== 0;
  }

  get dead(): boolean {
    return (this.flags & DEAD) !== 0;
  }

  get template(): boolean {
    return (this.flags & TEMPLATE) !== 0;
  }
}

/** A {@link Site} with the facts of `fields`. */
function makeSite(fields: SiteFields): Site {
  const site = {
    __proto__: Site.prototype,
    word: fields.word,
    from: fields.start - fields.word.start,
    length: fields.end - fields.start,
    kind: fields.kind,
    name: fields.name,
    otherKey: fields.key === naturalKey(fields) ? undefined : fields.key,
    section: fields.section,
    statement: fields.statement,
    origin: fields.origin,
    via: fields.via,
    scope: fields.scope,
    qualified: fields.qualified,
    flags:
      (fields.definition ? DEFINITION : 0) |
      (fields.exact ? EXACT : 0) |
      (fields.dynamic ? DYNAMIC : 0) |
      (fields.dead ? DEAD : 0) |
      (fields.template === true ? TEMPLATE : 0),
  };
  return site as unknown as Site;
}

/** A number per section object, naming its scope in keys (its offset would move with edits). */
const sectionIds = new WeakMap<Section, string>();
let nextSectionId = 0;

function scopeOf(section: Section): string {
  let id = sectionIds.get(section);
  if (id === undefined) {
    id = String(nextSectionId++);
    sectionIds.set(section, id);
  }
  return id;
}

/** Kinds whose names may be qualified by the section they live in: `be/srv`, `mypeers/tbl`. */
const QUALIFIERS: Readonly<Record<string, string>> = { server: 'backend', table: 'peers' };

/** Every kind the catalogs define: named section kinds, `backend`, and the keywords' `defines`. */
const KINDS: ReadonlySet<string> = new Set([
  'backend',
  ...HAPROXY_CATALOG.sections.filter((s) => s.nameArg !== 'none').map((s) => s.name),
  ...HAPROXY_CATALOG.keywords.flatMap((k) => (k.defines === undefined ? [] : [k.defines])),
]);

/** The kind a named section header defines: `backend` for every section holding servers. */
function headerKind(section: Section): string | undefined {
  const spec = sectionSpec(section.type);
  if (!spec || spec.nameArg === 'none') return undefined;
  return spec.capabilities?.backend === true ? 'backend' : section.type;
}

/** One argument of a sample: the kind it names, and the kind qualifying it (`[<backend>/]<server>`). */
interface SampleArgument {
  readonly kind: string;
  readonly qualifier: string | undefined;
}

/** The arguments of a sample signature that name something, by position (`(<ctr>[,<table>])`). */
function sampleArguments(spec: SampleSpec): ReadonlyArray<SampleArgument | undefined> | undefined {
  const inner = spec.signature.replace(/^\(|\)$/g, '').replace(/[[\]]/g, '');
  if (inner === '') return undefined;
  let named = false;
  const args = inner.split(',').map((part) => {
    const match = /^<([\w-]+)>(?:\/<([\w-]+)>)?$/.exec(part.trim());
    if (!match) return undefined;
    const [, first = '', second] = match;
    const argument =
      second !== undefined
        ? KINDS.has(second) && QUALIFIERS[second] === first
          ? { kind: second, qualifier: first }
          : undefined
        : KINDS.has(first)
          ? { kind: first, qualifier: undefined }
          : undefined;
    named ||= argument !== undefined;
    return argument;
  });
  return named ? args : undefined;
}

function sampleTable(
  samples: readonly SampleSpec[],
): ReadonlyMap<string, ReadonlyArray<SampleArgument | undefined>> {
  const table = new Map<string, ReadonlyArray<SampleArgument | undefined>>();
  for (const sample of samples) {
    const args = sampleArguments(sample);
    if (args && !table.has(sample.name)) table.set(sample.name, args);
  }
  return table;
}

/** Fetches and converters with arguments naming something, by name (built on first use). */
const FETCH_ARGUMENTS = lazy(() => sampleTable(HAPROXY_CATALOG.fetches));
const CONVERTER_ARGUMENTS = lazy(() => sampleTable(HAPROXY_CATALOG.converters));

/** `name(args)` calls inside a word; the look-behind keeps `x.name(` from matching as `name(`. */
const CALL = /(?<![\w.])(\w[\w.]*)\(([^()]*)\)/g;

/** The `acl(…)` fetch, not a converter (no `,` or `.` before it), with its arguments. */
const ACL_FETCH = /(?<![\w.,])acl\(([^()]*)\)/g;

const SERVER_OPTIONS = lazy(
  (): ReadonlyMap<string, OptionSpec> =>
    new Map(HAPROXY_CATALOG.serverOptions.map((option) => [option.name, option])),
);

/** Keywords whose `options` arguments are server options (the others take bind options). */
const SERVER_LINES: ReadonlySet<string> = new Set(['server', 'server-template', 'default-server']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function plain(word: Word): boolean {
  return word.raw === word.value;
}

/**
 * Where the word's value starts in the document, when each character of the value stands as
 * written: a plain word, or one quoted as a whole without escapes (`"%[srv_conn(be/www)]"`).
 * Undefined otherwise: a part of the word cannot be located exactly.
 */
function valueStart(word: Word): number | undefined {
  if (plain(word)) return word.start;
  const quote = word.raw[0];
  const quoted = word.quoting === 'double' || word.quoting === 'single';
  return quoted && word.raw === `${quote}${word.value}${quote}` ? word.start + 1 : undefined;
}

/** Facts gathered before the sites, so that a reference can be keyed to what comes later. */
interface Prepass {
  /** Per name, the backend-capable section a `be/…` qualifier means: the first live one. */
  readonly backends: ReadonlyMap<string, Section>;
  readonly peers: ReadonlyMap<string, Section>;
  /** Per proxy section, its `stick-table` lines. */
  readonly tables: ReadonlyMap<Section, readonly Statement[]>;
  /** Per name, the first proxy holding a stick table under that name, and its header kind. */
  readonly holders: ReadonlyMap<string, { section: Section; kind: string }>;
}

const tableLinesCache = new WeakMap<ResolvedSection, readonly Statement[]>();

/** The `stick-table` lines of a section (cached with its resolution, which an edit keeps). */
function tableLines(resolved: ResolvedSection): readonly Statement[] {
  let lines = tableLinesCache.get(resolved);
  if (lines === undefined) {
    lines = resolved.statements
      .filter((entry) => entry.match?.spec.defines === 'table' && !entry.match.negated)
      .map((entry) => entry.statement);
    tableLinesCache.set(resolved, lines);
  }
  return lines;
}

function prepass(config: HaproxyConfig, version: string, activity: BranchActivity): Prepass {
  const backends = new Map<string, Section>();
  const peers = new Map<string, Section>();
  const tables = new Map<Section, readonly Statement[]>();
  const holders = new Map<string, { section: Section; kind: string }>();
  const first = (map: Map<string, Section>, name: string, section: Section): void => {
    const known = map.get(name);
    // The first live section wins; a dead one only stands in while no live one is known.
    if (
      !known ||
      (!activity.isLive(known.header.branch) && activity.isLive(section.header.branch))
    ) {
      map.set(name, section);
    }
  };
  for (const section of config.sections) {
    const kind = headerKind(section);
    const name = section.name?.value;
    if (name !== undefined && kind === 'backend') first(backends, name, section);
    if (name !== undefined && kind === 'peers') first(peers, name, section);
    if (!sectionSpec(section.type)?.capabilities) continue;
    const lines = tableLines(resolvedSection(section, version));
    if (lines.length === 0) continue;
    tables.set(section, lines);
    // A defaults section has no name a table could take.
    if (name !== undefined && kind !== undefined && kind !== 'defaults' && !holders.has(name)) {
      holders.set(name, { section, kind });
    }
  }
  return { backends, peers, tables, holders };
}

/** Collects the sites of one tree. */
class Builder {
  readonly sites: HaproxyNameSite[] = [];
  /** ACL names defined so far per proxy section, to key a use to the definitions above it. */
  readonly aclsSoFar = new Map<Section, Set<string>>();

  constructor(
    private readonly pre: Prepass,
    private readonly symbols: HaproxySymbols,
    /** Whether the `acl()` fetch exists at the target version (3.0 and later). */
    readonly aclFetch: boolean,
  ) {}

  private add(site: SiteFields) {
    if (site.name === '') return;
    this.sites.push(makeSite(site));
  }

  /** The key of an unscoped name, a stick table being keyed to the proxy holding it. */
  private globalKeyOf(kind: string, name: string): string {
    if (kind === 'table') {
      const holder = this.pre.holders.get(name);
      if (holder) return globalKey(holder.kind, name);
    }
    return globalKey(kind, name);
  }

  header(section: Section, dead: boolean): void {
    const spec = sectionSpec(section.type);
    const kind = headerKind(section);
    if (!spec) return;
    const args = section.header.args;
    // `defaults from base` is anonymous; `frontend fe from tpl` is named `fe` and uses `tpl`.
    const fromAt = spec.defaultsFrom
      ? args.findIndex(
          (word, at) => word.value === 'from' && (at >= 1 || spec.nameArg === 'optional'),
        )
      : -1;
    const name = section.name;
    if (kind !== undefined && name && fromAt !== 0) {
      this.add({
        kind,
        name: name.value,
        start: name.start,
        end: name.end,
        definition: true,
        key: globalKey(kind, name.value),
        exact: plain(name),
        dynamic: isDynamicName(name),
        dead,
        section,
        statement: undefined,
        word: name,
        origin: 'header',
        via: section.type,
        scope: undefined,
      });
    }
    const from = fromAt === -1 ? undefined : args[fromAt + 1];
    if (from) this.whole('defaults', from, section, undefined, dead, 'header', 'from');
  }

  /** A reference written as a whole word. */
  private whole(
    kind: string,
    word: Word,
    section: Section,
    statement: Statement | undefined,
    dead: boolean,
    origin: SiteOrigin,
    via: string,
  ): void {
    if (QUALIFIERS[kind] !== undefined && word.value.includes('/')) {
      this.qualified(kind, word, word.value, 0, section, statement, dead, origin, via);
      return;
    }
    const scope = kind === 'server' ? section : undefined;
    this.add({
      kind,
      name: word.value,
      start: word.start,
      end: word.end,
      definition: false,
      key:
        scope === undefined
          ? this.globalKeyOf(kind, word.value)
          : scopedKey(kind, scopeOf(scope), word.value),
      exact: plain(word),
      dynamic: isDynamicName(word),
      dead,
      section,
      statement,
      word,
      origin,
      via,
      scope,
    });
  }

  /** A reference that is a part of a word: `ring@<name>`, a sample argument. */
  private part(
    kind: string,
    word: Word,
    name: string,
    index: number,
    section: Section,
    statement: Statement,
    dead: boolean,
    origin: SiteOrigin,
    via: string,
  ): void {
    if (QUALIFIERS[kind] !== undefined && name.includes('/')) {
      this.qualified(kind, word, name, index, section, statement, dead, origin, via);
      return;
    }
    const scope = kind === 'server' ? section : undefined;
    const at = valueStart(word);
    const exact = at !== undefined;
    this.add({
      kind,
      name,
      start: at === undefined ? word.start : at + index,
      end: at === undefined ? word.end : at + index + name.length,
      definition: false,
      key:
        scope === undefined ? this.globalKeyOf(kind, name) : scopedKey(kind, scopeOf(scope), name),
      exact,
      dynamic: partDynamic(word, name),
      dead,
      section,
      statement,
      word,
      origin,
      via,
      scope,
    });
  }

  /** `<qualifier>/<name>`: the qualifying section, then the name in its scope. */
  private qualified(
    kind: string,
    word: Word,
    text: string,
    index: number,
    section: Section,
    statement: Statement | undefined,
    dead: boolean,
    origin: SiteOrigin,
    via: string,
  ): void {
    const qualifierKind = QUALIFIERS[kind] ?? kind;
    const slash = text.indexOf('/');
    const qualifier = text.slice(0, slash);
    const name = text.slice(slash + 1);
    // A whole word written with quotes keeps the word's range, like any whole-word name.
    const at = index === 0 && !plain(word) ? undefined : valueStart(word);
    const exact = at !== undefined;
    const base = at ?? word.start;
    const qualified: QualifiedName = exact
      ? new Qualified(text, word, base + index, base + index + text.length)
      : new Qualified(text, word, word.start, word.end);
    const dynamic = partDynamic(word, text);
    const common = {
      definition: false,
      exact,
      dynamic,
      dead,
      section,
      statement,
      word,
      origin,
      via,
    };
    const scope = (qualifierKind === 'backend' ? this.pre.backends : this.pre.peers).get(qualifier);
    this.add({
      ...common,
      kind: qualifierKind,
      name: qualifier,
      start: exact ? base + index : word.start,
      end: exact ? base + index + qualifier.length : word.end,
      key: globalKey(qualifierKind, qualifier),
      scope: undefined,
      qualified,
    });
    this.add({
      ...common,
      kind,
      name,
      start: exact ? base + index + slash + 1 : word.start,
      end: exact ? base + index + text.length : word.end,
      key: scopedKey(kind, scope ? scopeOf(scope) : `?${qualifier}`, name),
      scope,
      qualified,
    });
  }

  /** The name defined by a keyword marked `defines`. */
  private definition(
    kind: string,
    resolved: ResolvedStatement,
    section: Section,
    dead: boolean,
  ): void {
    // A proxy's stick table is named after the proxy: its name is the header's, already a site.
    if (kind === 'table' && sectionSpec(section.type)?.capabilities) return;
    const word = resolved.args[0];
    if (!word) return;
    const scoped = kind === 'acl' || kind === 'server' || kind === 'table';
    if (kind === 'acl') {
      let seen = this.aclsSoFar.get(section);
      if (!seen) {
        seen = new Set();
        this.aclsSoFar.set(section, seen);
      }
      seen.add(word.value);
    }
    this.add({
      kind,
      name: word.value,
      start: word.start,
      end: word.end,
      definition: true,
      key: scoped ? scopedKey(kind, scopeOf(section), word.value) : globalKey(kind, word.value),
      exact: plain(word),
      dynamic: isDynamicName(word),
      dead,
      section,
      statement: resolved.statement,
      word,
      origin: 'argument',
      via: resolved.match?.spec.name ?? resolved.statement.keyword.value,
      scope: scoped ? section : undefined,
      template: resolved.match?.spec.name === 'server-template',
    });
  }

  /** The sites of the arguments of a keyword or action, as their catalog specs mark them. */
  private argumentSites(
    words: readonly Word[],
    specs: readonly ArgSpec[],
    section: Section,
    statement: Statement,
    dead: boolean,
    via: string,
    serverOptions: boolean,
  ): void {
    const values = words.map((word) => word.value);
    for (const { index, kind, skip } of markedWords(values, specs)) {
      const word = words[index] as Word;
      if (skip === 0) this.whole(kind, word, section, statement, dead, 'argument', via);
      else {
        const name = word.value.slice(skip);
        this.part(kind, word, name, skip, section, statement, dead, 'argument', via);
      }
    }
    // Options follow the positional arguments, one word each (`server <name> <address> …`).
    const options = specs.findIndex((spec) => spec.type === 'options');
    if (serverOptions && options !== -1) {
      this.optionSites(words, options, section, statement, dead);
    }
  }

  /** Server options from `from` on: each takes as many words as its catalog arguments. */
  private optionSites(
    words: readonly Word[],
    from: number,
    section: Section,
    statement: Statement,
    dead: boolean,
  ): void {
    for (let at = from; at < words.length;) {
      const option = SERVER_OPTIONS().get((words[at] as Word).value);
      if (!option) {
        at++;
        continue;
      }
      // A plain loop: a callback per option was a closure each, 40 MB of a 75k-line file's run.
      for (let index = 0; index < option.args.length; index++) {
        const refers = (option.args[index] as ArgSpec).refers;
        const value = words[at + 1 + index];
        if (refers !== undefined && value) {
          this.whole(refers, value, section, statement, dead, 'option', option.name);
        }
      }
      at += 1 + option.args.length;
    }
  }

  /** Names in the arguments of the sample fetches and converters of a word. */
  private sampleSites(word: Word, section: Section, statement: Statement, dead: boolean): void {
    const text = word.value;
    for (const match of text.matchAll(CALL)) {
      const name = match[1] ?? '';
      // After a comma the call is a converter of the expression, else its fetch.
      const converter = text[match.index - 1] === ',';
      const args = (converter ? CONVERTER_ARGUMENTS : FETCH_ARGUMENTS)().get(name);
      if (!args) continue;
      let offset = match.index + name.length + 1;
      (match[2] ?? '').split(',').forEach((arg, position) => {
        const argument = args[position];
        const value = arg.trim();
        if (argument && value !== '') {
          const index = offset + arg.indexOf(value);
          this.part(argument.kind, word, value, index, section, statement, dead, 'sample', name);
        }
        offset += arg.length + 1;
      });
    }
  }

  /** ACL names in a condition, keyed to the definitions above or to those of the defaults. */
  private conditionSites(section: Section, statement: Statement, dead: boolean): void {
    const terms = statement.condition?.groups.flatMap((group) => group.terms) ?? [];
    for (const term of terms) {
      if (term.kind !== 'acl') continue;
      const end = term.nameStart + term.name.length;
      this.aclUse(term.name, term.nameStart, end, term.word, section, statement, dead, 'condition');
    }
  }

  /**
   * One use of a named ACL (in a condition, or an argument of the `acl()` fetch), keyed to the
   * definitions above or, when there are none, to those of the defaults section.
   */
  private aclUse(
    name: string,
    start: number,
    end: number,
    word: Word,
    section: Section,
    statement: Statement,
    dead: boolean,
    origin: SiteOrigin,
  ): void {
    const local = this.aclsSoFar.get(section);
    const defaults = this.symbols.proxyOf(section)?.defaults?.section;
    const inherited =
      !local?.has(name) &&
      defaults !== undefined &&
      this.aclsSoFar.get(defaults)?.has(name) === true;
    const scope = inherited ? defaults : section;
    this.add({
      kind: 'acl',
      name,
      start,
      end,
      definition: false,
      key: scopedKey('acl', scopeOf(scope), name),
      exact: origin === 'condition' ? plain(word) : valueStart(word) !== undefined,
      dynamic: origin === 'condition' ? isDynamicName(word) : partDynamic(word, name),
      dead,
      section,
      statement,
      word,
      origin,
      via: origin === 'condition' ? 'condition' : 'acl',
      scope,
    });
  }

  /** `acl([!]<name>,…)` (3.0): each argument names an ACL of the proxy, resolved like a condition's. */
  private aclFetchSites(word: Word, section: Section, statement: Statement, dead: boolean): void {
    const text = word.value;
    const at = valueStart(word);
    for (const match of text.matchAll(ACL_FETCH)) {
      let offset = match.index + match[0].indexOf('(') + 1;
      for (const arg of (match[1] ?? '').split(',')) {
        const name = arg.trim().replace(/^!+/, '');
        const index = offset + arg.indexOf(name);
        if (name !== '') {
          const start = at === undefined ? word.start : at + index;
          const end = at === undefined ? word.end : start + name.length;
          this.aclUse(name, start, end, word, section, statement, dead, 'sample');
        }
        offset += arg.length + 1;
      }
    }
  }

  statement(resolved: ResolvedStatement, section: Section, dead: boolean, proxy: boolean): void {
    const statement = resolved.statement;
    const match = resolved.match;
    if (match && !match.negated) {
      const spec = match.spec;
      if (spec.defines !== undefined) this.definition(spec.defines, resolved, section, dead);
      const server = proxy && SERVER_LINES.has(spec.name);
      this.argumentSites(resolved.args, spec.args, section, statement, dead, spec.name, server);
      const action = resolved.action;
      if (action?.spec) {
        const via = `${statement.keyword.value} ${action.name}`;
        this.argumentSites(
          resolved.args.slice(1),
          action.spec.args,
          section,
          statement,
          dead,
          via,
          false,
        );
      }
    }
    // Most lines call no fetch: test the words in place before making the line's word list.
    if (someWord(statement, callsSomething)) {
      for (const word of statement.words) {
        if (!callsSomething(word)) continue;
        this.sampleSites(word, section, statement, dead);
        if (proxy && this.aclFetch && word.value.includes('acl(')) {
          this.aclFetchSites(word, section, statement, dead);
        }
      }
    }
    if (proxy) this.conditionSites(section, statement, dead);
  }
}

/** Whether a word may hold a fetch or converter call (the only place sample arguments name things). */
function callsSomething(word: Word): boolean {
  return word.value.includes('(');
}

/** A part of a word names something computed at run time. */
function partDynamic(word: Word, name: string): boolean {
  return word.hasVariable || word.template || name.includes('$') || name.includes('%');
}

/** Why a rename of a kind cannot be complete, given a reference computed at run time. */
function describe(site: HaproxyNameSite): string {
  const how = site.kind === 'backend' ? 'chosen' : 'named';
  return `a ${site.kind} is also ${how} by the computed name '${site.word.raw}', which a rename cannot follow`;
}

/** The sites of one section, valid while the file-wide facts are {@link FactsToken | these}. */
interface CachedSites {
  readonly facts: FactsToken;
  readonly index: SectionSites;
  /** The ACL names the section defines (a defaults section lends them to its proxies). */
  readonly acls: Set<string> | undefined;
  /**
   * Other sections the sites are scoped to (the backend of `be/srv`, the defaults lending an
   * ACL): if one of them was parsed again, it is another object and the sites are read again.
   */
  readonly foreign: readonly Section[];
}

/** Stands for one set of file-wide facts: equal facts give the same object (see below). */
interface FactsToken {
  /** The facts, one entry per header and per ACL of a defaults section (see `factsToken`). */
  readonly parts: readonly string[];
}

const siteCache = new WeakMap<Section, CachedSites>();

/**
 * Sections with at most this many sites answer lookups by reading their list. Most sections are
 * small (a backend: its name and its servers), and maps per section were a fifth of a large
 * file's reference table; a proxy with thousands of ACLs builds its maps when first asked.
 */
const SMALL_SECTION_SITES = 32;

/** The lookups of a large section, by kind and by kind and name (`kind\u0000name`). */
interface SectionMaps {
  readonly definitions: ReadonlyMap<string, HaproxyNameSite[]>;
  /** Definitions local to the section (ACLs, servers, tables). */
  readonly scoped: ReadonlyMap<string, HaproxyNameSite[]>;
  readonly references: ReadonlyMap<string, HaproxyNameSite[]>;
}

/** One bit per site kind, given in the order kinds are first seen; kinds past the 30th share 0. */
const kindBits = new Map<string, number>();

function kindBit(kind: string): number {
  let bit = kindBits.get(kind);
  if (bit === undefined) {
    bit = kindBits.size < 30 ? 1 << kindBits.size : 0;
    kindBits.set(kind, bit);
  }
  return bit;
}

/** Whether a mask of {@link kindBit}s may hold the kind of `bit` (a kind without a bit always may). */
function mayHold(mask: number, bit: number): boolean {
  return bit === 0 || (mask & bit) !== 0;
}

/** The sites written in one section, in offset order, and their lookups. */
class SectionSites {
  private maps: SectionMaps | undefined;
  /** The kinds of the section's definitions and of its references, as {@link kindBit} masks. */
  private readonly definitionKinds: number;
  private readonly referenceKinds: number;

  /** @param sites The section's sites; sorted here, as the whole file's table sorts them. */
  constructor(readonly sites: HaproxyNameSite[]) {
    sites.sort((a, b) => a.start - b.start || a.end - b.end);
    let definitionKinds = 0;
    let referenceKinds = 0;
    for (const site of sites) {
      if (site.definition) definitionKinds |= kindBit(site.kind);
      else referenceKinds |= kindBit(site.kind);
    }
    this.definitionKinds = definitionKinds;
    this.referenceKinds = referenceKinds;
  }

  /** Appends the section's definitions (or references) of `kind` (whose bit is `bit`) to `into`. */
  collect(kind: string, bit: number, definition: boolean, into: HaproxyNameSite[]): void {
    if (!mayHold(definition ? this.definitionKinds : this.referenceKinds, bit)) return;
    if (this.sites.length > SMALL_SECTION_SITES) {
      const maps = this.indexed();
      const found = (definition ? maps.definitions : maps.references).get(kind);
      if (found) for (const site of found) into.push(site);
      return;
    }
    for (const site of this.sites) {
      if (site.definition === definition && site.kind === kind) into.push(site);
    }
  }

  /** Definitions of `kind` (named `name`) local to the section. */
  scoped(kind: string, name?: string): readonly HaproxyNameSite[] | undefined {
    if (!mayHold(this.definitionKinds, kindBit(kind))) return undefined;
    if (this.sites.length > SMALL_SECTION_SITES) {
      return this.indexed().scoped.get(name === undefined ? kind : `${kind}\u0000${name}`);
    }
    return this.sites.filter(
      (site) =>
        site.definition &&
        site.scope !== undefined &&
        site.kind === kind &&
        (name === undefined || site.name === name),
    );
  }

  /** The sites cut from `word`: they start inside it, and the list is in offset order. */
  inWord(word: Word): readonly HaproxyNameSite[] {
    const found: HaproxyNameSite[] = [];
    for (
      let at = lastStartingBefore(this.sites, word.start - 1) + 1;
      at < this.sites.length;
      at++
    ) {
      const site = this.sites[at] as HaproxyNameSite;
      if (site.start > word.end) break;
      if (site.word === word) found.push(site);
    }
    return found;
  }

  private indexed(): SectionMaps {
    if (this.maps) return this.maps;
    const definitions = new Map<string, HaproxyNameSite[]>();
    const scoped = new Map<string, HaproxyNameSite[]>();
    const references = new Map<string, HaproxyNameSite[]>();
    for (const site of this.sites) {
      if (!site.definition) {
        push(references, site.kind, site);
        continue;
      }
      push(definitions, site.kind, site);
      // A definition is local to the section it is written in, or document-wide.
      if (site.scope) {
        push(scoped, site.kind, site);
        push(scoped, `${site.kind}\u0000${site.name}`, site);
      }
    }
    this.maps = { definitions, scoped, references };
    return this.maps;
  }
}

/** The section whose span holds `offset` (sections are in offset order and do not overlap). */
function sectionHolding(sections: readonly Section[], offset: number): Section | undefined {
  const section = sections[lastStartingBefore(sections, offset)];
  return section !== undefined && offset < section.end ? section : undefined;
}

/**
 * The facts seen lately, most recently used last: a build with equal facts gets the same token,
 * so every section compares its cached facts by identity instead of comparing them again. Several
 * are kept because validation alternates between the whole file and a view of the edited sections.
 */
const recentFacts: FactsToken[] = [];
const RECENT_FACTS = 8;

/**
 * The text of a header line, kept per line object: a section moved in place by an edit keeps its
 * header object, so comparing the facts of two versions of a large file is mostly comparing the
 * same strings by identity.
 */
const headerTexts = new WeakMap<Statement, string>();

const joinHeader = (header: Statement): string => header.words.map((word) => word.raw).join(' ');

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sites are cached only without `.if` blocks: a block decides which sites are dead anywhere. */
function cacheable(config: HaproxyConfig): boolean {
  return config.conditionals.length === 0;
}

/**
 * What a section's sites read from outside it: every header (section kinds, names, `from`, and
 * so which defaults section a proxy inherits from and which `be/…` qualifier means what), the
 * proxies holding a stick table, the ACL names of every defaults section, the target version and
 * whether it has the `acl()` fetch. Linear in the headers and the defaults sections.
 */
function factsToken(
  config: HaproxyConfig,
  version: string,
  pre: Prepass,
  builder: Builder,
): FactsToken {
  const holders = [...pre.holders].map(([name, holder]) => `${name}:${holder.kind}`);
  const parts: string[] = [version, String(builder.aclFetch), holders.join(' ')];
  for (const section of config.sections) {
    parts.push(keptFor(headerTexts, section.header, joinHeader));
    if (section.type !== 'defaults') continue;
    for (const resolved of resolvedSection(section, version).statements) {
      if (resolved.match?.spec.defines === 'acl' && !resolved.match.negated) {
        parts.push(`acl ${resolved.args[0]?.value ?? ''}`);
      }
    }
  }
  const at = recentFacts.findIndex((token) => sameParts(token.parts, parts));
  const token = at === -1 ? { parts } : (recentFacts.splice(at, 1)[0] as FactsToken);
  // Most recently used last, so the oldest is the first to go.
  if (recentFacts.length >= RECENT_FACTS) recentFacts.shift();
  recentFacts.push(token);
  return token;
}

function build(config: HaproxyConfig, version: string): HaproxyReferences {
  const activity = branchActivity(config, version);
  const symbols = haproxySymbols(config, version);
  const pre = prepass(config, version, activity);
  const aclFetch = HAPROXY_CATALOG.fetches.find((fetch) => fetch.name === 'acl');
  const builder = new Builder(
    pre,
    symbols,
    aclFetch?.since === undefined || compareVersions(version, aclFetch.since) >= 0,
  );
  // The sites of a section depend on the section and on a few facts of the whole file (which
  // sections exist, which proxies hold a stick table, the ACL names of each defaults section, the
  // `.if` branches). While those facts stay the same, a section kept by the incremental parser
  // (moved in place, so its words still hold it) keeps its sites: an edit re-reads one section.
  const facts = cacheable(config) ? factsToken(config, version, pre, builder) : undefined;
  // Made only when a kept section names another one (few do).
  let present: Set<Section> | undefined;
  const isPresent = (other: Section): boolean =>
    facts !== undefined && (present ??= new Set(config.sections)).has(other);
  const indexes = new Map<Section, SectionSites>();
  for (const section of config.sections) {
    const cached = facts === undefined ? undefined : siteCache.get(section);
    if (cached !== undefined && cached.facts === facts && cached.foreign.every(isPresent)) {
      indexes.set(section, cached.index);
      if (cached.acls) builder.aclsSoFar.set(section, cached.acls);
      continue;
    }
    const from = builder.sites.length;
    const headerDead = !activity.isLive(section.header.branch);
    builder.header(section, headerDead);
    const proxy = sectionSpec(section.type)?.capabilities !== undefined;
    for (const resolved of resolvedSection(section, version).statements) {
      const dead = headerDead || !activity.isLive(resolved.statement.branch);
      builder.statement(resolved, section, dead, proxy);
    }
    const index = new SectionSites(builder.sites.slice(from));
    indexes.set(section, index);
    if (facts !== undefined) {
      const foreign = new Set<Section>();
      for (const site of index.sites) {
        if (site.scope !== undefined && site.scope !== section) foreign.add(site.scope);
      }
      siteCache.set(section, {
        facts,
        index,
        acls: builder.aclsSoFar.get(section),
        foreign: [...foreign],
      });
    }
  }

  const none: readonly HaproxyNameSite[] = [];
  // What the whole file answers is put together from the sections' parts when first asked for:
  // most of it is never asked for after an edit, and a list per kind reads only the sections
  // holding that kind.
  const sectionList = config.sections.map((section) => indexes.get(section) as SectionSites);
  let whole: ReferenceTable<HaproxyNameSite> | undefined;
  const table = (): ReferenceTable<HaproxyNameSite> => {
    if (whole) return whole;
    const all: HaproxyNameSite[] = [];
    for (const index of sectionList) for (const site of index.sites) all.push(site);
    return (whole = makeTable(all, describe));
  };
  /** File-wide lists of definitions (or references) per kind, gathered once. */
  const perKind = (definition: boolean) => {
    const lists = new Map<string, readonly HaproxyNameSite[]>();
    return (kind: string): readonly HaproxyNameSite[] => {
      let found = lists.get(kind);
      if (!found) {
        const all: HaproxyNameSite[] = [];
        const bit = kindBit(kind);
        for (const index of sectionList) index.collect(kind, bit, definition, all);
        found = all;
        lists.set(kind, found);
      }
      return found;
    };
  };
  const definitionsOfKind = perKind(true);
  const referencesOf = perKind(false);
  const definitionsByName = new Map<string, ReadonlyMap<string, HaproxyNameSite[]>>();
  const definitionsOf = (kind: string, name?: string): readonly HaproxyNameSite[] => {
    if (name === undefined) return definitionsOfKind(kind);
    let byName = definitionsByName.get(kind);
    if (!byName) {
      const map = new Map<string, HaproxyNameSite[]>();
      for (const site of definitionsOfKind(kind)) push(map, site.name, site);
      byName = map;
      definitionsByName.set(kind, byName);
    }
    return byName.get(name) ?? none;
  };
  const definitionsIn = (scope: Section, kind: string, name?: string) =>
    indexes.get(scope)?.scoped(kind, name) ?? none;
  const sitesIn = (word: Word): readonly HaproxyNameSite[] => {
    const section = sectionHolding(config.sections, word.start);
    return (section && indexes.get(section)?.inWord(word)) ?? none;
  };
  const live = (sites: readonly HaproxyNameSite[]): HaproxyNameSite[] =>
    sites.filter((site) => !site.dead);
  const tablesOf = (section: Section): readonly Statement[] => pre.tables.get(section) ?? [];
  const liveTable = (section: Section): boolean =>
    tablesOf(section).some((line) => activity.isLive(line.branch));

  /** Proxies named `name` holding a live stick table, by their header sites. */
  const tableHolders = (name: string): HaproxyNameSite[] =>
    [...definitionsOf('backend', name), ...definitionsOf('frontend', name)]
      .filter((site) => !site.dead && liveTable(site.section))
      .sort((a, b) => a.start - b.start);

  const resolve = (site: HaproxyNameSite): readonly HaproxyNameSite[] => {
    if (site.definition || site.dead) return none;
    const statement = site.statement;
    switch (site.kind) {
      case 'acl': {
        if (!statement) return none;
        const local = live(definitionsIn(site.section, 'acl', site.name)).filter(
          (definition) =>
            (definition.statement?.start ?? 0) < statement.start &&
            !activity.exclusive(definition.statement?.branch, statement.branch),
        );
        if (local.length > 0) return local;
        const defaults = symbols.proxyOf(site.section)?.defaults;
        if (!defaults || compareVersions(version, '2.7') < 0) return none;
        return live(definitionsIn(defaults.section, 'acl', site.name));
      }
      case 'server':
        return site.scope
          ? live(definitionsIn(site.scope, 'server', site.name)).filter((s) => !s.template)
          : none;
      case 'table':
        return site.qualified
          ? site.scope
            ? live(definitionsIn(site.scope, 'table', site.name))
            : none
          : tableHolders(site.name);
      case 'defaults':
        return live(definitionsOf('defaults', site.name)).filter(
          (definition) => definition.section.start < site.section.start,
        );
      default: {
        // Resolves every reference of the file after each edit: no copy when all are live.
        const found = definitionsOf(site.kind, site.name);
        return found.some((definition) => definition.dead) ? live(found) : found;
      }
    }
  };

  const liveNames = (kind: string): string[] => {
    if (kind !== 'table') return live(definitionsOf(kind)).map((site) => site.name);
    const names = new Set<string>();
    for (const site of [...definitionsOf('backend'), ...definitionsOf('frontend')]) {
      if (!site.dead && liveTable(site.section)) names.add(site.name);
    }
    for (const site of live(definitionsOf('table'))) {
      const peers = site.scope?.name?.value;
      if (peers !== undefined) names.add(`${peers}/${site.name}`);
    }
    return [...names];
  };

  return {
    get sites() {
      return table().sites;
    },
    get incompleteKinds() {
      return table().incompleteKinds;
    },
    sitesOf: (key) => table().sitesOf(key),
    siteAt: (offset) => table().siteAt(offset),
    version,
    symbols,
    definitions: definitionsOf,
    definitionsIn,
    references: referencesOf,
    sitesIn,
    tablesOf,
    resolve,
    liveNames,
  };
}

const tables = new WeakMap<HaproxyConfig, Map<string, HaproxyReferences>>();

/** The reference table of a tree at a target version (built once, then cached). */
export function haproxyReferences(config: HaproxyConfig, version: string): HaproxyReferences {
  let byVersion = tables.get(config);
  if (!byVersion) {
    byVersion = new Map();
    tables.set(config, byVersion);
  }
  let table = byVersion.get(version);
  if (!table) {
    table = build(config, version);
    byVersion.set(version, table);
  }
  return table;
}
