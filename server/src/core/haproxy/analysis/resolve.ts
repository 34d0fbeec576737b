/**
 * Resolution of HAProxy lines against the catalog: which keyword each statement of a section
 * starts with (longest multi-word name, `no` prefix), which rule-set action follows an
 * `http-request`-like keyword, and which options follow a `bind`, `server` or `default-server`
 * address. Rules read this instead of matching words themselves, so the matching is done once
 * per section and version.
 */
import {
  HAPROXY_CATALOG,
  isAvailable,
  lookupKeyword,
  majorMinor,
  MAX_KEYWORD_WORDS,
  sectionSpec,
  sectionsAt,
} from '../catalog/index.js';
import { lazy } from '../../common/lazy.js';
import { keptSlice } from '../../common/kept-slice.js';
import { keptFor } from '../../common/memo.js';
import type { HaproxyKeywordSpec, KeywordMatch } from '../catalog/index.js';
import type { ActionSpec, OptionSpec, RuleSet } from '../catalog/types.js';
import type { Section, Statement, Word } from '../ast.js';
import { headWord } from '../build-ast.js';

/** Where a keyword stands relative to the section it was written in. */
type Placement =
  /** Valid in this section at the target version. */
  | 'ok'
  /** Known in this section kind at some version, but not at the target version's section list. */
  | 'wrong-section'
  /** A `defaults` keyword that only named defaults sections accept. */
  | 'named-defaults-only'
  /** Not a keyword of this section kind at any version; `elsewhere` says where it lives. */
  | 'unknown';

/** An action after a rule-set keyword, e.g. `set-header` in `http-request set-header …`. */
interface ResolvedAction {
  readonly ruleset: RuleSet;
  readonly word: Word;
  /** The action name without a parenthesised suffix (`set-var(txn.x)` → `set-var`). */
  readonly name: string;
  /** Undefined when no action of this rule set has that name, at any version. */
  readonly spec: ActionSpec | undefined;
}

/** What the catalog says about one statement. */
export interface ResolvedStatement {
  readonly statement: Statement;
  /** The resolved section the statement belongs to. */
  readonly owner: ResolvedSection;
  /** Words up to the condition (`keyword` first): a new list at each read, so read it once per use. */
  readonly words: readonly Word[];
  /** The keyword match in this section kind, whatever the version. */
  readonly match: KeywordMatch | undefined;
  readonly placement: Placement;
  /** Section kinds where the statement's keyword is known, when it is not known here. */
  readonly elsewhere: readonly { readonly section: string; readonly match: KeywordMatch }[];
  /** Words after the keyword name, up to the condition. */
  readonly args: readonly Word[];
  readonly action: ResolvedAction | undefined;
  /** The address word of `bind`/`server` lines. */
  readonly address: Word | undefined;
  /** Options of `bind`/`server`/`default-server` lines, in order. */
  readonly options: readonly ResolvedOption[] | undefined;
}

/** The statements of one section, resolved for one target version. */
export interface ResolvedSection {
  readonly section: Section;
  /** The section kind as the catalog names it (`frontend`, `defaults`, …). */
  readonly kind: string;
  /** False for section kinds the catalog has no keyword list for: rules stay silent there. */
  readonly known: boolean;
  readonly statements: readonly ResolvedStatement[];
}

const PROXY_KINDS = new Set(['defaults', 'frontend', 'backend', 'listen']);
const SECTION_NAMES = HAPROXY_CATALOG.sections.map((s) => s.name);
const KINDS_WITH_KEYWORDS = new Set(HAPROXY_CATALOG.keywords.flatMap((k) => k.sections));

/** Per section kind, the first words of its multi-word keywords (`timeout`, `option`, `stats`). */
const FAMILIES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  for (const spec of HAPROXY_CATALOG.keywords) {
    const [first, second] = spec.name.split(' ');
    if (first === undefined || second === undefined) continue;
    for (const section of spec.sections) {
      const set = map.get(section) ?? new Set<string>();
      set.add(first);
      map.set(section, set);
    }
  }
  return map;
})();

