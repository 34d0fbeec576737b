/**
 * The Keepalived keyword catalog (2.2.7 through the 2.4 development head) and its lookups.
 *
 * Contexts are named after the keyword that opens the block (`vrrp_instance`, `real_server`,
 * `HTTP_GET`, `url`, …) and `'top'` is the file level. List blocks (`virtual_ipaddress`,
 * `track_script`, `unicast_peer`, …) open no keyword context: their spec has `listBlock` and a
 * `list` grammar for the value lines.
 */
import { editDistance, MAX_SUGGESTION_WORD } from '../../common/edit-distance.js';
import { compareVersions } from '../../common/catalog.js';
import { lazy } from '../../common/lazy.js';
import { GLOBAL_DEFS_KEYWORDS } from './global-defs.js';
import {
  CONNECTION_KEYWORDS,
  HTTP_KEYWORDS,
  LVS_SHARED_KEYWORDS,
  OTHER_CHECKER_KEYWORDS,
  REAL_SERVER_KEYWORDS,
  SSL_KEYWORDS,
  URL_KEYWORDS,
  VIRTUAL_SERVER_KEYWORDS,
} from './lvs.js';
import {
  BFD_KEYWORDS,
  TOP_KEYWORDS,
  TRACK_FILE_KEYWORDS,
  TRACK_GROUP_KEYWORDS,
  TRACK_PROCESS_KEYWORDS,
} from './top.js';
import type { KeepalivedKeywordSpec, KeepalivedVersion, LifecycleState } from './types.js';
import { effectiveVersion, KEEPALIVED_VERSIONS } from './types.js';
import {
  AUTH_HMAC_KEYWORDS,
  AUTHENTICATION_KEYWORDS,
  GARP_GROUP_KEYWORDS,
  SYNC_AND_INSTANCE_KEYWORDS,
  SYNC_GROUP_KEYWORDS,
  VRRP_INSTANCE_KEYWORDS,
  VRRP_SCRIPT_KEYWORDS,
} from './vrrp.js';

export type { KeepalivedKeywordSpec } from './types.js';
export { effectiveVersion } from './types.js';
export { KEEPALIVED_VERSIONS } from './types.js';
export { KEEPALIVED_MANPAGE_URL } from './build.js';

/** The context of the file level. */
export const TOP_CONTEXT = 'top';

/** Every entry, in catalog order. */
export const KEEPALIVED_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  ...TOP_KEYWORDS,
  ...GLOBAL_DEFS_KEYWORDS,
  ...TRACK_GROUP_KEYWORDS,
  ...TRACK_FILE_KEYWORDS,
  ...TRACK_PROCESS_KEYWORDS,
  ...BFD_KEYWORDS,
  ...VRRP_SCRIPT_KEYWORDS,
  ...SYNC_GROUP_KEYWORDS,
  ...SYNC_AND_INSTANCE_KEYWORDS,
  ...GARP_GROUP_KEYWORDS,
  ...VRRP_INSTANCE_KEYWORDS,
  ...AUTHENTICATION_KEYWORDS,
  ...AUTH_HMAC_KEYWORDS,
  ...VIRTUAL_SERVER_KEYWORDS,
  ...LVS_SHARED_KEYWORDS,
  ...REAL_SERVER_KEYWORDS,
  ...CONNECTION_KEYWORDS,
  ...HTTP_KEYWORDS,
  ...URL_KEYWORDS,
  ...OTHER_CHECKER_KEYWORDS,
  ...SSL_KEYWORDS,
];

/** Lifecycle of a keyword at a target version (`2.2`, `2.3`, `2.4`, or any `x.y[.z]`). */
export function lifecycleAt(spec: KeepalivedKeywordSpec, target: string): LifecycleState {
  const version = effectiveVersion(target);
  if (spec.removed && compareVersions(version, spec.removed.since) >= 0) return 'removed';
  if (spec.since && compareVersions(version, spec.since) < 0) return 'not-yet';
  if (spec.deprecated && compareVersions(version, spec.deprecated.since) >= 0) return 'deprecated';
  return 'ok';
}

/** Whether the keyword can be used at `version` (deprecated keywords still work). */
export function availableAt(spec: KeepalivedKeywordSpec, version: string): boolean {
  const state = lifecycleAt(spec, version);
  return state === 'ok' || state === 'deprecated';
}

/** Whether the keyword is followed by a `{ … }` block (of keywords or of values). */
export function opensBlock(spec: KeepalivedKeywordSpec): boolean {
  return spec.blockContext !== undefined || spec.listBlock !== undefined;
}

