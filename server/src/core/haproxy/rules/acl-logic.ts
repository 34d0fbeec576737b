/**
 * What halint can prove about ACLs and the conditions using them, shared by the rules that reason
 * about them (acl-never-matches, condition-never-true, condition-always-true, unreachable-rule).
 *
 * Everything here answers "certainly" or "don't know": an ACL line is only judged when all its
 * words are known at parse time, a sample whose answer may change between two evaluations
 * (random numbers, time, counters) is never judged, and two conditions are only compared on the
 * very same sample expression with string matching methods whose semantics are plain (`str`,
 * `beg`, `end`; others only when written identically).
 */
import type { ConditionTerm, Condition, Statement, Word } from '../ast.js';
import type { HaproxyReferences } from '../analysis/references.js';
import { compareVersions } from '../../common/catalog.js';
import { HAPROXY_CATALOG } from '../catalog/index.js';
import { ACL_FLAGS, ACL_VALUED_FLAGS } from '../catalog/keyword-values.js';
import type { SampleType } from '../catalog/types.js';
import { someWord } from '../build-ast.js';
import { opaque } from './catalog-helpers.js';
import { aclKeyword, converterSpec, fetchSpec, parseSample } from './sample-helpers.js';

/**
 * Sample fetches whose answer can change from one evaluation to the next (random numbers, time,
 * counters that rules increment): two conditions written alike may still differ.
 */
export const VOLATILE =
  /\b(?:rand|date|ms_|us_|sc\d*_|sc_|src_inc|src_get|src_clr|table_|uuid|ulid)\w*/;

/** One ACL (an `acl` line after its name, or the inside of `{ … }`) as HAProxy reads its words. */
export interface AclReading {
  /** The criterion, then flags and patterns. */
  readonly words: readonly Word[];
  /** The sample without the ACL keyword's suffix: `path` for `path_beg`, `hdr(host),lower`. */
  readonly sample: string;
  /** The fetch's name without suffix (`path`). */
  readonly fetch: string;
  /**
   * The matching method: `-m`, else the keyword's suffix (`beg` for `path_beg`), else the one the
   * sample's type implies (`str`, `bool`, `int`, `ip`, `bin`); undefined when unknown.
   */
  readonly method: string | undefined;
  /** `-i`: patterns are compared without case. */
  readonly caseFold: boolean;
  /** `-f`: patterns also come from files, unknown here. */
  readonly files: boolean;
  /** `--` was written: the author said "no pattern" on purpose, or protected one. */
  readonly dashes: boolean;
  /** The patterns after the flags. */
  readonly patterns: readonly string[];
  /** The sample's answer may change between evaluations. */
  readonly volatile: boolean;
}

/** The matching method a sample type implies when no `-m` or suffix picks one. */
function methodOfType(type: SampleType | undefined): string | undefined {
  switch (type) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'integer':
      return 'int';
    case 'binary':
      return 'bin';
    case 'ip':
    case 'ipv4':
    case 'ipv6':
    case 'address':
      return 'ip';
    case 'method':
      // HAProxy's own matcher for methods, which needs patterns like the others.
      return 'meth';
    case 'any':
    case undefined:
      return undefined;
  }
}

