/**
 * Facts about HAProxy sample fetches and converters: names, argument signatures and counts,
 * types, sections and the versions that list them. They come from the keyword lists of
 * `../shared/data`, the headings of chapter 7.3 of the manuals and `haproxy -dKall` of 2.6.12;
 * no manual prose is kept.
 */
import type { SharedPaths } from './common.js';
import { byCodePoint, readJson, readText } from './common.js';

/** A fetch or converter, as the facts give it. */
export interface SampleFact {
  readonly name: string;
  readonly kind: 'fetch' | 'converter';
  /** First version that lists it; `2.0` for the oldest. */
  readonly since?: string | null;
  /** First version that no longer lists it. */
  readonly removed?: string | null;
  /** Manual section (`7.3.1` for converters). */
  readonly section: string;
  /** Argument signature as the heading writes it, e.g. `([<name>[,<occ>]])`. */
  readonly signature: string;
  readonly minArgs: number;
  /** 64 stands for "any number". */
  readonly maxArgs: number;
  /** Manual whose section numbers the link uses. */
  readonly anchorVersion?: string;
  /** Fetches: the manual's layer. */
  readonly layer?: string;
  /** Converters: the type they accept. */
  readonly input?: string;
  readonly output: string;
  /** Registered by HAProxy but not described in the manual. */
  readonly undocumented?: boolean;
  /** The heading the link points at, when it is not the sample's own name. */
  readonly anchor?: string;
  /** The `map_*` converters: the link points at `map`. */
  readonly mapAnchor?: boolean;
}

/** Keyword lists read, as (series, data tag): Debian's 2.6.12 adds to 2.6.0. */
const VERSIONS: readonly (readonly [string, string])[] = [
  ['2.0', 'v2.0.0'],
  ['2.2', 'v2.2.0'],
  ['2.4', 'v2.4.0'],
  ['2.6', 'v2.6.0'],
  ['2.6', 'deb-2.6.12'],
  ['2.8', 'v2.8.0'],
  ['3.0', 'v3.0.0'],
  ['3.2', 'v3.2.0'],
  ['3.4', 'v3.4.0'],
];
/** Distinct series, oldest first. */
const SERIES = [...new Set(VERSIONS.map(([series]) => series))];
/** Manuals whose headings are read, newest first: the newest heading wins. */
const MANUALS = ['3.4', '3.2', '2.6'];

/** The parts of a `haproxy-*-keywords.json` file the sample generators read. */
export interface SampleKeywordData {
  /** Section heading (`7.3.2 Fetching samples from internal states`) → fetch names. */
  readonly fetches: Readonly<Record<string, readonly string[]>>;
  readonly converters: readonly string[];
}

/** The keyword lists of one data tag (`v3.2.0`, `deb-2.6.12`, …). */
export function sampleKeywordData(shared: SharedPaths, tag: string): SampleKeywordData {
  return readJson<SampleKeywordData>(shared.data(`haproxy-${tag}-keywords.json`));
}

const TYPES = new Map([
  ['integer', 'integer'],
  ['signed integer', 'integer'],
  ['string', 'string'],
  ['str', 'string'],
  ['boolean', 'boolean'],
  ['bool', 'boolean'],
  ['binary', 'binary'],
  ['bin', 'binary'],
  ['ip', 'ip'],
  ['ipv4', 'ipv4'],
  ['ipv6', 'ipv6'],
  ['method', 'method'],
  ['address', 'address'],
  ['any', 'any'],
]);

function normType(type: string): string {
  return TYPES.get(type.trim().toLowerCase()) ?? 'any';
}

/** A numbered section title. */
const SECTION = /^(\d+(?:\.\d+)*)\. [A-Z]/;
/** `name(<args>) : type` headings of fetches; `name(<args>)` of converters. */
const HEADING = /^([a-z0-9][a-z0-9_.-]*)(\(.*?\))?\s*(?::\s*(.+?))?\s*$/;
/** Rows of the summary tables: `name(args)  input  output` or `name  args  type`. */
const TABLE_ROW = /^([a-z0-9][a-z0-9_.-]*(?:\([^ ]*\))?)\s{2,}(\S.*?)\s{2,}(\S.*?)\s*$/;