/** Actions of each rule set, by name (actions with the same name in two rule sets differ). */
// Built on first use: a file without rule sets (and a Keepalived-only run) never reads it.
const ACTIONS_BY_RULESET = lazy((): ReadonlyMap<RuleSet, ReadonlyMap<string, ActionSpec>> => {
  const map = new Map<RuleSet, Map<string, ActionSpec>>();
  for (const action of HAPROXY_CATALOG.actions) {
    for (const ruleset of action.rulesets) {
      let byName = map.get(ruleset);
      if (!byName) {
        byName = new Map();
        map.set(ruleset, byName);
      }
      byName.set(action.name, action);
    }
  }
  return map;
});

const BIND_OPTIONS = lazy(() => new Map(HAPROXY_CATALOG.bindOptions.map((o) => [o.name, o])));
const SERVER_OPTIONS = lazy(() => new Map(HAPROXY_CATALOG.serverOptions.map((o) => [o.name, o])));

/** Actions of one rule set by name. */
export function actionsOf(ruleset: RuleSet): ReadonlyMap<string, ActionSpec> {
  return ACTIONS_BY_RULESET().get(ruleset) ?? new Map();
}

/** The option catalog of a `bind` (true) or `server`/`default-server` (false) line. */
export function optionsOf(bind: boolean): ReadonlyMap<string, OptionSpec> {
  return bind ? BIND_OPTIONS() : SERVER_OPTIONS();
}

/** Actions whose names carry arguments in parentheses (`set-var(txn.x)`). */
function actionName(value: string): string {
  const paren = value.indexOf('(');
  return paren > 0 ? value.slice(0, paren) : value;
}

/** How one written option word reads in a catalog. */
interface OptionLookup {
  readonly spec: OptionSpec | undefined;
  readonly negated: boolean;
}

const NO_OPTION: OptionLookup = { spec: undefined, negated: false };

/**
 * The lookup results, built once per option: option words are looked up for every word of every
 * `server` line, and a fresh result object each time showed up in garbage collection.
 */
const DIRECT_LOOKUP = new WeakMap<OptionSpec, OptionLookup>();
const NEGATED_LOOKUP = new WeakMap<OptionSpec, OptionLookup>();

const directLookup = (spec: OptionSpec): OptionLookup => ({ spec, negated: false });
const negatedLookup = (spec: OptionSpec): OptionLookup => ({ spec, negated: true });

function lookupOption(catalog: ReadonlyMap<string, OptionSpec>, written: string): OptionLookup {
  // Options such as `set-proxy-v2-tlv-fmt(0xE1)` carry their first argument in parentheses.
  const paren = written.indexOf('(');
  const value = paren > 0 ? written.slice(0, paren) : written;
  const direct = catalog.get(value);
  if (direct) return keptFor(DIRECT_LOOKUP, direct, directLookup);
  if (value.startsWith('no-')) {
    const base = catalog.get(value.slice(3));
    if (base?.negatable) return keptFor(NEGATED_LOOKUP, base, negatedLookup);
  }
  return NO_OPTION;
}

/** Shared by the many statements and options without any: they are read, never changed. */
const NO_WORDS: readonly Word[] = Object.freeze([]);

/**
 * One option word of a `bind`/`server`/`default-server` line and the words it consumes. A large
 * file has several of these per server line, kept as long as the file is open, so each holds only
 * positions in its line's argument list and its shared catalog reading; the word and the
 * arguments are read from the line when asked for.
 */
export class ResolvedOption {
  /**
   * Where the option is in its line: its index times {@link SPAN_SCALE} plus one past its last
   * argument. One small integer instead of two fields, 2 MB of a 75k-line file's options; a line
   * too long for it (tens of thousands of words) gets a {@link WideOption}.
   */
  declare private readonly span: number;
  declare protected readonly line: readonly Word[];
  declare private readonly reading: OptionLookup;