/** Reads an ACL's words (criterion first); undefined when a word is only known at run time. */
export function readAcl(words: readonly Word[]): AclReading | undefined {
  const criterion = words[0];
  if (!criterion || words.some(opaque)) return undefined;
  const sample = parseSample(criterion);
  if (!sample) return undefined;
  let method: string | undefined;
  let caseFold = false;
  let files = false;
  let dashes = false;
  let i = 1;
  for (; i < words.length; i++) {
    const word = words[i] as Word;
    if (!word.value.startsWith('-') || word.quoting !== 'none') break;
    if (word.value === '--') {
      dashes = true;
      i++;
      break;
    }
    if (word.value === '-i') caseFold = true;
    else if (ACL_VALUED_FLAGS.includes(word.value)) {
      const value = words[i + 1];
      if (value === undefined) return undefined;
      if (word.value === '-f') files = true;
      if (word.value === '-m') method = value.value;
      i++;
    } else if (!ACL_FLAGS.includes(word.value)) return undefined;
  }
  const keyword = aclKeyword(sample.fetch.name);
  const last = sample.converters[sample.converters.length - 1];
  const output = last ? converterSpec(last.name)?.output : fetchSpec(sample.fetch.name)?.output;
  const raw = criterion.raw;
  return {
    words,
    sample: keyword.fetch + raw.slice(sample.fetch.name.length),
    fetch: keyword.fetch,
    method: method ?? (last ? undefined : keyword.method) ?? methodOfType(output),
    caseFold,
    files,
    dashes,
    patterns: words.slice(i).map((word) => word.value),
    volatile: VOLATILE.test(raw),
  };
}

/**
 * Why an ACL line can never match, or undefined: it has no pattern (and no `-f` file) while its
 * method compares the sample with patterns, or it is `always_false`. `--` written on purpose is
 * left alone, as HAProxy does.
 */
export function neverMatches(reading: AclReading): 'no-pattern' | 'constant' | undefined {
  if (reading.volatile) return undefined;
  if (reading.words.length === 1 && reading.fetch === 'always_false') return 'constant';
  const method = reading.method;
  if (method === undefined || method === 'found' || method === 'bool') return undefined;
  if (reading.patterns.length > 0 || reading.files || reading.dashes) return undefined;
  return 'no-pattern';
}

/** True for an ACL line that always matches: `always_true` and nothing else. */
function alwaysMatches(reading: AclReading): boolean {
  return reading.words.length === 1 && reading.fetch === 'always_true';
}

/** How a verdict on a condition was reached. */
export type VerdictKind =
  /** HAProxy's predefined `TRUE` / `FALSE`, the documented way to force a rule on or off. */
  | 'idiom'
  /** `always_true` / `always_false`. */
  | 'constant'
  /** An ACL with no pattern, which never matches. */
  | 'no-pattern'
  /** An ACL ANDed with its own negation. */
  | 'contradiction'
  /** Two ACLs ANDed on one single-valued sample with patterns no value can match together. */
  | 'disjoint'
  /** An ACL ORed with its own negation. */
  | 'tautology';

/** What a condition (or one of its groups) certainly evaluates to, and why. */
export interface Verdict {
  readonly value: boolean;
  readonly kind: VerdictKind;
  /** Our own words for the reason, without a final period. */
  readonly reason: string;
}

/** One operand of a condition as far as it can be judged. */
interface Operand {
  readonly term: ConditionTerm;
  readonly negated: boolean;
  /** Same identity, same ACL; undefined when volatile. */
  readonly identity: string | undefined;
  /** The ACL's lines (ORed); undefined when one of them cannot be read. */
  readonly lines: readonly AclReading[] | undefined;
  /** The operand's constant value, negation applied. */
  readonly constant: Verdict | undefined;
}

/** The ACL of a term as written: `{ … }` or its name (negation aside). */
function writtenAcl(term: ConditionTerm): string {
  return term.kind === 'anonymous'
    ? `{ ${term.words.map((word) => word.value).join(' ')} }`
    : term.name;
}

/**
 * How an operand is written, for messages: made only for a verdict's reason (a condition with no
 * verdict, the usual case, never needs it).
 */
function termText(term: ConditionTerm): string {
  return (term.negated ? '!' : '') + writtenAcl(term);
}

/** How the ACL of a term is named in a reason: `'{ … }'` or `ACL 'name'` (negation aside). */
function aclText(term: ConditionTerm): string {
  return term.kind === 'anonymous' ? `'${writtenAcl(term)}'` : `ACL '${term.name}'`;
}