interface Heading {
  readonly sig: string;
  readonly type: string | undefined;
}

/** What the headings and tables of chapter 7.3 say, newest manual first. */
function manualFacts(shared: SharedPaths): {
  headings: Map<string, Heading>;
  converterTypes: Map<string, readonly [string, string]>;
  fetchTypes: Map<string, string>;
} {
  const headings = new Map<string, Heading>();
  const converterTypes = new Map<string, readonly [string, string]>();
  const fetchTypes = new Map<string, string>();
  for (const manual of MANUALS) {
    let section: string | undefined;
    for (const line of readText(shared.manual(manual)).split('\n')) {
      const title = SECTION.exec(line);
      if (title) {
        section = title[1];
        continue;
      }
      if (section === undefined || !section.startsWith('7.3.')) continue;
      if (line === '' || line.startsWith(' ') || line.startsWith('--')) continue;
      const converters = section === '7.3.1';
      const row = TABLE_ROW.exec(line);
      if (row) {
        const name = (row[1] ?? '').replace(/\(.*/, '');
        if (converters) {
          if (!converterTypes.has(name)) converterTypes.set(name, [row[2] ?? '', row[3] ?? '']);
          continue;
        }
        // `name(args) : type` lines are headings even when their spacing looks like a table.
        if (!/\) :|^\S+ :/.test(line)) {
          if (!fetchTypes.has(name)) fetchTypes.set(name, row[3] || (row[2] ?? ''));
          continue;
        }
      }
      const heading = HEADING.exec(line);
      if (!heading) continue;
      const name = heading[1] ?? '';
      const type = heading[3];
      // Fetch headings carry a type, converter headings none.
      if (converters === (type !== undefined)) continue;
      const key = `${converters ? 'converter' : 'fetch'}\t${name}`;
      // `: string (deprecated)`: the deprecation itself is curated (DEPRECATED_ALIASES).
      const cleanType = type?.replaceAll('(deprecated)', '').trim();
      if (!headings.has(key)) headings.set(key, { sig: heading[2] ?? '', type: cleanType });
    }
  }
  return { headings, converterTypes, fetchTypes };
}

/** (min, max) argument counts of a signature such as `([<name>[,<occ>]])`; 64 is "any". */
export function argCounts(signature: string): readonly [number, number] {
  if (signature === '') return [0, 0];
  const inner = signature.slice(1, -1);
  if (inner.trim() === '') return [0, 0];
  const required: boolean[] = [];
  let depth = 0;
  let isRequired = false;
  let hasContent = false;
  // `...` (or `*`) is the variadic marker, not an argument.
  const variadic = inner.includes('...') || inner.includes('*');
  for (const ch of inner) {
    if (ch === '[') depth += 1;
    else if (ch === ']') depth -= 1;
    else if (ch === ',') {
      if (hasContent) required.push(isRequired);
      isRequired = false;
      hasContent = false;
    } else if (ch !== ' ') {
      hasContent = true;
      if (depth <= 0) isRequired = true;
    }
  }
  if (hasContent) required.push(isRequired);
  return [required.filter(Boolean).length, variadic ? 64 : required.length];
}