  /**
   * The option's record at `[at, end)` of `line` (`end` one past its last argument), in whichever
   * form its position fits. Object literals rather than `new`: see "Pretenured records" in
   * ARCHITECTURE.md.
   */
  static at(line: readonly Word[], reading: OptionLookup, at: number, end: number): ResolvedOption {
    const option =
      at < SPAN_SCALE && end < SPAN_SCALE
        ? { __proto__: ResolvedOption.prototype, line, reading, span: at * SPAN_SCALE + end }
        : { __proto__: WideOption.prototype, line, reading, span: 0, wideAt: at, wideEnd: end };
    return option as unknown as ResolvedOption;
  }

  protected get at(): number {
    return Math.floor(this.span / SPAN_SCALE);
  }

  protected get end(): number {
    return this.span % SPAN_SCALE;
  }

  get word(): Word {
    return this.line[this.at] as Word;
  }

  get spec(): OptionSpec | undefined {
    return this.reading.spec;
  }

  /** Written as `no-<name>` to cancel an inherited setting. */
  get negated(): boolean {
    return this.reading.negated;
  }

  /** The words the option consumes: a new list at each read, so read it once per use. */
  get args(): readonly Word[] {
    const at = this.at;
    const end = this.end;
    return end > at + 1 ? this.line.slice(at + 1, end) : NO_WORDS;
  }
}

/** See `ResolvedOption.span`: a position and an end below this fit one small integer. */
const SPAN_SCALE = 1 << 15;

/** An option too far into its line for a packed position. */
class WideOption extends ResolvedOption {
  declare private readonly wideAt: number;
  declare private readonly wideEnd: number;

  protected override get at(): number {
    return this.wideAt;
  }

  protected override get end(): number {
    return this.wideEnd;
  }
}

const NOWHERE: ResolvedStatement['elsewhere'] = Object.freeze([]);
const NO_OPTIONS: readonly ResolvedOption[] = Object.freeze([]);

/**
 * Splits the words after an address (`words` from index `from`) into options. An option takes
 * as many words as its required arguments, plus optional ones as long as the next word is not
 * itself an option; an unknown word takes nothing, so one typo does not hide the options after
 * it.
 */
function resolveOptions(
  words: readonly Word[],
  from: number,
  bind: boolean,
): readonly ResolvedOption[] {
  const catalog = optionsOf(bind);
  const result: ResolvedOption[] = [];
  for (let i = from; i < words.length;) {
    const word = words[i];
    if (!word) break;
    const at = i;
    i++;
    const reading = lookupOption(catalog, word.value);
    const { spec, negated } = reading;
    if (spec && !negated) {
      for (const arg of spec.args) {
        const next = words[i];
        if (!next) break;
        if (arg.optional === true && lookupOption(catalog, next.value).spec) break;
        i++;
        if (arg.variadic === true) {
          while (words[i] && !lookupOption(catalog, words[i]?.value ?? '').spec) i++;
        }
      }
    }
    result.push(ResolvedOption.at(words, reading, at, i));
  }
  // A list grown by `push` keeps room for 17 entries or more; the copy is exactly as long, which
  // matters for a list kept per server line as long as the file is open.
  return result.length === 0 ? NO_OPTIONS : keptSlice(result, 0);
}

/** Where the options start among the arguments of each keyword that takes them. */
const OPTIONS_FROM: ReadonlyMap<string, { readonly from: number; readonly bind: boolean }> =
  new Map([
    ['bind', { from: 1, bind: true }],
    ['server', { from: 2, bind: false }],
    ['server-template', { from: 3, bind: false }],
    ['default-server', { from: 0, bind: false }],
  ]);

/**
 * Options of a `server`, `default-server` or `bind` line by name, a later option of the same
 * name winning (as a `Map` filled in order would). It reads the option records of the line
 * itself ({@link lineOptions}) instead of copying them into a map: a server line has a handful
 * of options, so a scan costs less than the hash table each of tens of thousands of servers
 * would otherwise keep.
 */
export class OptionMap implements ReadonlyMap<string, ResolvedOption> {
  /** The option records in the order written. */
  declare readonly list: readonly ResolvedOption[];

