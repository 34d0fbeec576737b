/**
 * What removed-keyword and deprecated-keyword share: finding every keyword, action and option of
 * a live line together with its lifecycle state at the target version.
 */
import type { ArgSpec, Lifecycle } from '../../common/catalog.js';
import { lifecycleAt, lookupKeyword } from '../catalog/index.js';
import type { LifecycleState, Versioned } from '../catalog/index.js';
import { actionsOf, type ResolvedOption, type ResolvedStatement } from '../analysis/resolve.js';
import type { Statement, Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { wordAt } from '../words.js';

/** One catalog entry used on a line. */
export interface UsedEntry {
  readonly what: 'keyword' | 'action' | 'option';
  readonly name: string;
  readonly words: readonly Word[];
  readonly lifecycle: Lifecycle | undefined;
  /** A keyword or action name that can be written in place of `words`, when that is all it takes. */
  readonly rewrite: string | undefined;
  /** The whole line the entry is used on. */
  readonly statement: Statement;
  /** The section kind of the line (`global`, `frontend`, …). */
  readonly section: string;
  /** The entry's page in the official manual. */
  readonly docUrl: string;
}

/**
 * Replacements that are exact rewrites of the old line: the rest of the line keeps its meaning.
 * Anything else (`reqadd`'s escaped header syntax, `monitor-net`) only gets a message.
 */
const MECHANICAL: Readonly<Record<string, string>> = {
  'option forceclose': 'option httpclose',
  redispatch: 'option redispatch',
  contimeout: 'timeout connect',
  clitimeout: 'timeout client',
  srvtimeout: 'timeout server',
  'timeout contimeout': 'timeout connect',
  'timeout clitimeout': 'timeout client',
  'timeout srvtimeout': 'timeout server',
  block: 'http-request deny',
};

/** A deprecation replacement that is itself a keyword of `section`, hence a safe rewrite. */
function keywordRewrite(
  section: string,
  name: string,
  replacement: string | undefined,
  removed: boolean,
) {
  const known = MECHANICAL[name];
  // A removed keyword's replacement often means something else (`nbproc` → `nbthread`), so only
  // the listed exact rewrites get a fix.
  if (known !== undefined || removed) return known;
  if (replacement === undefined || !/^[a-z0-9._-]+( [a-z0-9._-]+)*$/.test(replacement)) {
    return undefined;
  }
  const match = lookupKeyword(section, replacement.split(' '));
  if (!match || match.length !== replacement.split(' ').length) return undefined;
  // A rename keeps the arguments only when both take the same ones: `tune.quic.disable-tx-pacing`
  // (no argument) is not `tune.quic.fe.tx.pacing` (on|off), nor `listener` a `sock-per-conn` value.
  const old = lookupKeyword(section, name.split(' '));
  return old && sameArguments(old.spec.args, match.spec.args) ? replacement : undefined;
}

/** Same argument types and values, whatever the arguments are called. */
function sameArguments(a: readonly ArgSpec[], b: readonly ArgSpec[]): boolean {
  const shape = (args: readonly ArgSpec[]): string =>
    JSON.stringify(args.map((arg) => [arg.type, arg.values ?? [], !!arg.optional, !!arg.variadic]));
  return shape(a) === shape(b);
}

/** Every keyword, action and option of live lines in `state` at the target version. */
export function* entriesIn(
  context: HaproxyRuleContext,
  state: LifecycleState,
): Generator<UsedEntry> {
  const version = context.settings.version;
  const at = (entry: Versioned): boolean => lifecycleAt(entry, version) === state;
  const lifecycleOf = (entry: Versioned): Lifecycle | undefined =>
    state === 'removed' ? entry.removed : entry.deprecated;
  // Index loops: in a generator, `for … of` over these long arrays allocated a result object per
  // statement and option.
  const live = liveStatements(context);
  for (let index = 0; index < live.length; index++) {
    const entry = live[index] as ResolvedStatement;
    const section = entry.owner;
    if (opaque(entry.statement.keyword)) continue;
    const match = entry.match;
    if (match && at(match.spec)) {
      const name = match.spec.name;
      const lifecycle = lifecycleOf(match.spec);
      yield {
        what: 'keyword',
        name,
        words: entry.words.slice(match.negated ? 1 : 0, match.length),
        lifecycle,
        rewrite: keywordRewrite(section.kind, name, lifecycle?.replacement, state === 'removed'),
        statement: entry.statement,
        section: section.kind,
        docUrl: match.spec.docUrl,
      };
    }
    const action = entry.action;
    if (action?.spec && at(action.spec) && !opaque(action.word)) {
      const lifecycle = lifecycleOf(action.spec);
      const replacement = lifecycle?.replacement;
      const rewrite =
        replacement !== undefined && actionsOf(action.ruleset).has(replacement)
          ? replacement
          : undefined;
      // Only the name part of the word is replaced, so `set-mark(…)`-like suffixes survive.
      const nameWord = wordAt(
        action.word,
        action.word.start,
        action.word.start + action.name.length,
      );
      yield {
        what: 'action',
        name: action.name,
        words: [nameWord],
        lifecycle,
        rewrite,
        statement: entry.statement,
        section: section.kind,
        docUrl: action.spec.docUrl,
      };
    }
    const options = entry.options;
    if (options === undefined) continue;
    for (let o = 0; o < options.length; o++) {
      const option = options[o] as ResolvedOption;
      if (!option.spec || !at(option.spec) || opaque(option.word)) continue;
      yield {
        what: 'option',
        name: option.spec.name,
        words: [option.word],
        lifecycle: lifecycleOf(option.spec),
        rewrite: undefined,
        statement: entry.statement,
        section: section.kind,
        docUrl: option.spec.docUrl,
      };
    }
  }
}

/** ` Use 'x' instead.` plus the catalog's note, or nothing. */
export function advice(lifecycle: Lifecycle | undefined): string {
  const parts: string[] = [];
  if (lifecycle?.replacement !== undefined) parts.push(`Use '${lifecycle.replacement}' instead.`);
  if (lifecycle?.note !== undefined) parts.push(lifecycle.note);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