/** Whether a word of an ACL line names a {@link VOLATILE} fetch. */
export function volatileLine(line: Statement): boolean {
  return someWord(line, (word) => VOLATILE.test(word.value));
}

/**
 * Where a named ACL of a condition is defined: its `acl` lines, `'predefined'` for HAProxy's own
 * (not redefined in the proxy), or undefined when unknown.
 */
export type AclResolver = (
  term: Extract<ConditionTerm, { kind: 'acl' }>,
) => readonly Statement[] | 'predefined' | undefined;

/** A resolver built on the reference table: what `haproxy -c` links a condition's name to. */
export function tableResolver(table: HaproxyReferences): AclResolver {
  const predefined = new Set(
    HAPROXY_CATALOG.predefinedAcls
      .filter((acl) => acl.since === undefined || compareVersions(table.version, acl.since) >= 0)
      .map((acl) => acl.name),
  );
  return (term) => {
    const site = table.sitesIn(term.word).find((s) => s.kind === 'acl' && !s.definition);
    if (!site || site.dynamic) return undefined;
    const definitions = table.resolve(site);
    if (definitions.length > 0) {
      const lines = definitions.flatMap((definition) => definition.statement ?? []);
      return lines.length === definitions.length ? lines : undefined;
    }
    return predefined.has(term.name) ? 'predefined' : undefined;
  };
}

/** Readings per `acl` line and per anonymous ACL: several rules judge the same ones. */
const readings = new WeakMap<object, AclReading | null>();

/**
 * {@link readAcl} of `words`, read once per node: an `acl` line is read by every condition naming
 * it, and an edit keeps the lines it does not touch (and so their readings).
 */
function readingOf(node: object, words: () => readonly Word[]): AclReading | undefined {
  let reading = readings.get(node);
  if (reading === undefined) {
    reading = readAcl(words()) ?? null;
    readings.set(node, reading);
  }
  return reading ?? undefined;
}

function operandOf(term: ConditionTerm, resolve: AclResolver): Operand {
  const negated = term.negated;
  const flip = (verdict: Verdict | undefined): Verdict | undefined => {
    if (!verdict || !negated) return verdict;
    // A missing sample leaves a negated ACL undecided (HAProxy's "miss"), so only constants flip.
    if (verdict.kind === 'no-pattern') return undefined;
    return { ...verdict, value: !verdict.value };
  };
  if (term.kind === 'anonymous') {
    const reading = term.close === undefined ? undefined : readingOf(term, () => term.words);
    return {
      term,
      negated,
      identity:
        reading && !reading.volatile
          ? `{${JSON.stringify(reading.words.map((w) => w.value))}`
          : undefined,
      lines: reading ? [reading] : undefined,
      constant: flip(reading ? lineVerdict([reading], term) : undefined),
    };
  }
  // A named ACL's identity is its name: an anonymous one's starts with `{`, which no name does.
  const found = resolve(term);
  if (found === 'predefined') {
    const value = term.name === 'TRUE' ? true : term.name === 'FALSE' ? false : undefined;
    return {
      term,
      negated,
      identity: term.name,
      lines: undefined,
      constant: flip(
        value === undefined
          ? undefined
          : {
              value,
              kind: 'idiom',
              reason: `'${term.name}' is HAProxy's constant ${String(value)}`,
            },
      ),
    };
  }
  if (found === undefined) {
    return { term, negated, identity: undefined, lines: undefined, constant: undefined };
  }
  const read = found.map((line) => readingOf(line, () => line.args.slice(1)));
  const lines = read.every((reading) => reading !== undefined) ? read : undefined;
  return {
    term,
    negated,
    identity: found.some(volatileLine) ? undefined : term.name,
    lines,
    constant: flip(lines ? lineVerdict(lines, term) : undefined),
  };
}

