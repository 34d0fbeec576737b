/**
 * Builds `catalog/samples.ts`: every sample fetch and converter, from the facts of
 * `haproxy-sample-facts.ts`, the additions and corrections of `haproxy-sample-curation.ts` and
 * the one-line summaries of `data/haproxy-sample-summaries.txt` (our words).
 */
import { join } from 'node:path';
import { compareVersions } from '../../server/src/core/common/catalog.js';
import type { GeneratedFile, SharedPaths } from './common.js';
import {
  HAPROXY_CATALOG_DIR,
  byCodePoint,
  dataDir,
  generatedHeader,
  readText,
  tsString,
} from './common.js';
import {
  DEPRECATED_ALIASES,
  EXTRA_SAMPLES,
  MANUAL_TAGS,
  SAMPLE_OVERRIDES,
  familySummary,
} from './haproxy-sample-curation.js';
import type { SampleFact } from './haproxy-sample-facts.js';
import { sampleFacts, sampleKeywordData } from './haproxy-sample-facts.js';

/** Our one-line summaries: `name | summary`, `name@c | summary` for a converter. */
export const SAMPLE_SUMMARIES_FILE = join(dataDir, 'haproxy-sample-summaries.txt');

const SCRIPT = 'scripts/generate/haproxy-samples.ts';

/** `kind\tname` → summary. */
function readSummaries(path: string): Map<string, string> {
  const summaries = new Map<string, string>();
  readText(path)
    .split('\n')
    .forEach((line, index) => {
      if (line === '' || line.startsWith('#')) return;
      const bar = line.indexOf(' | ');
      if (bar < 0) throw new Error(`${path}:${index + 1}: no ' | ' separator`);
      const key = line.slice(0, bar);
      const text = line.slice(bar + 3);
      summaries.set(key.endsWith('@c') ? `converter\t${key.slice(0, -2)}` : `fetch\t${key}`, text);
    });
  return summaries;
}

/** For each sample, the section of every manual that documents it (series → section). */
function manualSections(shared: SharedPaths): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const note = (key: string, series: string, section: string): void => {
    const sections = found.get(key) ?? new Map<string, string>();
    sections.set(series, section);
    found.set(key, sections);
  };
  for (const [series, tag] of MANUAL_TAGS) {
    const data = sampleKeywordData(shared, tag);
    for (const [heading, names] of Object.entries(data.fetches)) {
      for (const name of names) note(`fetch\t${name}`, series, heading.split(' ')[0] ?? '');
    }
    for (const name of data.converters) note(`converter\t${name}`, series, '7.3.1');
  }
  return found;
}

/**
 * The manuals that document the sample and its section in each, when that is not simply the
 * linked section in every manual from the sample's first version on; undefined otherwise.
 */
function docSections(
  fact: SampleFact,
  manuals: ReadonlyMap<string, ReadonlyMap<string, string>>,
): ReadonlyMap<string, string> | undefined {
  if (fact.undocumented === true || fact.anchor !== undefined || fact.mapAnchor === true) {
    return undefined;
  }
  const documented = manuals.get(`${fact.kind}\t${fact.name}`) ?? new Map<string, string>();
  const since = fact.since || '2.0';
  const expected = MANUAL_TAGS.map(([series]) => series).filter(
    (series) => compareVersions(series, since) >= 0,
  );
  const same =
    documented.size === expected.length &&
    expected.every((series) => documented.get(series) === fact.section);
  return same ? undefined : documented;
}

const LAYER_WORDS = new Map([
  ['internal', 'internal state'],
  ['l4', 'layer 4 (connection)'],
  ['l5', 'layer 5 (session/TLS)'],
  ['l6', 'layer 6 (buffer contents)'],
  ['l7', 'layer 7 (HTTP)'],
  ['dev', 'developer/debug'],
]);

/** `a string`, `an integer`, `a value of any type`. */
function phrase(type: string): string {
  if (type === 'any') return 'a value of any type';
  if (type === 'method') return 'an HTTP method';
  return `${'aeiou'.includes(type.charAt(0)) ? 'an' : 'a'} ${type}`;
}

/** `, with 1 to 2 arguments.` and the like. */
function argumentPhrase(min: number, max: number): string {
  if (max === 0) return ', without arguments.';
  if (min === max) return `, with ${min} argument${min > 1 ? 's' : ''}.`;
  if (max >= 64) return `, with at least ${min} argument${min !== 1 ? 's' : ''}.`;
  if (min === 0 && max === 1) return ', with one optional argument.';
  if (min === 0) return `, with up to ${max} optional arguments.`;
  return `, with ${min} to ${max} arguments.`;
}

