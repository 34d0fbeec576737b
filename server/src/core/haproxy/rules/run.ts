/**
 * Runs the HAProxy rules over a document, re-running after an edit only what the edit can
 * change.
 *
 * Rules marked `scope: 'section'` promise that their findings inside a section depend on that
 * section, the `global` and `defaults` sections and the settings alone. Their findings are kept
 * per section; after an incremental re-parse, the sections the edit did not touch (the same
 * objects, or copies moved by the edit, see `movedFrom`) reuse them, moved by the edit's length,
 * and the rules run on a view of the document holding only the touched sections with the
 * `global` and `defaults` sections as context. The other rules (references, duplicates, anything
 * that compares sections) run on the whole document every time.
 *
 * A full validation takes the same path with every section touched, so both give the same
 * findings in the same order: per rule, a section rule's findings come section by section in
 * document order. `test/core/haproxy/incremental-validation.test.ts` checks equality on random
 * edit sequences over the corpus.
 */
import type { Issue } from '../../common/issue.js';
import { runRules, type Rule } from '../../common/rule.js';
import { lastStartingBefore } from '../../common/sorted.js';
import type { HaproxyDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';
import type { HaproxyConfig, Item, Section } from '../ast.js';
import { forgetOrigin, movedFrom } from '../incremental.js';
import type { HaproxyRuleContext } from './context.js';

/** Findings of the section rules in one section (or the preamble), by index in the rule list. */
interface Bucket {
  /** The settings they were computed with. */
  readonly key: string;
  /**
   * Where the section started when they were computed: a section moved in place by a later edit
   * (the same object, see `haproxy/incremental.ts`) has its findings moved by the difference.
   */
  readonly base: number;
  /** Sparse: rules with no finding there have no entry. */
  readonly byRule: ReadonlyMap<number, readonly Issue[]>;
}

const EMPTY: ReadonlyMap<number, readonly Issue[]> = new Map();

/** Buckets per section object (and per preamble array), for whatever version holds them. */
type Buckets = WeakMap<Section | readonly Item[], Bucket>;

/** The section rules of a rule list, their indices, and the buckets of that list. */
interface RuleList {
  readonly section: readonly Rule<HaproxyRuleContext>[];
  readonly index: ReadonlyMap<Rule<HaproxyRuleContext>, number>;
  readonly buckets: Buckets;
}

/** Per rule list (the server's is a module constant, so this is built once). */
const lists = new WeakMap<readonly Rule<HaproxyRuleContext>[], RuleList>();

function listOf(rules: readonly Rule<HaproxyRuleContext>[]): RuleList {
  let found = lists.get(rules);
  if (!found) {
    const section = rules.filter((rule) => rule.scope === 'section');
    found = {
      section,
      index: new Map(section.map((rule, index) => [rule, index])),
      buckets: new WeakMap(),
    };
    lists.set(rules, found);
  }
  return found;
}

/** Sections whose findings may be read by every other section's section rules. */
function isContext(section: Section): boolean {
  const type = section.type.toLowerCase();
  return type === 'global' || type === 'defaults';
}

/** `issue` with every offset moved by `delta`, or undefined if it points outside `[from, to]`. */
function moved(issue: Issue, delta: number, from: number, to: number): Issue | undefined {
  const inside = (start: number, end: number) => start >= from && end <= to;
  if (!inside(issue.start, issue.end)) return undefined;
  if (issue.related?.some((place) => place.uri !== undefined && !inside(place.start, place.end))) {
    return undefined;
  }
  if (issue.fixes?.some((fix) => fix.edits.some((edit) => !inside(edit.start, edit.end)))) {
    return undefined;
  }
  if (delta === 0) return issue;
  return {
    ...issue,
    start: issue.start + delta,
    end: issue.end + delta,
    ...(issue.related
      ? {
          related: issue.related.map((place) => ({
            ...place,
            start: place.start + delta,
            end: place.end + delta,
          })),
        }
      : {}),
    ...(issue.fixes
      ? {
          fixes: issue.fixes.map((fix) => ({
            ...fix,
            edits: fix.edits.map((edit) => ({
              ...edit,
              start: edit.start + delta,
              end: edit.end + delta,
            })),
          })),
        }
      : {}),
  };
}

/**
 * `bucket`'s findings moved by `delta`, those of a section that spanned `[from, to]`; undefined
 * when one of them points outside it (it then has to be computed again).
 */
function shiftedBucket(
  bucket: Bucket,
  delta: number,
  from: number,
  to: number,
): Bucket | undefined {
  const byRule = new Map<number, readonly Issue[]>();
  for (const [rule, issues] of bucket.byRule) {
    const shifted: Issue[] = [];
    for (const issue of issues) {
      const one = moved(issue, delta, from, to);
      if (!one) return undefined;
      shifted.push(one);
    }
    byRule.set(rule, shifted);
  }
  return { key: bucket.key, base: bucket.base + delta, byRule: byRule.size === 0 ? EMPTY : byRule };
}

/**
 * The bucket of `section` under `key`: its own, or that of the section it was moved from (as many
 * edits back as it takes), moved to where it is now. Undefined when the section must be checked.
 */
function bucketOf(buckets: Buckets, section: Section, key: string): Bucket | undefined {
  const own = buckets.get(section);
  if (own) {
    if (own.key !== key) return undefined;
    if (own.base === section.start) return own;
    const from = own.base;
    const bucket = shiftedBucket(
      own,
      section.start - from,
      from,
      from + section.end - section.start,
    );
    if (bucket) buckets.set(section, bucket);
    return bucket;
  }
  let delta = 0;
  let origin = movedFrom(section);
  while (origin) {
    delta += origin.delta;
    const found = buckets.get(origin.from);
    if (found) {
      if (found.key !== key || found.base !== origin.from.start) return undefined;
      const bucket = shiftedBucket(found, delta, origin.from.start, origin.from.end);
      if (bucket) buckets.set(section, bucket);
      return bucket;
    }
    origin = movedFrom(origin.from);
  }
  return undefined;
}

/**
 * Runs `rules` over `document` (see the module comment). `key` names the settings: findings kept
 * under another key are not reused.
 */
export function runHaproxyRules(
  rules: readonly Rule<HaproxyRuleContext>[],
  document: HaproxyDocument,
  settings: LanguageSettings,
  key: string,
  onError?: (code: string, error: unknown) => void,
): Issue[] {
  const { section: sectionRules, index, buckets } = listOf(rules);
  const ast = document.parse.ast;
  const { sections } = ast;

  // Which sections need their section rules run. A `.if` block may span sections and decides
  // which lines are live anywhere after it, so a file with any runs them all.
  const known: (Bucket | undefined)[] = [];
  let preamble = ast.conditionals.length === 0 ? buckets.get(ast.preamble) : undefined;
  if (preamble?.key !== key) preamble = undefined;
  let all = preamble === undefined;
  for (const section of sections) {
    const bucket = all ? undefined : bucketOf(buckets, section, key);
    if (!bucket && isContext(section)) all = true;
    known.push(bucket);
  }
  const checked = all ? sections : sections.filter((_, at) => known[at] === undefined);

  const fresh = new Map<number, Map<number, Issue[]>>();
  if (sectionRules.length > 0 && (all || checked.length > 0)) {
    const view: HaproxyDocument = all
      ? document
      : {
          ...document,
          parse: {
            ...document.parse,
            ast: viewOf(ast, sections, (at) => known[at] === undefined),
          },
        };
    const context: HaproxyRuleContext = { document: view, settings };
    for (const rule of sectionRules) {
      const ruleIndex = index.get(rule) as number;
      for (const issue of runRules([rule], context, 'haproxy', onError)) {
        // The section holding the finding, or -1 for the preamble.
        const at = lastStartingBefore(sections, issue.start);
        // Findings of a context section come from its own bucket, which is current.
        if (!all && (at < 0 || known[at] !== undefined)) continue;
        let byRule = fresh.get(at);
        if (!byRule) {
          byRule = new Map<number, Issue[]>();
          fresh.set(at, byRule);
        }
        let list = byRule.get(ruleIndex);
        if (!list) {
          list = [];
          byRule.set(ruleIndex, list);
        }
        list.push(issue);
      }
    }
    if (all) buckets.set(ast.preamble, { key, base: 0, byRule: fresh.get(-1) ?? EMPTY });
    sections.forEach((section, at) => {
      if (!all && known[at] !== undefined) return;
      const bucket: Bucket = { key, base: section.start, byRule: fresh.get(at) ?? EMPTY };
      buckets.set(section, bucket);
      known[at] = bucket;
    });
    if (all) preamble = buckets.get(ast.preamble);
  }

  // Every section now has its bucket: the chain back to older versions is no longer needed.
  for (const section of sections) forgetOrigin(section);

  const result: Issue[] = [];
  const context: HaproxyRuleContext = { document, settings };
  // Most sections have no finding: only the others are looked at for each rule.
  const holding = known.filter(
    (bucket): bucket is Bucket => bucket !== undefined && bucket.byRule.size > 0,
  );
  for (const rule of rules) {
    const ruleIndex = index.get(rule);
    if (ruleIndex === undefined) {
      for (const issue of runRules([rule], context, 'haproxy', onError)) result.push(issue);
      continue;
    }
    for (const issue of preamble?.byRule.get(ruleIndex) ?? []) result.push(issue);
    for (const bucket of holding) {
      for (const issue of bucket.byRule.get(ruleIndex) ?? []) result.push(issue);
    }
  }
  return result;
}

/** The syntax tree with only the sections `keep` picks, plus every `global` and `defaults`. */
function viewOf(
  ast: HaproxyConfig,
  sections: readonly Section[],
  keep: (at: number) => boolean,
): HaproxyConfig {
  return {
    ...ast,
    sections: sections.filter((section, at) => keep(at) || isContext(section)),
  };
}