/** The constant value of the ACL of `term`, made of `lines` (ORed), if it has one. */
function lineVerdict(lines: readonly AclReading[], term: ConditionTerm): Verdict | undefined {
  if (lines.some((line) => !line.volatile && alwaysMatches(line))) {
    return {
      value: true,
      kind: 'constant',
      reason: `${aclText(term)} always matches (always_true)`,
    };
  }
  if (lines.length === 0) return undefined;
  let constant = true;
  for (const line of lines) {
    const reason = neverMatches(line);
    if (reason === undefined) return undefined;
    if (reason !== 'constant') constant = false;
  }
  return constant
    ? { value: false, kind: 'constant', reason: `${aclText(term)} never matches (always_false)` }
    : {
        value: false,
        kind: 'no-pattern',
        reason: `${aclText(term)} has no pattern and never matches`,
      };
}

/** Fetches that give at most one value per request, so two patterns on them compete. */
const SINGLE_VALUED: ReadonlySet<string> = new Set(['path', 'pathq', 'url', 'base', 'query']);

/** Methods whose meaning this module compares (others only when written identically). */
const STRING_METHODS: ReadonlySet<string> = new Set([
  'str',
  'beg',
  'end',
  'sub',
  'reg',
  'dir',
  'dom',
]);

/** Whether one value could match pattern `a` by method `ma` and pattern `b` by method `mb`. */
function overlap(ma: string, a: string, mb: string, b: string): boolean {
  if (ma === 'beg' && mb === 'beg') return a.startsWith(b) || b.startsWith(a);
  if (ma === 'end' && mb === 'end') return a.endsWith(b) || b.endsWith(a);
  if (ma === 'str' && mb === 'str') return a === b;
  if (ma === 'str' && mb === 'beg') return a.startsWith(b);
  if (ma === 'beg' && mb === 'str') return b.startsWith(a);
  if (ma === 'str' && mb === 'end') return a.endsWith(b);
  if (ma === 'end' && mb === 'str') return b.endsWith(a);
  return true;
}

/** At most this many pattern pairs are compared for one pair of ACL lines. */
const MAX_PAIRS = 10_000;

/** True when no value of their common single-valued sample can match both lines. */
function disjointLines(a: AclReading, b: AclReading): boolean {
  if (a.sample !== b.sample || !SINGLE_VALUED.has(a.fetch) || a.volatile) return false;
  const ma = a.method;
  const mb = b.method;
  if (ma === undefined || mb === undefined || a.files || b.files) return false;
  if (!['str', 'beg', 'end'].includes(ma) || !['str', 'beg', 'end'].includes(mb)) return false;
  if (a.patterns.length * b.patterns.length > MAX_PAIRS) return false;
  // With -i on either side, comparing folded patterns can only find more overlaps.
  const fold = a.caseFold || b.caseFold;
  const norm = (text: string): string => (fold ? text.toLowerCase() : text);
  const pa = a.patterns.map(norm);
  const pb = b.patterns.map(norm);
  return pa.every((x) => pb.every((y) => !overlap(ma, x, mb, y)));
}

function disjoint(a: Operand, b: Operand): boolean {
  if (a.negated || b.negated || !a.lines || !b.lines) return false;
  if (a.lines.length === 0 || b.lines.length === 0) return false;
  const bLines = b.lines;
  return a.lines.every((x) => bLines.every((y) => disjointLines(x, y)));
}

/** The verdict on one AND group, if certain. */
function groupVerdict(operands: readonly Operand[]): Verdict | undefined {
  for (let i = 0; i < operands.length; i++) {
    const a = operands[i] as Operand;
    for (let j = i + 1; j < operands.length; j++) {
      const b = operands[j] as Operand;
      if (a.identity !== undefined && a.identity === b.identity && a.negated !== b.negated) {
        return {
          value: false,
          kind: 'contradiction',
          reason: `'${termText(a.term)}' and '${termText(b.term)}' cannot both hold`,
        };
      }
      if (disjoint(a, b)) {
        return {
          value: false,
          kind: 'disjoint',
          reason: `'${termText(a.term)}' and '${termText(b.term)}' never match the same ${a.lines?.[0]?.sample ?? 'sample'}`,
        };
      }
    }
  }
  const falsy = operands.find((operand) => operand.constant?.value === false);
  if (falsy?.constant) return falsy.constant;
  if (operands.length > 0 && operands.every((operand) => operand.constant?.value === true)) {
    return (
      operands.find((operand) => operand.constant?.kind !== 'idiom')?.constant ??
      operands[0]?.constant
    );
  }
  return undefined;
}

