/**
 * Shared plumbing of the catalog-driven rules: walking the live statements of every section with
 * their catalog resolution, and the wording of version facts.
 */
import type { QuickFix } from '../../common/issue.js';
import { branchActivity } from '../analysis/branches.js';
import { resolvedSection } from '../analysis/resolve.js';
import type { ResolvedStatement } from '../analysis/resolve.js';
import type { Statement, Word } from '../ast.js';
import { someWord } from '../build-ast.js';
import type { HaproxyRuleContext } from './context.js';

/** Live statements per syntax tree and target version (see {@link liveStatements}). */
const liveCache = new WeakMap<object, Map<string, readonly ResolvedStatement[]>>();

/**
 * Every statement HAProxy would read at the target version, resolved: lines in `.if` branches
 * known not to be taken are skipped, and so are sections the catalog has no keyword list for.
 *
 * A dozen rules walk this list, so it is built once per syntax tree and version: a new tree
 * comes with every edit, and the sections the incremental parser kept are resolved from cache.
 */
export function liveStatements(context: HaproxyRuleContext): readonly ResolvedStatement[] {
  const config = context.document.parse.ast;
  const version = context.settings.version;
  let byVersion = liveCache.get(config);
  if (!byVersion) {
    byVersion = new Map();
    liveCache.set(config, byVersion);
  }
  const cached = byVersion.get(version);
  if (cached) return cached;
  const activity = branchActivity(config, version);
  const entries: ResolvedStatement[] = [];
  for (const section of config.sections) {
    if (!activity.isLive(section.header.branch)) continue;
    const resolved = resolvedSection(section, version);
    if (!resolved.known) continue;
    for (const entry of resolved.statements) {
      if (activity.isLive(entry.statement.branch)) entries.push(entry);
    }
  }
  byVersion.set(version, entries);
  return entries;
}

/** True when a word's runtime value is unknown (environment variable or template span). */
export function opaque(word: Word | undefined): boolean {
  return word === undefined || word.hasVariable || word.template;
}

/** True when a word of the line, condition included, is {@link opaque}. */
export function hasOpaqueWord(statement: Statement): boolean {
  return someWord(statement, opaque);
}

/**
 * A fix replacing `words` (one span, first to last) with `text`; `safe` when it is the one
 * obvious outcome (see `QuickFix.safe`).
 */
export function replaceWordsFix(
  words: readonly Word[],
  text: string,
  preferred = true,
  safe = false,
): QuickFix {
  const first = words[0];
  const last = words[words.length - 1];
  return {
    title: `Replace with '${text}'`,
    edits: first && last ? [{ start: first.start, end: last.end, text }] : [],
    preferred,
    ...(safe ? { safe } : {}),
  };
}

/**
 * A did-you-mean fix for the best of `suggestions`, safe to apply unattended only when it is the
 * only one: with two close names, which one was meant is the author's call.
 */
export function suggestionFixes(
  words: readonly Word[],
  suggestions: readonly string[],
): QuickFix[] {
  const best = suggestions[0];
  return best === undefined ? [] : [replaceWordsFix(words, best, true, suggestions.length === 1)];
}

/** `; did you mean 'x'?` or nothing. */
export function didYouMean(suggestions: readonly string[]): string {
  const first = suggestions[0];
  return first === undefined ? '' : `; did you mean '${first}'?`;
}

/**
 * True when the file loads Lua code (`lua-load` or `lua-load-per-thread` in `global`), whatever
 * `.if` branch the line is in. Without it, no `lua.<name>` action, service, fetch or converter can
 * exist, so HAProxy refuses every use of one.
 */
export function loadsLua(context: HaproxyRuleContext): boolean {
  for (const section of context.document.parse.ast.sections) {
    if (section.type !== 'global') continue;
    for (const item of section.items) {
      if (item.kind !== 'statement') continue;
      const keyword = item.keyword.value;
      if (keyword === 'lua-load' || keyword === 'lua-load-per-thread') return true;
    }
  }
  return false;
}
