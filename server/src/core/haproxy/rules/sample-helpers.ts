/**
 * Where sample expressions appear on HAProxy lines (the criterion of `acl` lines and of anonymous
 * ACLs in conditions) and how to split one into its fetch and converters.
 */
import { lazy } from '../../common/lazy.js';
import { HAPROXY_CATALOG, isAvailable, lifecycleAt } from '../catalog/index.js';
import type { ArgSpec, SampleSpec } from '../catalog/types.js';
import type { ResolvedSection, ResolvedStatement } from '../analysis/resolve.js';
import type { Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/** One name inside a sample expression: its text and offsets in the document. */
export interface SamplePart {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /**
   * The text between the parentheses after the name and the document offset where it starts;
   * undefined when the name has no parentheses or they are not closed at the end of the part.
   */
  readonly args?: { readonly text: string; readonly start: number } | undefined;
}

/** A fetch followed by its converters, from one word. */
interface SampleExpression {
  readonly word: Word;
  readonly fetch: SamplePart;
  readonly converters: readonly SamplePart[];
}

/** Fetches and converters by name, built on the first lookup rather than at start-up. */
const FETCHES = lazy(() => new Map(HAPROXY_CATALOG.fetches.map((f) => [f.name, f])));
const CONVERTERS = lazy(() => new Map(HAPROXY_CATALOG.converters.map((c) => [c.name, c])));

/** The suffixes HAProxy's ACL keywords add to a fetch name to pick a matching method. */
const ACL_SUFFIXES = ['_beg', '_dir', '_dom', '_end', '_len', '_reg', '_sub'];

/** ACL keywords whose fetch has another name. */
const ACL_ONLY = new Set(['req_rdp_cookie', 'req_rdp_cookie_cnt']);

/**
 * Fetches and converters registered by optional build features or by Lua scripts: whether they
 * exist depends on the binary and the loaded scripts, so they are never called unknown.
 */
export function buildDependent(name: string): boolean {
  return /^(lua\.|51d\.|wurfl-|da-)/.test(name);
}

/** The fetch spec a name designates, ACL aliases (`path_beg`, `hdr_sub`) included. */
export function fetchSpec(name: string): SampleSpec | undefined {
  const direct = FETCHES().get(name);
  if (direct) return direct;
  for (const suffix of ACL_SUFFIXES) {
    if (name.endsWith(suffix)) {
      const base = FETCHES().get(name.slice(0, -suffix.length));
      if (base) return base;
    }
  }
  return undefined;
}

/**
 * The fetch and matching method an ACL keyword stands for: `path_beg` is `path` matched with
 * `beg`, `hdr_len` is `hdr` matched with `len`; a plain fetch name has no method of its own.
 */
export function aclKeyword(name: string): { fetch: string; method: string | undefined } {
  const fetches = FETCHES();
  if (fetches.has(name)) return { fetch: name, method: undefined };
  for (const suffix of ACL_SUFFIXES) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && fetches.has(base)) return { fetch: base, method: suffix.slice(1) };
  }
  return { fetch: name, method: undefined };
}

/** True for ACL-only keyword names that are valid criteria without a fetch of the same name. */
export function aclOnly(name: string): boolean {
  return ACL_ONLY.has(name);
}

/** The converter spec of a name. */
export function converterSpec(name: string): SampleSpec | undefined {
  return CONVERTERS().get(name);
}

/** Fetches that HAProxy registers ACL keywords for, one per matching suffix (`path_beg`, …). */
const ACL_STEMS = ['base', 'cook', 'hdr', 'path', 'scook', 'shdr', 'url', 'urlp'];
const ACL_ALIASES = ACL_STEMS.flatMap((stem) => ACL_SUFFIXES.map((suffix) => stem + suffix));

/** Fetch (ACL keywords included) or converter names available at `version`, for did-you-mean. */
export function sampleNames(kind: 'fetch' | 'converter', version: string): string[] {
  const list = kind === 'fetch' ? HAPROXY_CATALOG.fetches : HAPROXY_CATALOG.converters;
  const names = list.filter((s) => isAvailable(s, version)).map((s) => s.name);
  return kind === 'fetch' ? [...names, ...ACL_ALIASES] : names;
}

/** True when the spec only exists in versions newer than `version`. */
export function tooNew(spec: SampleSpec, version: string): boolean {
  return lifecycleAt(spec, version) === 'not-yet';
}

/** The name before `(`, with its offsets, starting at `from` in the word's raw text. */
function part(word: Word, text: string, from: number): SamplePart {
  const paren = text.indexOf('(');
  const name = paren < 0 ? text : text.slice(0, paren);
  const start = word.start + from;
  const args =
    paren >= 0 && text.endsWith(')')
      ? { text: text.slice(paren + 1, -1), start: start + paren + 1 }
      : undefined;
  return { name, start, end: start + name.length, args };
}

/**
 * Splits `fetch(args),conv1(args),conv2` at the commas outside parentheses. `text` is a slice of
 * the word's raw text starting at `offset`; callers only pass text without quotes or escapes, so
 * raw offsets are document offsets.
 */
function splitSample(word: Word, text: string, offset: number): SampleExpression | undefined {
  const pieces: { text: string; at: number }[] = [];
  let depth = 0;
  let at = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' && depth === 0) || i === text.length) {
      pieces.push({ text: text.slice(at, i), at: offset + at });
      at = i + 1;
    }
  }
  const [first, ...rest] = pieces;
  if (!first || !/^[a-z0-9_.-]+/i.test(first.text)) return undefined;
  return {
    word,
    fetch: part(word, first.text, first.at),
    converters: rest.filter((p) => p.text !== '').map((p) => part(word, p.text, p.at)),
  };
}