/** Lookups over the catalog, built once. */
interface KeepalivedCatalog {
  readonly keywords: readonly KeepalivedKeywordSpec[];
  readonly versions: readonly KeepalivedVersion[];
  /** Every context that holds keywords (`'top'` included). */
  readonly contexts: readonly string[];
  /** Contexts opened by a keyword at the file level (`global_defs`, `vrrp_instance`, …). */
  readonly topLevelContexts: readonly string[];
  /** The entry for `name` in `context`, if any (whatever the version). */
  keyword(context: string, name: string): KeepalivedKeywordSpec | undefined;
  /** Entries of a context usable at a version (deprecated ones included); all when no version. */
  keywordsFor(context: string, version?: string): readonly KeepalivedKeywordSpec[];
  /** Contexts that may appear directly inside `context`. */
  childContexts(context: string): readonly string[];
  /** Contexts that may directly contain `context`. */
  parentContexts(context: string): readonly string[];
  /** Closest keyword names of a context for did-you-mean (best first). */
  suggest(context: string, name: string, max?: number): readonly string[];
  /** Contexts where a keyword name exists, for "not allowed here" messages. */
  contextsOf(name: string): readonly string[];
  lifecycleAt(spec: KeepalivedKeywordSpec, version: string): LifecycleState;
}

/** The catalog's indexes by context and by name. */
function buildIndexes(keywords: readonly KeepalivedKeywordSpec[]) {
  const byContext = new Map<string, Map<string, KeepalivedKeywordSpec>>();
  const byName = new Map<string, string[]>();
  const children = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V): void => {
    const set = map.get(key) ?? new Set<V>();
    set.add(value);
    map.set(key, set);
  };
  for (const spec of keywords) {
    for (const context of spec.sections) {
      const entries = byContext.get(context) ?? new Map<string, KeepalivedKeywordSpec>();
      if (!entries.has(spec.name)) entries.set(spec.name, spec);
      byContext.set(context, entries);
      const where = byName.get(spec.name) ?? [];
      if (!where.includes(context)) where.push(context);
      byName.set(spec.name, where);
      if (spec.blockContext !== undefined) {
        add(children, context, spec.blockContext);
        add(parents, spec.blockContext, context);
      }
    }
  }
  const contexts = [...new Set([TOP_CONTEXT, ...byContext.keys(), ...parents.keys()])];
  const topLevelContexts = [...(children.get(TOP_CONTEXT) ?? [])];
  return { byContext, byName, children, parents, contexts, topLevelContexts };
}

function buildCatalog(keywords: readonly KeepalivedKeywordSpec[]): KeepalivedCatalog {
  // Indexed on the first lookup: a run over HAProxy files only never reads this catalog.
  const indexes = lazy(() => buildIndexes(keywords));
  const cache = new Map<string, readonly KeepalivedKeywordSpec[]>();

  return {
    keywords,
    versions: KEEPALIVED_VERSIONS,
    get contexts() {
      return indexes().contexts;
    },
    get topLevelContexts() {
      return indexes().topLevelContexts;
    },
    keyword: (context, name) => indexes().byContext.get(context)?.get(name),
    keywordsFor(context, version) {
      const key = `${context}\u0000${version ?? ''}`;
      let result = cache.get(key);
      if (!result) {
        const all = [...(indexes().byContext.get(context)?.values() ?? [])];
        result = version === undefined ? all : all.filter((spec) => availableAt(spec, version));
        cache.set(key, result);
      }
      return result;
    },
    childContexts: (context) => [...(indexes().children.get(context) ?? [])],
    parentContexts: (context) => [...(indexes().parents.get(context) ?? [])],
    suggest(context, name, max = 3) {
      const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
      const lower = name.toLowerCase();
      const scored: { name: string; distance: number }[] = [];
      // No keyword is that long: a hostile word must not cost a comparison per keyword.
      if (lower.length > MAX_SUGGESTION_WORD) return [];
      for (const candidate of indexes().byContext.get(context)?.keys() ?? []) {
        if (candidate === name) continue;
        const other = candidate.toLowerCase();
        const distance = editDistance(lower, other, limit);
        if (distance <= limit) {
          scored.push({ name: candidate, distance });
        } else if (
          Math.min(lower.length, other.length) >= 5 &&
          (lower.startsWith(other) || other.startsWith(lower))
        ) {
          // `advert_interval` → `advert_int`: a truncated or extended spelling.
          scored.push({ name: candidate, distance: limit + 1 });
        }
      }
      scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
      return scored.slice(0, max).map((entry) => entry.name);
    },
    contextsOf: (name) => indexes().byName.get(name) ?? [],
    lifecycleAt,
  };
}

export const KEEPALIVED_CATALOG: KeepalivedCatalog = buildCatalog(KEEPALIVED_KEYWORDS);

/**
 * The keyword `name` means in `context`, aliases and `anywhere` keywords included: the editor
 * features and the reference table read lines through it.
 */
export function keywordIn(context: string, name: string): KeepalivedKeywordSpec | undefined {
  const spec = KEEPALIVED_CATALOG.keyword(context, name);
  if (spec) return spec;
  // `anywhere` keywords are catalogued once, at the file level, but valid in every block.
  const top = KEEPALIVED_CATALOG.keyword(TOP_CONTEXT, name);
  return top?.anywhere ? top : undefined;
}
