/**
 * The symbol table of a `haproxy.cfg`: the proxies with their defaults inheritance and effective
 * mode, their servers and options, and the `global` lines. Where names are defined and used is
 * the reference table's business (`references.ts`), which builds on this one.
 *
 * Validation rules and editor features (code lens, inlay hints, the topology) share it. Work is
 * split in two layers so that an edit stays cheap: a version-independent summary per
 * {@link Section}, cached by the Section object (the incremental parser keeps untouched Sections),
 * and a document table per tree and target version that only drops dead `.if` branches and links
 * the proxies to their defaults, in one linear pass.
 */
import type { HaproxyConfig, Section, Statement, Word } from '../ast.js';
import { branchActivity, type BranchActivity } from './branches.js';
import { lineOptionMap, NO_OPTION_MAP, OptionMap, type ResolvedOption } from './resolve.js';

/** The four proxy section kinds. */
type ProxyKind = 'defaults' | 'frontend' | 'backend' | 'listen';

/** A `server` (or `server-template`) line split into its parts. */
interface ServerSymbol {
  readonly statement: Statement;
  /** `server` or `server-template`. */
  readonly template: boolean;
  /** The server name (the prefix for `server-template`). */
  readonly name: Word | undefined;
  /** The address word (`10.0.0.1:80`, `app.local`, `${HOST}`, …). */
  readonly address: Word | undefined;
  /** The options after the address, by name (each with the word(s) of its value). */
  readonly options: OptionMap;
}

/**
 * Applies `own` over `base`: an option replaces the inherited one of its name and `no-<x>`
 * cancels an inherited `<x>` (and `<x>` an inherited `no-<x>`).
 */
function mergeOptions(base: OptionMap, own: Iterable<[string, ResolvedOption]>): OptionMap {
  const merged = new Map<string, ResolvedOption>(base);
  for (const [name, use] of own) {
    if (name.startsWith('no-')) merged.delete(name.slice(3));
    else merged.delete(`no-${name}`);
    merged.set(name, use);
  }
  return OptionMap.of([...merged.values()]);
}

/** Version-independent facts about one section, cached per Section object. */
interface SectionSummary {
  /** Statements of the body, in order. */
  readonly statements: readonly Statement[];
  readonly byKeyword: ReadonlyMap<string, readonly Statement[]>;
}

/** One proxy section (`defaults`, `frontend`, `backend` or `listen`) at the target version. */
export interface ProxySymbol {
  readonly kind: ProxyKind;
  readonly section: Section;
  /** The name; undefined for an anonymous `defaults`. */
  readonly name: string | undefined;
  readonly nameWord: Word | undefined;
  /** The `from <name>` word of the header, when present. */
  readonly fromWord: Word | undefined;
  /**
   * The defaults section settings come from: the one named by `from`, else the last anonymous or
   * named `defaults` above (HAProxy 2.6 semantics: each proxy uses the last defaults before it).
   */
  readonly defaults: ProxySymbol | undefined;
  /** Live statements of the body with this first word (e.g. `server`, `timeout`). */
  statements(keyword: string): readonly Statement[];
  /** Every live statement of the body, in order. */
  readonly body: readonly Statement[];
  /** Live `server` and `server-template` lines. */
  readonly servers: readonly ServerSymbol[];
  /** Options of the live `default-server` lines of this section, later lines winning. */
  readonly defaultServer: OptionMap;
  /** Effective mode after inheritance; `tcp` when nobody sets it. */
  readonly mode: string;
  /** The `mode` line that decides {@link mode}, here or in a defaults section. */
  readonly modeStatement: Statement | undefined;
}

/** Sections other than proxies, by kind and name. */
export type NamedSectionKind =
  | 'userlist'
  | 'peers'
  | 'resolvers'
  | 'mailers'
  | 'cache'
  | 'http-errors'
  | 'ring'
  | 'log-forward'
  | 'fcgi-app'
  | 'program'
  | 'crt-store'
  | 'log-profile'
  | 'acme';

/** The document-level symbol table at one target version. */
export interface HaproxySymbols {
  readonly config: HaproxyConfig;
  readonly version: string;
  readonly activity: BranchActivity;
  /** Every live proxy section, in document order. */
  readonly proxies: readonly ProxySymbol[];
  /** The proxy built from this section, if it is a live proxy section. */
  proxyOf(section: Section): ProxySymbol | undefined;
  /** Live statements of the `global` sections with this first word. */
  global(keyword: string): readonly Statement[];
}

const summaries = new WeakMap<Section, SectionSummary>();