/**
 * At most this many groups or operands per group are judged: the pairwise checks are quadratic,
 * and no hand-written condition comes near it.
 */
const MAX_OPERANDS = 64;

/**
 * What a condition certainly evaluates to, or undefined. `tcp` marks conditions of `tcp-request` /
 * `tcp-response` rules, where a sample still missing leaves both an ACL and its negation
 * undecided, so `X or !X` is not a tautology there.
 */
export function judgeCondition(
  condition: Condition,
  resolve: AclResolver,
  tcp = false,
): Verdict | undefined {
  if (condition.groups.length === 0 || condition.groups.length > MAX_OPERANDS) return undefined;
  if (condition.words.some((word) => word.template)) return undefined;
  const groups = condition.groups.map((group) =>
    group.terms.length > MAX_OPERANDS
      ? undefined
      : group.terms.map((term) => operandOf(term, resolve)),
  );
  const verdicts = groups.map((operands) => (operands ? groupVerdict(operands) : undefined));
  const truthy = verdicts.find((verdict) => verdict?.value === true);
  if (truthy) return truthy;
  if (!tcp) {
    const singles = groups.flatMap((operands) => (operands?.length === 1 ? operands : []));
    for (let i = 0; i < singles.length; i++) {
      const a = singles[i] as Operand;
      const b = singles
        .slice(i + 1)
        .find(
          (o) => o.identity !== undefined && o.identity === a.identity && o.negated !== a.negated,
        );
      if (b) {
        return {
          value: true,
          kind: 'tautology',
          reason: `'${termText(a.term)}' or '${termText(b.term)}' always holds`,
        };
      }
    }
  }
  if (verdicts.every((verdict) => verdict?.value === false)) {
    const structural = verdicts.find((v) => v?.kind === 'contradiction' || v?.kind === 'disjoint');
    return structural ?? verdicts[0];
  }
  return undefined;
}

/** `tcp-request` / `tcp-response` rules, whose samples may still be missing when they run. */
export function isTcpRule(statement: Statement): boolean {
  return statement.keyword.value === 'tcp-request' || statement.keyword.value === 'tcp-response';
}

/** The longest pattern looked up by prefix or suffix, to bound the work per pattern. */
const MAX_COVER_LENGTH = 256;

/**
 * Earlier ACLs that pre-empt later ones: each pattern of an earlier single-ACL condition is
 * recorded with its owner, and a later ACL is covered when every value it matches also matches a
 * recorded pattern on the same sample (`path_beg /api` covers `path_beg /api/v1` and `path
 * /api/x`). Lookups cost the length of the pattern, not the number of earlier rules.
 */