function entry(
  fact: SampleFact,
  summary: string,
  manuals: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string {
  const { kind, name, output } = fact;
  const anchor = fact.mapAnchor === true ? 'map' : (fact.anchor ?? name);
  const url = `https://docs.haproxy.org/${fact.anchorVersion ?? '3.2'}/configuration.html#${fact.section}-${anchor}`;
  let description =
    kind === 'fetch'
      ? `${summary}. Sample fetch of the ${LAYER_WORDS.get(fact.layer ?? '') ?? ''} family returning ${phrase(output)}`
      : `${summary}. Converter taking ${phrase(fact.input ?? 'any')} and returning ${phrase(output)}`;
  description += argumentPhrase(fact.minArgs, fact.maxArgs);
  if (fact.undocumented === true) {
    description += ' Registered by HAProxy but not described in the configuration manual.';
  }
  const parts = [
    `name: ${tsString(name)}`,
    `kind: '${kind}'`,
    `signature: ${tsString(fact.signature)}`,
    `minArgs: ${fact.minArgs}`,
    `maxArgs: ${fact.maxArgs}`,
    `output: '${output}'`,
    kind === 'converter' ? `input: '${fact.input ?? ''}'` : `layer: '${fact.layer ?? ''}'`,
    `summary: ${tsString(summary)}`,
    `description: ${tsString(description)}`,
    `docUrl: ${tsString(url)}`,
  ];
  if (fact.since && fact.since !== '2.0') parts.push(`since: '${fact.since}'`);
  if (fact.removed) parts.push(`removed: { since: '${fact.removed}' }`);
  const sections = docSections(fact, manuals);
  if (sections !== undefined) {
    const pairs = [...sections].map(([series, section]) => `'${series}': '${section}'`);
    parts.push(`docSections: { ${pairs.join(', ')} }`);
  }
  const replacement = DEPRECATED_ALIASES.get(name);
  if (kind === 'fetch' && replacement !== undefined) {
    parts.push(
      `deprecated: { since: '2.6', replacement: ${tsString(replacement)}, note: 'Old alias kept for compatibility; the manual marks it deprecated.' }`,
    );
  }
  if (kind === 'fetch' && name === 'nbproc') {
    parts.push(
      "deprecated: { since: '2.6', note: 'No longer documented: HAProxy runs a single process.' }",
    );
  }
  return `  { ${parts.join(', ')} },`;
}

const HEADER = generatedHeader([
  `Generated by ${SCRIPT} (\`npm run generate\`); do not edit by hand.`,
  'Inputs:',
  '- ../shared/data/haproxy-*-keywords.json (fetch and converter names, sections, versions)',
  '- ../shared/data/haproxy-2.6.12-dKall.txt (argument counts the 2.6.12 binary accepts)',
  '- ../shared/reference/upstream-docs/haproxy-*-configuration.txt (7.3 signatures and types)',
  '- scripts/generate/haproxy-sample-curation.ts (additions, corrections, family templates)',
  '- scripts/generate/data/haproxy-sample-summaries.txt (our summaries)',
  '`maxArgs: 64` stands for "any number" (variadic signatures such as `acl(<name>[,...])`).',
]);

/** Builds `samples.ts`; throws when a sample has no summary. */
export function generateSamples(
  shared: SharedPaths,
  summariesPath: string = SAMPLE_SUMMARIES_FILE,
): GeneratedFile {
  const summaries = readSummaries(summariesPath);
  const facts = sampleFacts(shared);
  const known = new Set(facts.map((f) => `${f.kind}\t${f.name}`));
  for (const extra of EXTRA_SAMPLES) {
    const key = `${extra.fact.kind}\t${extra.fact.name}`;
    if (!known.has(key)) facts.push(extra.fact);
    // A family template wins over the summaries file.
    if (extra.summary !== undefined) summaries.set(key, extra.summary);
  }
  const manuals = manualSections(shared);
  const entries = { fetch: [] as string[], converter: [] as string[] };
  const missing: string[] = [];
  const ordered = [...facts].sort(
    (a, b) => byCodePoint(a.kind, b.kind) || byCodePoint(a.name, b.name),
  );
  for (const original of ordered) {
    const key = `${original.kind}\t${original.name}`;
    const fact = { ...original, ...SAMPLE_OVERRIDES.get(key) };
    const summary = summaries.get(key) || familySummary(fact.kind, fact.name);
    if (!summary) {
      missing.push(`${fact.kind}:${fact.name}`);
      continue;
    }
    entries[fact.kind].push(entry(fact, summary, manuals));
  }
  if (missing.length > 0) {
    throw new Error(
      `samples without a summary (add them to ${summariesPath}): ${missing.join(' ')}`,
    );
  }
  const text = `${HEADER}import type { SampleSpec } from './types.js';

/** Sample fetches of HAProxy 2.6 to 3.4 (tier 2: one-line summaries). */
export const FETCHES: readonly SampleSpec[] = [
${entries.fetch.join('\n')}
];

/** Converters of HAProxy 2.6 to 3.4, including the \`map_<match>[_<output>]\` family. */
export const CONVERTERS: readonly SampleSpec[] = [
${entries.converter.join('\n')}
];
`;
  return { path: `${HAPROXY_CATALOG_DIR}/samples.ts`, text };
}