  /**
   * The map of `list`. An object literal rather than `new`, one per server line: see "Pretenured
   * records" in ARCHITECTURE.md.
   */
  static of(list: readonly ResolvedOption[]): OptionMap {
    return { __proto__: OptionMap.prototype, list } as unknown as OptionMap;
  }

  get size(): number {
    let size = 0;
    for (let at = 0; at < this.list.length; at++) if (this.isFirst(at)) size++;
    return size;
  }

  get(name: string): ResolvedOption | undefined {
    for (let at = this.list.length - 1; at >= 0; at--) {
      const option = this.list[at] as ResolvedOption;
      if (option.word.value === name) return option;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Names in order of first appearance, each with its last option: a `Map`'s order. */
  *entries(): MapIterator<[string, ResolvedOption]> {
    for (let at = 0; at < this.list.length; at++) {
      if (!this.isFirst(at)) continue;
      const name = (this.list[at] as ResolvedOption).word.value;
      yield [name, this.get(name) as ResolvedOption];
    }
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): MapIterator<ResolvedOption> {
    for (const [, option] of this.entries()) yield option;
  }

  [Symbol.iterator](): MapIterator<[string, ResolvedOption]> {
    return this.entries();
  }

  forEach(
    callback: (
      value: ResolvedOption,
      key: string,
      map: ReadonlyMap<string, ResolvedOption>,
    ) => void,
  ): void {
    for (const [name, option] of this.entries()) callback(option, name, this);
  }

  /** True when no earlier option has the name of the one at `at`. */
  private isFirst(at: number): boolean {
    const name = (this.list[at] as ResolvedOption).word.value;
    for (let before = 0; before < at; before++) {
      if ((this.list[before] as ResolvedOption).word.value === name) return false;
    }
    return true;
  }
}

/** The options of a line that has none. */
export const NO_OPTION_MAP = OptionMap.of(NO_OPTIONS);
const lineOptionCache = new WeakMap<Statement, OptionMap>();

/**
 * The options of a `bind`, `server`, `server-template` or `default-server` line by name (empty
 * for any other line). The reading does not depend on the target version, so it is made once per
 * statement and shared by the resolution, the symbol table and every feature that reads options:
 * on a large file these records are a good part of the memory, and one copy of them is enough.
 */
export function lineOptionMap(statement: Statement): OptionMap {
  if (!takesOptions(statement.keyword.value)) return NO_OPTION_MAP;
  return keptFor(lineOptionCache, statement, readLineOptions);
}

/** The options of a line in the order written (see {@link lineOptionMap}). */
export function lineOptions(statement: Statement): readonly ResolvedOption[] {
  return lineOptionMap(statement).list;
}

function readLineOptions(line: Statement): OptionMap {
  const where = OPTIONS_FROM.get(line.keyword.value);
  if (where === undefined) return NO_OPTION_MAP;
  const list = resolveOptions(line.args, where.from, where.bind);
  return list.length === 0 ? NO_OPTION_MAP : OptionMap.of(list);
}

/** Whether lines of `keyword` carry options ({@link lineOptions} reads them). */
export function takesOptions(keyword: string): boolean {
  return OPTIONS_FROM.has(keyword);
}

/** Values of the first words of a line: all a keyword lookup reads (see `MAX_KEYWORD_WORDS`). */
function leadingValues(statement: Statement): string[] {
  const count = Math.min(statement.args.length + 1, MAX_KEYWORD_WORDS);
  const values = new Array<string>(count);
  for (let i = 0; i < count; i++) values[i] = (headWord(statement, i) as Word).value;
  return values;
}

/**
 * A statement's resolution. The words up to the condition are the statement's keyword and
 * arguments, put together when asked for rather than kept as one more list per line.
 */
class Resolution implements ResolvedStatement {
  // Instances come from `resolveStatement`'s object literal: the class only holds the prototype.
  declare readonly statement: Statement;
  declare readonly owner: ResolvedSection;
  declare readonly match: KeywordMatch | undefined;
  declare readonly placement: Placement;
  declare readonly elsewhere: ResolvedStatement['elsewhere'];
  declare readonly args: readonly Word[];
  declare readonly action: ResolvedAction | undefined;
  declare readonly address: Word | undefined;
  declare readonly options: readonly ResolvedOption[] | undefined;

  get words(): readonly Word[] {
    return [this.statement.keyword, ...this.statement.args];
  }
}

function resolveStatement(
  owner: ResolvedSection,
  named: boolean,
  statement: Statement,
  version: string,
): ResolvedStatement {
  const kind = owner.kind;
  const values = leadingValues(statement);
  const match = lookupKeyword(kind, values);
  let elsewhere: { section: string; match: KeywordMatch }[] | undefined;
  let placement: Placement;
  if (match) {
    if (!sectionsAt(match.spec, version).includes(kind)) placement = 'wrong-section';
    else if (kind === 'defaults' && !named && match.spec.namedDefaultsOnly === true) {
      placement = 'named-defaults-only';
    } else placement = 'ok';
  } else {
    placement = 'unknown';
    // `timeout conect` in a backend is a typo of a backend keyword, not the resolvers' bare
    // `timeout`: when this section has a family of that first word, only full multi-word names
    // found elsewhere count.
    const family = FAMILIES.get(kind)?.has(values[0] ?? '') === true;
    for (const other of SECTION_NAMES) {
      if (other === kind) continue;
      const found = lookupKeyword(other, values);
      if (found && (!family || found.spec.name.includes(' '))) {
        (elsewhere ??= []).push({ section: other, match: found });
      }
    }
  }
  const length = match?.length ?? 1;
  const args = length === 1 ? statement.args : statement.args.slice(length - 1);
  let action: ResolvedAction | undefined;
  let address: Word | undefined;
  let options: readonly ResolvedOption[] | undefined;
  const spec: HaproxyKeywordSpec | undefined = match?.spec;
  if (spec?.ruleset !== undefined && !match?.negated) {
    const word = args[0];
    if (word) {
      const name = actionName(word.value);
      action = { ruleset: spec.ruleset, word, name, spec: actionsOf(spec.ruleset).get(name) };
    }
  } else if (spec && PROXY_KINDS.has(kind) && !match?.negated) {
    if (spec.name === 'bind') address = args[0];
    else if (spec.name === 'server') address = args[1];
    if (spec.name === 'bind' || spec.name === 'server' || spec.name === 'default-server') {
      options = lineOptions(statement);
    }
  }
  // The fields of a `Resolution`, as an object literal: see "Pretenured records" in
  // ARCHITECTURE.md.
  const resolution = {
    __proto__: Resolution.prototype,
    statement,
    owner,
    match,
    placement,
    elsewhere: elsewhere ?? NOWHERE,
    args,
    action,
    address,
    options,
  };
  return resolution as unknown as Resolution;
}

const cache = new WeakMap<Section, Map<string, ResolvedSection>>();

/**
 * The catalog view of every statement of `section` at `version` (cached per section object and
 * version, so sections the incremental parser kept are not resolved again). Branch liveness is
 * not applied here: it depends on the whole file, so rules filter with `branchActivity`.
 */
export function resolvedSection(section: Section, version: string): ResolvedSection {
  const v = majorMinor(version);
  let byVersion = cache.get(section);
  if (!byVersion) {
    byVersion = new Map();
    cache.set(section, byVersion);
  }
  const cached = byVersion.get(v);
  if (cached) return cached;
  const kind = section.type;
  // A section kind the target version does not have is reported once, on its header, by the
  // parser's checks; judging its lines against a catalog of another version would only add noise.
  const spec = sectionSpec(kind);
  const known = KINDS_WITH_KEYWORDS.has(kind) && spec !== undefined && isAvailable(spec, v);
  const statements: ResolvedStatement[] = [];
  const resolved: ResolvedSection = { section, kind, known, statements };
  if (known) {
    for (const item of section.items) {
      if (item.kind !== 'statement') continue;
      statements.push(resolveStatement(resolved, section.name !== undefined, item, v));
    }
  }
  byVersion.set(v, resolved);
  return resolved;
}