/** A whole word read as a sample expression (`req.hdr(host),lower`). */
export function parseSample(word: Word): SampleExpression | undefined {
  if (opaque(word) || word.quoting !== 'none' || /[\\"']/.test(word.raw)) return undefined;
  return splitSample(word, word.raw, 0);
}

/**
 * The offset of the `]` that closes the `%[` at `open` in `raw`: the first one outside
 * parentheses, as HAProxy reads it, or -1 when the span is never closed.
 */
export function formatClose(raw: string, open: number): number {
  let depth = 0;
  for (let i = open + 2; i < raw.length; i++) {
    const c = raw[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ']' && depth === 0) return i;
  }
  return -1;
}

/** The `%[expr]` spans of a log-format word, read as sample expressions. */
function* formatSamples(word: Word): Generator<SampleExpression> {
  if (opaque(word) || word.raw.includes('\\')) return;
  const raw = word.raw;
  for (let open = raw.indexOf('%['); open >= 0; open = raw.indexOf('%[', open + 2)) {
    const close = formatClose(raw, open);
    if (close < 0) return;
    const inner = raw.slice(open + 2, close);
    if (!/["']/.test(inner)) {
      const sample = splitSample(word, inner, open + 2);
      if (sample) yield sample;
    }
  }
}

/**
 * What to do with each word of a statement that holds sample expressions; see
 * {@link visitSampleWords}.
 */
export interface SampleWordVisitor {
  /** A whole word read as one sample expression: an ACL criterion or a `sample` argument. */
  readonly whole: (word: Word) => void;
  /** A `log-format` or `string` argument, whose `%[…]` spans are sample expressions. */
  readonly format: (word: Word) => void;
}

/**
 * The arguments of a keyword or action (`words` from index `from`) that hold sample expressions.
 * Positions are only trusted while every earlier argument is a required single word.
 */
function visitArguments(
  specs: readonly ArgSpec[],
  words: readonly Word[],
  from: number,
  visitor: SampleWordVisitor,
): void {
  // Callbacks rather than a generator: this runs for every live statement, and generators over
  // array slices allocated an iterator result per word.
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (!spec) break;
    const first = from + i;
    const last = spec.variadic === true ? words.length : Math.min(first + 1, words.length);
    for (let at = first; at < last; at++) {
      const word = words[at] as Word;
      if (spec.type === 'sample') visitor.whole(word);
      else if (spec.type === 'log-format' || spec.type === 'string') visitor.format(word);
    }
    if (spec.optional === true || spec.variadic === true) break;
  }
}

/**
 * Visits, in order, every word of one statement where HAProxy reads sample expressions: the
 * criterion of an `acl` line, `sample`, `log-format` and `string` arguments of keywords and
 * actions, and the criterion of each anonymous ACL (`{ … }`) in its condition. The one walk both
 * the rules that read samples and `invalid-sample-expression` follow, so they agree on where
 * samples are.
 */
export function visitSampleWords(entry: ResolvedStatement, visitor: SampleWordVisitor): void {
  const spec = entry.match?.spec;
  if (spec && entry.placement !== 'unknown' && !entry.match?.negated) {
    if (spec.name === 'acl') {
      const criterion = entry.args[1];
      if (criterion) visitor.whole(criterion);
    } else if (entry.action) {
      if (entry.action.spec) visitArguments(entry.action.spec.args, entry.args, 1, visitor);
    } else if (spec.ruleset === undefined && !spec.nameArgs) {
      visitArguments(spec.args, entry.args, 0, visitor);
    }
  }
  const groups = entry.statement.condition?.groups;
  if (groups === undefined) return;
  for (const group of groups) {
    for (const term of group.terms) {
      if (term.kind !== 'anonymous') continue;
      const criterion = term.words[0];
      if (criterion) visitor.whole(criterion);
    }
  }
}

/** A sample expression with the section it appears in. */
interface SectionSample {
  readonly section: ResolvedSection;
  readonly sample: SampleExpression;
}

/** Samples per syntax tree and version: several rules read them (see {@link sectionSamples}). */
const sampleCache = new WeakMap<object, Map<string, readonly SectionSample[]>>();

/**
 * Every sample expression of live lines: ACL criteria (`acl` lines and `{ … }` in conditions),
 * sample arguments of keywords and actions, and `%[…]` in their format strings.
 */
export function lineSamples(context: HaproxyRuleContext): SampleExpression[] {
  return sectionSamples(context).map(({ sample }) => sample);
}

/** {@link lineSamples} with the section each expression appears in, built once per tree. */
export function sectionSamples(context: HaproxyRuleContext): readonly SectionSample[] {
  const config = context.document.parse.ast;
  const version = context.settings.version;
  let byVersion = sampleCache.get(config);
  if (!byVersion) {
    byVersion = new Map();
    sampleCache.set(config, byVersion);
  }
  const cached = byVersion.get(version);
  if (cached) return cached;
  const samples: SectionSample[] = [];
  const found: SampleExpression[] = [];
  const visitor: SampleWordVisitor = {
    whole(word) {
      const sample = parseSample(word);
      if (sample) found.push(sample);
    },
    format(word) {
      for (const sample of formatSamples(word)) found.push(sample);
    },
  };
  for (const entry of liveStatements(context)) {
    const section = entry.owner;
    found.length = 0;
    visitSampleWords(entry, visitor);
    for (const sample of found) samples.push({ section, sample });
  }
  byVersion.set(version, samples);
  return samples;
}
