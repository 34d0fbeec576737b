/**
 * What the reference tables of both languages share: a site is one place where a document defines
 * a name or refers to one, and a table lists every site of a document in offset order, grouped by
 * the symbol each belongs to. `haproxy/analysis/references.ts` and
 * `keepalived/analysis/references.ts` build the tables from the catalogs' `defines` / `refers`
 * marks; validation, navigation, completion, hovers and code lenses all read them.
 */
import type { ArgSpec } from './catalog.js';
import { lastStartingBefore } from './sorted.js';

/** One place where a name is defined or referred to. */
export interface NameSite {
  /** What the name denotes, as the catalogs spell it: `backend`, `acl`, `vrrp_script`, … */
  readonly kind: string;
  readonly name: string;
  /** The name's range: exactly the name when {@link exact}, else the whole word holding it. */
  readonly start: number;
  readonly end: number;
  /** A definition (`backend app`, `vrrp_script chk`), else a reference. */
  readonly definition: boolean;
  /**
   * The symbol the site belongs to: `<kind>:<name>` for document-wide names, `<kind>@<scope>:<name>`
   * for names local to a section (ACLs, servers), the scope naming the section: a number per
   * section object in HAProxy, where sections move with edits and keep their sites.
   * References are grouped with the definitions they resolve to, so the key of a reference may
   * name another kind (a stick table is named after its proxy) or scope (an ACL of the defaults).
   */
  readonly key: string;
  /** `[start, end)` is the name as written, without quotes or escapes: an edit can replace it. */
  readonly exact: boolean;
  /**
   * The name is only known when the daemon runs (environment variables, log-format expressions,
   * templates, Keepalived parameters): navigation does not start from it, and a rename of its kind
   * is refused since it cannot follow it.
   */
  readonly dynamic: boolean;
  /**
   * The line sits in a `.if` branch that is dead at the table's target version: validation skips
   * it, navigation and rename do not (the branch is live for another version).
   */
  readonly dead: boolean;
}

/** The sites of one document. */
export interface ReferenceTable<S extends NameSite = NameSite> {
  /** Every site, in offset order. */
  readonly sites: readonly S[];
  /** The sites of one symbol key, in offset order; dynamic sites are left out. */
  sitesOf(key: string): readonly S[];
  /** Kinds a rename cannot follow completely, with the reason (a name computed at run time). */
  readonly incompleteKinds: ReadonlyMap<string, string>;
  /** The (non-dynamic) site under `offset`; its end counts, so a cursor just after a name finds it. */
  siteAt(offset: number): S | undefined;
}

/** The key of a document-wide name of `kind`. */
export function globalKey(kind: string, name: string): string {
  return `${kind}:${name}`;
}

/** The key of a name of `kind` local to the scope `scope` (a name for the section or block). */
export function scopedKey(kind: string, scope: string, name: string): string {
  return `${kind}@${scope}:${name}`;
}

/** Whether a key names a document-wide symbol, which other documents may share. */
export function isGlobalKey(key: string): boolean {
  return !key.slice(0, key.indexOf(':')).includes('@');
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Builds a table from its sites. `incompleteKinds` is filled here: a dynamic reference of a
 * document-wide kind may reach any name of that kind.
 */
export function makeTable<S extends NameSite>(
  collected: S[],
  describe: (site: S) => string,
): ReferenceTable<S> {
  const sites = collected.sort((a, b) => a.start - b.start || a.end - b.end);
  const byKey = new Map<string, S[]>();
  const incompleteKinds = new Map<string, string>();
  // Navigation starts from non-dynamic sites only: keep them apart for the binary search.
  const reachable: S[] = [];
  for (const site of sites) {
    if (site.dynamic) {
      if (!site.definition && isGlobalKey(site.key) && !incompleteKinds.has(site.kind)) {
        incompleteKinds.set(site.kind, describe(site));
      }
      continue;
    }
    reachable.push(site);
    const list = byKey.get(site.key);
    if (list) list.push(site);
    else byKey.set(site.key, [site]);
  }
  return {
    sites,
    sitesOf: (key) => byKey.get(key) ?? NONE,
    incompleteKinds,
    siteAt: (offset) => siteAt(reachable, offset),
  };
}

function siteAt<S extends NameSite>(list: readonly S[], offset: number): S | undefined {
  const found = list[lastStartingBefore(list, offset)];
  return found && offset <= found.end ? found : undefined;
}

/** A word of an argument list that names something, as the catalog marks it. */
interface MarkedWord {
  /** Position of the word in the list. */
  readonly index: number;
  readonly kind: string;
  /** Characters before the name in the word (the length of a `refersPrefix`). */
  readonly skip: number;
}

/**
 * The words of an argument list (`values`, the words after the keyword) that name something,
 * read against the argument specs: `refers` marks a whole word (or, with `refersPrefix`, the rest
 * of a word starting with it), `refersAfter` the word after a marker word. Arguments are matched
 * by position, a variadic one taking every remaining word; the walk stops at `options`
 * arguments, whose words each option catalog reads on its own.
 */
export function markedWords(values: readonly string[], specs: readonly ArgSpec[]): MarkedWord[] {
  const marked: MarkedWord[] = [];
  let at = 0;
  for (const spec of specs) {
    if (at >= values.length || spec.type === 'options') break;
    const count = spec.variadic === true ? values.length - at : 1;
    for (let index = at; index < at + count; index++) {
      const value = values[index] ?? '';
      if (spec.refers !== undefined) {
        const prefix = spec.refersPrefix ?? '';
        if (value.startsWith(prefix)) {
          marked.push({ index, kind: spec.refers, skip: prefix.length });
        }
      }
      const after = spec.refersAfter?.[value];
      if (after !== undefined && index + 1 < values.length) {
        marked.push({ index: index + 1, kind: after, skip: 0 });
      }
    }
    at += count;
  }
  return marked;
}