function summarize(section: Section): SectionSummary {
  const cached = summaries.get(section);
  if (cached) return cached;
  const statements: Statement[] = [];
  const byKeyword = new Map<string, Statement[]>();
  for (const item of section.items) {
    if (item.kind !== 'statement') continue;
    statements.push(item);
    const key = item.keyword.value;
    const list = byKeyword.get(key);
    if (list) list.push(item);
    else byKeyword.set(key, [item]);
  }
  const summary: SectionSummary = { statements, byKeyword };
  summaries.set(section, summary);
  return summary;
}

/**
 * A server line's symbol. Its parts are read from the line when asked for: a large file has tens
 * of thousands of servers, and each field kept is memory the garbage collector walks.
 */
class ServerLine implements ServerSymbol {
  // Instances come from `serverLine`'s object literal (see "Pretenured records" in
  // ARCHITECTURE.md): the class only holds the prototype.
  declare readonly statement: Statement;

  get template(): boolean {
    return this.statement.keyword.value === 'server-template';
  }

  get name(): Word | undefined {
    return this.statement.args[0];
  }

  get address(): Word | undefined {
    return this.statement.args[this.template ? 2 : 1];
  }

  get options(): OptionMap {
    return lineOptionMap(this.statement);
  }
}

/** The symbol of a `server` or `server-template` line. */
function serverLine(statement: Statement): ServerSymbol {
  return { __proto__: ServerLine.prototype, statement } as unknown as ServerLine;
}

const PROXY_KINDS: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
const EMPTY: readonly Statement[] = [];

const tables = new WeakMap<HaproxyConfig, Map<string, HaproxySymbols>>();