export class CoverIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly prefixes = new Map<string, T>();
  private readonly suffixes = new Map<string, T>();

  /** Records the patterns of `reading` as matched by `owner` (the first owner of a key wins). */
  add(reading: AclReading, owner: T): void {
    const method = reading.method;
    if (reading.volatile || reading.files || method === undefined || !STRING_METHODS.has(method)) {
      return;
    }
    const fold = reading.caseFold;
    for (const raw of reading.patterns) {
      const pattern = fold ? raw.toLowerCase() : raw;
      const base = `${reading.sample}\u0000${String(fold)}\u0000`;
      setOnce(this.exact, `${base}${method}\u0000${pattern}`, owner);
      if (pattern.length > MAX_COVER_LENGTH) continue;
      if (method === 'beg') setOnce(this.prefixes, base + pattern, owner);
      if (method === 'end') setOnce(this.suffixes, base + pattern, owner);
    }
  }

  /** Owners covering every pattern of `reading`, or undefined when one pattern is not covered. */
  covering(reading: AclReading): T[] | undefined {
    const method = reading.method;
    if (reading.volatile || reading.files || method === undefined || !STRING_METHODS.has(method)) {
      return undefined;
    }
    if (reading.patterns.length === 0) return undefined;
    const owners: T[] = [];
    for (const pattern of reading.patterns) {
      const owner =
        (reading.caseFold ? undefined : this.coverOf(reading.sample, false, method, pattern)) ??
        this.coverOf(reading.sample, true, method, pattern.toLowerCase());
      if (owner === undefined) return undefined;
      owners.push(owner);
    }
    return owners;
  }

  private coverOf(sample: string, fold: boolean, method: string, pattern: string): T | undefined {
    const base = `${sample}\u0000${String(fold)}\u0000`;
    const same = this.exact.get(`${base}${method}\u0000${pattern}`);
    if (same !== undefined) return same;
    if (pattern.length > MAX_COVER_LENGTH) return undefined;
    if (method === 'str' || method === 'beg') {
      for (let length = 0; length < pattern.length; length++) {
        const owner = this.prefixes.get(base + pattern.slice(0, length));
        if (owner !== undefined) return owner;
      }
    }
    if (method === 'str' || method === 'end') {
      for (let from = 1; from <= pattern.length; from++) {
        const owner = this.suffixes.get(base + pattern.slice(from));
        if (owner !== undefined) return owner;
      }
    }
    if (method === 'str') {
      const owner = this.prefixes.get(base + pattern) ?? this.suffixes.get(base + pattern);
      if (owner !== undefined) return owner;
    }
    return undefined;
  }
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/** The ACL lines of a condition operand that always matches alone (no `!`), for {@link CoverIndex}. */
export function positiveLines(
  term: ConditionTerm,
  resolve: AclResolver,
): readonly AclReading[] | undefined {
  if (term.negated) return undefined;
  const operand = operandOf(term, resolve);
  return operand.identity === undefined ? undefined : operand.lines;
}

/** A rule line with a condition, and what the condition certainly evaluates to. */
export interface JudgedCondition {
  readonly statement: Statement;
  readonly condition: Condition;
  readonly verdict: Verdict;
}

/**
 * The conditions of the live proxy lines whose value is certain, each with its verdict (computed
 * once per tree and version, for the two condition rules).
 */
export function judgedConditions(table: HaproxyReferences): readonly JudgedCondition[] {
  const cached = judgedCache.get(table);
  if (cached) return cached;
  const resolve = tableResolver(table);
  const judged: JudgedCondition[] = [];
  for (const proxy of table.symbols.proxies) {
    for (const statement of proxy.body) {
      const condition = statement.condition;
      if (!condition) continue;
      const verdict = judgeCondition(condition, resolve, isTcpRule(statement));
      if (verdict) judged.push({ statement, condition, verdict });
    }
  }
  judgedCache.set(table, judged);
  return judged;
}

const judgedCache = new WeakMap<HaproxyReferences, readonly JudgedCondition[]>();

const verdictCache = new WeakMap<HaproxyReferences, ReadonlyMap<Condition, Verdict>>();

/**
 * What the condition of a live proxy line certainly evaluates to ({@link judgedConditions}), for
 * a rule that asks line by line; undefined when uncertain.
 */
export function judgedVerdict(table: HaproxyReferences, condition: Condition): Verdict | undefined {
  let verdicts = verdictCache.get(table);
  if (verdicts === undefined) {
    verdicts = new Map(judgedConditions(table).map((judged) => [judged.condition, judged.verdict]));
    verdictCache.set(table, verdicts);
  }
  return verdicts.get(condition);
}