/** (kind, name) → argument counts from the argument masks of `haproxy -dKall` (2.6.12). */
function dumpArgCounts(shared: SharedPaths): Map<string, readonly [number, number]> {
  const counts = new Map<string, readonly [number, number]>();
  let list = '';
  for (const line of readText(shared.data('haproxy-2.6.12-dKall.txt')).split('\n')) {
    if (line.startsWith('# List of registered')) list = line;
    if (line.startsWith('#') || line.trim() === '') continue;
    let match: RegExpExecArray | null;
    let kind: string;
    if (list.includes('converter')) {
      match = /^([^\s(:]+)(?:\((.*?)\))?:/.exec(line);
      kind = 'converter';
    } else if (list.includes('fetch')) {
      match = /^\[[^\]]*\] ([^\s(:]+)(?:\((.*?)\))?:/.exec(line);
      kind = 'fetch';
    } else {
      continue;
    }
    if (match) {
      counts.set(`${kind}\t${match[1] ?? ''}`, match[2] ? argCounts(`(${match[2]})`) : [0, 0]);
    }
  }
  return counts;
}

const LAYERS = new Map([
  ['7.3.2', 'internal'],
  ['7.3.3', 'l4'],
  ['7.3.4', 'l5'],
  ['7.3.5', 'l6'],
  ['7.3.6', 'l7'],
  ['7.3.7', 'dev'],
]);

/** Every fetch, then every converter, each sorted by name. */
export function sampleFacts(shared: SharedPaths): SampleFact[] {
  const data = new Map(VERSIONS.map(([, tag]) => [tag, sampleKeywordData(shared, tag)]));
  const { headings, converterTypes, fetchTypes } = manualFacts(shared);
  const dump = dumpArgCounts(shared);
  const facts: SampleFact[] = [];
  for (const kind of ['fetch', 'converter'] as const) {
    // name → series → section; Debian's 2.6.12 overrides 2.6.0's section.
    const names = new Map<string, Map<string, string>>();
    const note = (name: string, series: string, section: string): void => {
      const bySeries = names.get(name) ?? new Map<string, string>();
      bySeries.set(series, section);
      names.set(name, bySeries);
    };
    for (const [series, tag] of VERSIONS) {
      const d = data.get(tag);
      if (d === undefined) continue;
      if (kind === 'fetch') {
        // A name under several headings: the last heading wins.
        const sections = new Map<string, string>();
        for (const [heading, list] of Object.entries(d.fetches)) {
          for (const name of list) sections.set(name, heading.split(' ')[0] ?? '');
        }
        for (const [name, section] of sections) note(name, series, section);
      } else {
        for (const name of d.converters) note(name, series, '7.3.1');
      }
    }
    for (const name of [...names.keys()].sort(byCodePoint)) {
      const bySeries = names.get(name) ?? new Map<string, string>();
      const present = SERIES.filter((s) => bySeries.has(s));
      const since = present[0] ?? '2.0';
      const last = present[present.length - 1] ?? since;
      const removed = last === SERIES[SERIES.length - 1] ? null : SERIES[SERIES.indexOf(last) + 1];
      const section = bySeries.get('3.2') || bySeries.get('3.4') || bySeries.get(last) || '';
      const heading = headings.get(`${kind}\t${name}`);
      let signature = heading?.sig ?? '';
      let [minArgs, maxArgs] = argCounts(signature);
      const dumped = dump.get(`${kind}\t${name}`);
      if (dumped && (dumped[0] < minArgs || (dumped[1] > maxArgs && maxArgs < 64))) {
        // The 2.6.12 binary is more permissive than the manual heading: follow the binary.
        minArgs = Math.min(minArgs, dumped[0]);
        maxArgs = Math.max(maxArgs, dumped[1]);
        if (signature === '') signature = name.startsWith('fc_') ? '([<unit>])' : '([<arg>])';
      }
      const anchorVersion = bySeries.has('3.2') ? '3.2' : bySeries.has('3.4') ? '3.4' : '2.6';
      const common = {
        name,
        kind,
        since,
        removed,
        section,
        signature,
        minArgs,
        maxArgs,
        anchorVersion,
      };
      if (kind === 'fetch') {
        facts.push({
          ...common,
          layer: LAYERS.get(section) ?? 'internal',
          output: normType(heading?.type || fetchTypes.get(name) || 'any'),
        });
      } else {
        const [input, output] = converterTypes.get(name) ?? ['any', 'any'];
        facts.push({ ...common, input: normType(input), output: normType(output) });
      }
    }
  }
  return facts;
}