/** Builds (or returns the cached) symbol table of a tree at a target version. */
export function haproxySymbols(config: HaproxyConfig, version: string): HaproxySymbols {
  let byVersion = tables.get(config);
  if (!byVersion) {
    byVersion = new Map();
    tables.set(config, byVersion);
  }
  const cached = byVersion.get(version);
  if (cached) return cached;
  const table = build(config, version);
  byVersion.set(version, table);
  return table;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(config: HaproxyConfig, version: string): HaproxySymbols {
  const activity = branchActivity(config, version);
  const proxies: ProxySymbol[] = [];
  const bySection = new Map<Section, ProxySymbol>();
  const globalByKeyword = new Map<string, Statement[]>();
  const namedDefaults = new Map<string, ProxySymbol[]>();
  let lastDefaults: ProxySymbol | undefined;

  for (const section of config.sections) {
    if (!activity.isLive(section.header.branch)) continue;
    const summary = summarize(section);
    // Sections outside `.if` blocks keep every statement: reuse the cached lists then.
    const allLive =
      config.conditionals.length === 0 ||
      summary.statements.every((statement) => activity.isLive(statement.branch));
    const body = allLive
      ? summary.statements
      : summary.statements.filter((statement) => activity.isLive(statement.branch));
    if (section.type === 'global') {
      for (const statement of body) push(globalByKeyword, statement.keyword.value, statement);
      continue;
    }
    if (!PROXY_KINDS.has(section.type)) continue;
    const findDefaults = (fromName: string | undefined): ProxySymbol | undefined => {
      if (fromName === undefined) return lastDefaults;
      const candidates = namedDefaults.get(fromName);
      return candidates?.[candidates.length - 1];
    };
    // A proxy reads its own lines and its defaults alone: a section the incremental parser kept,
    // with every line live and the same defaults proxy, keeps its proxy (and its servers' merged
    // options), so an edit builds only the proxies of what it touched.
    const cached = allLive ? proxyCache.get(section) : undefined;
    const proxy =
      cached !== undefined && cached.defaults === defaultsOf(section, findDefaults)
        ? cached
        : makeProxy(section, body, allLive ? summary.byKeyword : undefined, findDefaults);
    if (allLive) proxyCache.set(section, proxy);
    proxies.push(proxy);
    bySection.set(section, proxy);
    if (proxy.kind === 'defaults') {
      lastDefaults = proxy;
      if (proxy.name !== undefined) push(namedDefaults, proxy.name, proxy);
    }
  }

  return {
    config,
    version,
    activity,
    proxies,
    proxyOf: (section) => bySection.get(section),
    global: (keyword) => globalByKeyword.get(keyword) ?? EMPTY,
  };
}

/** The `from <name>` word of a proxy header (`frontend fe from tpl`, `defaults d from base`). */
function fromWordOf(section: Section): Word | undefined {
  const args = section.header.args;
  const at = args.findIndex(
    (word, index) => word.value === 'from' && (index >= 1 || section.type === 'defaults'),
  );
  return at === -1 ? undefined : args[at + 1];
}

function groupByKeyword(statements: readonly Statement[]): ReadonlyMap<string, Statement[]> {
  const groups = new Map<string, Statement[]>();
  for (const statement of statements) push(groups, statement.keyword.value, statement);
  return groups;
}

/** The proxy each section made last, for {@link build} to reuse. */
const proxyCache = new WeakMap<Section, ProxySymbol>();

/** The defaults proxy `section` inherits from (see {@link makeProxy}). */
function defaultsOf(
  section: Section,
  findDefaults: (name: string | undefined) => ProxySymbol | undefined,
): ProxySymbol | undefined {
  const fromWord = fromWordOf(section);
  if (fromWord !== undefined) return findDefaults(fromWord.value);
  // A defaults section only inherits through an explicit `from`.
  return section.type === 'defaults' ? undefined : findDefaults(undefined);
}

function makeProxy(
  section: Section,
  body: readonly Statement[],
  bodyByKeyword: ReadonlyMap<string, readonly Statement[]> | undefined,
  findDefaults: (name: string | undefined) => ProxySymbol | undefined,
): ProxySymbol {
  const kind = section.type as ProxyKind;
  const fromWord = fromWordOf(section);
  // `defaults from base` is an anonymous defaults section inheriting from `base`.
  const anonymousFrom = fromWord !== undefined && section.header.args[0]?.value === 'from';
  const defaults = defaultsOf(section, findDefaults);
  // The section summary already groups a fully live body by keyword.
  const index = bodyByKeyword ?? groupByKeyword(body);
  const servers: ServerSymbol[] = [];
  let defaultServer = defaults?.defaultServer ?? NO_OPTION_MAP;
  let modeStatement = defaults?.modeStatement;
  for (const statement of body) {
    const keyword = statement.keyword.value;
    if (keyword === 'server' || keyword === 'server-template') {
      servers.push(serverLine(statement));
    } else if (keyword === 'default-server') {
      defaultServer = mergeOptions(defaultServer, lineOptionMap(statement));
    } else if (keyword === 'mode' && statement.args[0] !== undefined) {
      modeStatement = statement;
    }
  }
  return {
    kind,
    section,
    name: anonymousFrom ? undefined : section.name?.value,
    nameWord: anonymousFrom ? undefined : section.name,
    fromWord,
    defaults,
    statements: (keyword) => index.get(keyword) ?? EMPTY,
    body,
    servers,
    defaultServer,
    mode: modeStatement?.args[0]?.value ?? 'tcp',
    modeStatement,
  };
}

/** True when a name is computed at run time (`%[…]` log-format, environment variables). */
export function isDynamicName(word: Word): boolean {
  return word.hasVariable || word.template || word.value.includes('%[') || /%\w/.test(word.value);
}

function hasNegation(options: OptionMap): boolean {
  return options.list.some((option) => option.word.value.startsWith('no-'));
}

/** Merged options per server symbol, with the proxy they were merged for. */
const effectiveCache = new WeakMap<
  ServerSymbol,
  { readonly proxy: ProxySymbol; readonly options: OptionMap }
>();

/**
 * Effective server options: the `default-server` options inherited from the backend and its
 * defaults, then the server's own; `no-<x>` on the server cancels an inherited `<x>`.
 */
export function effectiveServerOptions(proxy: ProxySymbol, server: ServerSymbol): OptionMap {
  // Nothing inherited and nothing cancelled, the common case: the server's own map is already the
  // answer, without a look in the cache (an empty list is an empty map).
  const own = server.options;
  if (proxy.defaultServer.list.length === 0 && !hasNegation(own)) return own;
  // Half a dozen rules ask for every server of the file; merge once per server and proxy.
  const cached = effectiveCache.get(server);
  if (cached?.proxy === proxy) return cached.options;
  const merged = mergeOptions(proxy.defaultServer, own);
  effectiveCache.set(server, { proxy, options: merged });
  return merged;
}

/**
 * The last `keyword` line in effect for `proxy`: its own, else the nearest defaults section's.
 * (Settings such as `balance` or `cookie` are replaced, not merged, by a later line.)
 */
export function inheritedSetting(proxy: ProxySymbol, keyword: string): Statement | undefined {
  for (let at: ProxySymbol | undefined = proxy; at; at = at.defaults) {
    const lines = at.statements(keyword);
    const last = lines[lines.length - 1];
    if (last) return last;
  }
  return undefined;
}

/**
 * The `option name` line in effect for `proxy`, or undefined when the option is off: the last of
 * `option name` and `no option name` in the proxy decides, else its defaults' in the same way.
 */
export function inheritedOption(proxy: ProxySymbol, name: string): Statement | undefined {
  for (let at: ProxySymbol | undefined = proxy; at; at = at.defaults) {
    let decided: Statement | 'off' | undefined;
    for (const line of at.body) {
      if (line.keyword.value === 'option' && line.args[0]?.value === name) decided = line;
      else if (
        line.keyword.value === 'no' &&
        line.args[0]?.value === 'option' &&
        line.args[1]?.value === name
      ) {
        decided = 'off';
      }
    }
    if (decided !== undefined) return decided === 'off' ? undefined : decided;
  }
  return undefined;
}
