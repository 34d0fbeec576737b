/**
 * Builds `catalog/global.ts`, `catalog/proxy.ts` and `catalog/section-keywords.ts`.
 *
 * Facts (which versions list a keyword, the sections of the proxy matrix, negatable forms, the
 * manual section of each keyword for its link, argument shapes from manual signatures) come from
 * `../shared`; lifecycles and errata from `haproxy-keyword-curation.ts`; summaries, descriptions
 * and hand-checked argument shapes from `data/haproxy-catalog-text.tsv`, written by us.
 */
import { join } from 'node:path';
import { compareVersions } from '../../server/src/core/common/catalog.js';
import type { GeneratedFile, SharedPaths } from './common.js';
import {
  HAPROXY_CATALOG_DIR,
  byCodePoint,
  dataDir,
  generatedHeader,
  readJson,
  readText,
  tsString,
  tsValue,
} from './common.js';
import type { DocHeading } from './doc-headings.js';
import { docHeadings } from './doc-headings.js';
import type { Life, LifeStep } from './haproxy-keyword-curation.js';
import {
  DOC_FIXES,
  EXTRA_PROXY,
  GLOBAL_LIFE,
  GLOBAL_OLD_DOCS,
  GLOBAL_SINCE,
  MATRIX_ERRATA,
  NAMED_DEFAULTS,
  NAME_ARGS,
  OLD_PROXY_DOC,
  PROXY_COLUMNS,
  PROXY_LIFE,
  PROXY_MATRIX_VERSIONS,
  RULESETS,
  SECTIONS_OVERRIDE,
  VERSIONS,
  buildOption,
} from './haproxy-keyword-curation.js';
import type { DslArg } from './keyword-dsl.js';
import { autoDsl, describeKeyword, parseDsl } from './keyword-dsl.js';

/** Our words: `scope @@ name @@ args @@ summary @@ description @@ extra (JSON)`. */
export const CATALOG_TEXT_FILE = join(dataDir, 'haproxy-catalog-text.tsv');

const SCRIPT = 'scripts/generate/haproxy-keywords.ts';

/** One row of the text file. */
interface TextRow {
  readonly scope: string;
  readonly name: string;
  /** The argument DSL; empty: derived from the manual signature; `-`: no arguments. */
  readonly args: string;
  readonly summary: string;
  readonly description: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The rows of the text file by `scope`, then `name`, in file order. */
function readTextRows(path: string): Map<string, TextRow> {
  const rows = new Map<string, TextRow>();
  readText(path)
    .split('\n')
    .forEach((line, index) => {
      if (line === '' || line.startsWith('#')) return;
      const parts = line.split('@@').map((part) => part.trim());
      if (parts.length > 6) throw new Error(`${path}:${index + 1}: more than six fields`);
      const [scope = '', name = '', args = '', summary = '', description = '', extra = ''] = parts;
      const key = `${scope}\t${name}`;
      if (rows.has(key)) throw new Error(`${path}:${index + 1}: duplicate row ${scope} ${name}`);
      rows.set(key, {
        scope,
        name,
        args,
        summary,
        description,
        extra: extra === '' ? {} : (JSON.parse(extra) as Record<string, unknown>),
      });
    });
  return rows;
}

/** The parts of a `haproxy-*-keywords.json` file the keyword generator reads. */
interface KeywordData {
  readonly global: Readonly<Record<string, readonly string[]>>;
  readonly proxy_matrix: readonly {
    readonly kw: string;
    readonly negatable: boolean;
    readonly defaults_fe_listen_be: readonly string[];
  }[];
}

type MatrixRow = KeywordData['proxy_matrix'][number];

/** A catalog entry under construction; keys follow the order of the output. */
type Entry = Record<string, unknown>;

/** Optional fields, in the order the catalog prints them. */
const OPTIONAL_FIELDS = [
  'since',
  'deprecated',
  'removed',
  'negatable',
  'repeatable',
  'namedDefaultsOnly',
  'sectionHistory',
  'ruleset',
  'nameArgs',
  'experimental',
  'buildOption',
  'requiresArgs',
  'noExtraArgs',
  'defines',
] as const;

/** The fields an `extra` column may set (anything else would silently vanish from the output). */
const EXTRA_FIELDS = new Set<string>([...OPTIONAL_FIELDS, 'argValueSince', 'doc']);

function docCall(version: string, section: string, keyword: string): string {
  return `doc(${tsString(version)}, ${tsString(section)}, ${tsString(keyword)})`;
}

/** The `args` with `valueSince` added to those named in the `argValueSince` extra. */
function withValueSince(args: readonly DslArg[], valueSince: unknown): readonly DslArg[] {
  if (valueSince === undefined || valueSince === null) return args;
  const since = valueSince as Record<string, unknown>;
  return args.map((a) => (Object.hasOwn(since, a.name) ? { ...a, valueSince: since[a.name] } : a));
}

function emitEntry(entry: Entry): string {
  const args = withValueSince(entry.args as readonly DslArg[], entry.argValueSince);
  const fields = [
    `name: ${tsString(entry.name as string)}`,
    `sections: ${tsValue(entry.sections)}`,
    `args: ${tsValue(args)}`,
    `summary: ${tsString(entry.summary as string)}`,
    `description: ${tsString(entry.description as string)}`,
    `docUrl: ${entry.docUrl as string}`,
  ];
  for (const key of OPTIONAL_FIELDS) {
    const value = entry[key];
    if (value !== undefined && value !== null) fields.push(`${key}: ${tsValue(value)}`);
  }
  return `  {\n    ${fields.join(',\n    ')},\n  },`;
}

/** The opening comment of one keyword catalog, naming the inputs that file is built from. */
function header(inputs: readonly string[]): string {
  return generatedHeader([
    `Generated by ${SCRIPT} (\`npm run generate\`); do not edit by hand.`,
    'Inputs:',
    ...inputs.map((input) => `- ${input}`),
  ]);
}

const TEXT_INPUT =
  'scripts/generate/data/haproxy-catalog-text.tsv (our summaries, descriptions, argument shapes)';
const CURATION_INPUT = 'scripts/generate/haproxy-keyword-curation.ts (lifecycles, errata)';

const GLOBAL_HEADER = header([
  '../shared/data/haproxy-*-keywords.json (global keywords of each version)',
  '../shared/data/haproxy-2.6.12-dKall.txt (global keywords the 2.6.12 binary registers)',
  '../shared/reference/upstream-docs/haproxy-*-configuration.txt (chapter 3 headings)',
  CURATION_INPUT,
  TEXT_INPUT,
]);
const PROXY_HEADER = header([
  '../shared/data/haproxy-*-keywords.json (proxy matrix of each version)',
  '../shared/reference/upstream-docs/haproxy-*-configuration.txt (section 4.2 headings)',
  CURATION_INPUT,
  TEXT_INPUT,
]);
// Nothing from ../shared: the rows carry every fact, the manual anchor in their `doc` extra.
const SECTIONS_HEADER = header([TEXT_INPUT]);

function catalogFile(
  fileHeader: string,
  file: string,
  constant: string,
  docComment: string,
  entries: readonly Entry[],
): GeneratedFile {
  const text =
    fileHeader +
    "import { haproxyDocUrl as doc } from './doc-url.js';\n" +
    "import type { HaproxyKeywordSpec } from './keyword-types.js';\n\n" +
    `/** ${docComment} */\n` +
    `export const ${constant}: readonly HaproxyKeywordSpec[] = [\n` +
    `${entries.map(emitEntry).join('\n')}\n];\n`;
  return { path: `${HAPROXY_CATALOG_DIR}/${file}`, text };
}

/** The best manual heading for `name` (its `no ` form links to the positive keyword). */
function findAnchor(
  name: string,
  headsByVersion: ReadonlyMap<string, ReadonlyMap<string, DocHeading>>,
): readonly [string, string, string] | undefined {
  const base = name.startsWith('no ') ? name.slice(3) : name;
  const order = ['3.2', '3.4', '2.6'];
  for (const version of order) {
    const heading = headsByVersion.get(version)?.get(base);
    if (heading) return [version, heading.sec, base];
  }
  // `http-check set-var(<var-name>)`-like headings: the keyword followed by more words.
  for (const version of order) {
    for (const [keyword, heading] of headsByVersion.get(version) ?? []) {
      if (keyword.startsWith(`${base} `)) return [version, heading.sec, keyword];
    }
  }
  return undefined;
}

/** The first heading of each keyword within some sections of one manual. */
function headingsIn(
  headings: readonly DocHeading[],
  accept: (section: string) => boolean,
): Map<string, DocHeading> {
  const found = new Map<string, DocHeading>();
  for (const h of headings) {
    if (accept(h.sec) && !found.has(h.kw)) found.set(h.kw, h);
  }
  return found;
}

/** The signature of the newest manual heading (3.4, then 3.2, then 2.6). */
function newestSignature(
  name: string,
  headsByVersion: ReadonlyMap<string, ReadonlyMap<string, DocHeading>>,
): string {
  for (const version of ['3.4', '3.2', '2.6']) {
    const heading = headsByVersion.get(version)?.get(name);
    if (heading) return heading.sig;
  }
  return '';
}

/** The version after `version` in `VERSIONS`. */
function nextVersion(version: string): string {
  const next = VERSIONS[VERSIONS.indexOf(version as (typeof VERSIONS)[number]) + 1];
  if (next === undefined) throw new Error(`no version after ${version}`);
  return next;
}

/** What the keyword generator produced, and what it would like a human to look at. */
export interface KeywordCatalogs {
  readonly files: readonly GeneratedFile[];
  /** Keywords without a text row, and text rows no keyword used. */
  readonly warnings: readonly string[];
}

/** Builds the three keyword catalogs from `../shared` and the text file. */
export function generateKeywordCatalogs(
  shared: SharedPaths,
  textPath: string = CATALOG_TEXT_FILE,
): KeywordCatalogs {
  const text = readTextRows(textPath);
  const used = new Set<string>();
  const missing: string[] = [];

  const load = (tag: string): KeywordData =>
    readJson<KeywordData>(shared.data(`haproxy-${tag}-keywords.json`));
  const data = new Map(VERSIONS.map((v) => [v, load(`v${v}.0`)] as const));
  const deb = load('deb-2.6.12');
  const dataOf = (v: string): KeywordData => {
    const d = v === 'deb' ? deb : data.get(v as (typeof VERSIONS)[number]);
    if (d === undefined) throw new Error(`no keyword data for ${v}`);
    return d;
  };

  const headings = new Map(['2.6', '3.2', '3.4'].map((v) => [v, docHeadings(shared.manual(v))]));
  const globalHeads = new Map<string, Map<string, DocHeading>>();
  const proxyHeads = new Map<string, Map<string, DocHeading>>();
  for (const [version, list] of headings) {
    // Chapter 3 (global): 3.4 "HTTPClient tuning" is no subsection in the 2.6 manual.
    const globalSections = version === '2.6' ? ['3.1', '3.2', '3.3'] : ['3.1', '3.2', '3.3', '3.4'];
    globalHeads.set(
      version,
      headingsIn(list, (s) => globalSections.includes(s)),
    );
    proxyHeads.set(
      version,
      headingsIn(list, (s) => s === '4.2'),
    );
  }

  /** The text row of a keyword, with its argument DSL settled. */
  const textFor = (scope: string, name: string, signature: string): TextRow => {
    const key = `${scope}\t${name}`;
    used.add(key);
    const row = text.get(key);
    if (row === undefined) {
      missing.push(`${scope}\t${name}\t${autoDsl(signature)}`);
      return {
        scope,
        name,
        args: autoDsl(signature),
        summary: `\`${name}\` directive.`,
        description: '',
        extra: {},
      };
    }
    const args = row.args === '' && signature !== '' ? autoDsl(signature) : row.args;
    return { ...row, args: args === '-' ? '' : args };
  };

  const checkExtra = (row: TextRow): void => {
    for (const key of Object.keys(row.extra)) {
      if (!EXTRA_FIELDS.has(key)) throw new Error(`${row.scope} ${row.name}: unknown extra ${key}`);
    }
  };

  // --- global -------------------------------------------------------------------------------
  const buildGlobal = (): Entry[] => {
    const presence = new Map<string, Set<string>>();
    const add = (name: string, version: string): void => {
      const versions = presence.get(name) ?? new Set<string>();
      versions.add(version);
      presence.set(name, versions);
    };
    for (const [version, d] of data) {
      for (const names of Object.values(d.global)) for (const name of names) add(name, version);
    }
    for (const [version, heads] of globalHeads) for (const name of heads.keys()) add(name, version);
    for (const names of Object.values(deb.global)) for (const name of names) add(name, '2.6');
    // Keywords the 2.6.12 binary registers for `global` (`haproxy -dKall`), tab-indented.
    let inGlobal = false;
    for (const line of readText(shared.data('haproxy-2.6.12-dKall.txt')).split('\n')) {
      if (line.trim() === 'global' && !line.startsWith('\t')) {
        inGlobal = true;
        continue;
      }
      if (!inGlobal) continue;
      if (!line.startsWith('\t')) break;
      const word = line.trim().split(/\s+/)[0];
      if (word !== undefined) add(word, '2.6');
    }
    const listedInData = (name: string): boolean =>
      [...data.values()].some((d) => Object.values(d.global).some((names) => names.includes(name)));

    const entries: Entry[] = [];
    for (const name of [...presence.keys()].sort(byCodePoint)) {
      const versions = [...(presence.get(name) ?? [])].sort(compareVersions);
      const first = versions[0] ?? '2.0';
      const last = versions[versions.length - 1] ?? '2.0';
      let since: string | null;
      if (GLOBAL_SINCE.has(name)) since = GLOBAL_SINCE.get(name) ?? null;
      else since = first === '2.0' ? null : first;
      if (
        !GLOBAL_SINCE.has(name) &&
        first === '2.6' &&
        globalHeads.get('2.6')?.has(name) === true &&
        !listedInData(name)
      ) {
        // Documented only in the body of the 2.6 manual: older than our oldest target.
        since = null;
      }
      const life: Life = GLOBAL_LIFE.get(name) ?? {};
      let removed: LifeStep | undefined = life.removed;
      if (removed === undefined && !GLOBAL_LIFE.has(name) && compareVersions(last, '3.4') < 0) {
        removed = { since: nextVersion(last) };
      }
      const row = textFor('g', name, newestSignature(name, globalHeads));
      checkExtra(row);
      const args = parseDsl(row.args);
      const anchor = findAnchor(name, globalHeads);
      const oldDoc = GLOBAL_OLD_DOCS.get(name);
      let docUrl: string;
      if (oldDoc) docUrl = docCall(oldDoc[0], oldDoc[1], name);
      else if (anchor) docUrl = docCall(...anchor);
      else docUrl = docCall('3.2', '3', '');
      entries.push({
        name,
        sections: ['global'],
        args,
        summary: row.summary,
        description: describeKeyword(name, row.summary, row.description, args),
        docUrl,
        since,
        deprecated: life.deprecated,
        removed,
        buildOption: buildOption(name),
        ...row.extra,
      });
    }
    return entries;
  };

  // --- proxies ------------------------------------------------------------------------------
  const buildProxy = (): Entry[] => {
    const matrices = new Map<string, Map<string, MatrixRow>>();
    for (const version of [...VERSIONS, 'deb']) {
      matrices.set(version, new Map(dataOf(version).proxy_matrix.map((r) => [r.kw, r])));
    }
    const rowOf = (version: string, name: string): MatrixRow | undefined =>
      matrices.get(version)?.get(name);
    const columnsOf = (row: MatrixRow): string[] =>
      PROXY_COLUMNS.filter((_, i) => row.defaults_fe_listen_be[i] === 'X');
    const names = new Set<string>();
    for (const matrix of matrices.values()) for (const name of matrix.keys()) names.add(name);
    for (const name of EXTRA_PROXY.keys()) names.add(name);
    for (const name of MATRIX_ERRATA) names.delete(name);

    const entries: Entry[] = [];
    for (const name of [...names].sort(byCodePoint)) {
      const present = VERSIONS.filter((v) => rowOf(v, name) !== undefined);
      const sectionsBy = new Map<string, string[]>();
      for (const version of PROXY_MATRIX_VERSIONS) {
        const row = rowOf(version, name);
        if (row) sectionsBy.set(version, columnsOf(row));
      }
      let sections: readonly string[];
      let since: string | null;
      const extraProxy = EXTRA_PROXY.get(name);
      if (extraProxy) {
        [sections, since] = extraProxy;
      } else {
        const first = present[0];
        if (first === undefined) throw new Error(`${name}: only in the Debian matrix`);
        since = first === '2.0' ? null : first;
        if (sectionsBy.size > 0) {
          // The current shape is that of the last version that lists it; doc fixes merged.
          const lastShape = [...sectionsBy.values()].at(-1) ?? [];
          sections = DOC_FIXES.has(name)
            ? PROXY_COLUMNS.filter((c) => [...sectionsBy.values()].some((s) => s.includes(c)))
            : [...lastShape];
        } else {
          const lastRow = rowOf(present[present.length - 1] ?? first, name);
          sections = lastRow ? columnsOf(lastRow) : [];
        }
      }
      sections = SECTIONS_OVERRIDE.get(name) ?? sections;
      const history: { until: string; sections: string[] }[] = [];
      if (!DOC_FIXES.has(name) && !SECTIONS_OVERRIDE.has(name) && sectionsBy.size > 0) {
        // The last version whose shape differs from the current one, and the first after it.
        const released = PROXY_MATRIX_VERSIONS.filter((v) => v !== 'deb' && sectionsBy.has(v));
        let previous: string | undefined;
        for (const version of released) {
          if (!sameList(sectionsBy.get(version) ?? [], sections)) previous = version;
        }
        if (previous !== undefined) {
          const prev = previous;
          const until = released.find((v) => compareVersions(v, prev) > 0);
          if (until !== undefined) history.push({ until, sections: sectionsBy.get(prev) ?? [] });
        }
      }
      const life: Life = PROXY_LIFE.get(name) ?? {};
      let removed: LifeStep | undefined = life.removed;
      const last = present[present.length - 1];
      if (
        removed === undefined &&
        life.deprecated === undefined &&
        last !== undefined &&
        compareVersions(last, '3.4') < 0 &&
        !EXTRA_PROXY.has(name)
      ) {
        removed = { since: nextVersion(last) };
      }
      const negatable = [...VERSIONS, 'deb'].some((v) => rowOf(v, name)?.negatable === true);
      const row = textFor('p', name, newestSignature(name, proxyHeads));
      checkExtra(row);
      const args = parseDsl(row.args);
      const anchor = findAnchor(name, proxyHeads);
      let docUrl: string;
      if (removed !== undefined && compareVersions(removed.since, '2.6') <= 0) {
        docUrl = docCall(OLD_PROXY_DOC, '4.2', name);
      } else if (!anchor) {
        // headings such as `http-check set-var(<var-name>) <expr>` keep the bare keyword
        docUrl = docCall(since === '3.4' ? '3.4' : '3.2', '4.2', name);
      } else {
        docUrl = docCall(...anchor);
      }
      entries.push({
        name,
        sections,
        args,
        summary: row.summary,
        description: describeKeyword(name, row.summary, row.description, args),
        docUrl,
        since,
        deprecated: life.deprecated,
        removed,
        negatable: negatable ? true : null,
        namedDefaultsOnly: NAMED_DEFAULTS.has(name) ? true : null,
        sectionHistory: history.length > 0 ? history : null,
        ruleset: RULESETS.has(name) ? name : null,
        nameArgs: NAME_ARGS.has(name) ? true : null,
        ...row.extra,
      });
    }
    return entries;
  };

  // --- other sections: rows with scope `s:<section>[,<section>]` ----------------------------
  const buildSections = (): Entry[] => {
    const entries: Entry[] = [];
    for (const [key, row] of text) {
      if (!row.scope.startsWith('s:')) continue;
      used.add(key);
      checkExtra(row);
      const { doc: anchor, ...extra } = row.extra;
      const args = parseDsl(row.args === '-' ? '' : row.args);
      const docUrl = Array.isArray(anchor)
        ? docCall(String(anchor[0]), String(anchor[1]), String(anchor[2]))
        : docCall('3.2', '12', '');
      entries.push({
        name: row.name,
        sections: row.scope.slice(2).split(','),
        args,
        summary: row.summary,
        description: describeKeyword(row.name, row.summary, row.description, args),
        docUrl,
        ...extra,
      });
    }
    return entries;
  };

  const files = [
    catalogFile(
      GLOBAL_HEADER,
      'global.ts',
      'GLOBAL_KEYWORDS',
      'Every keyword of the `global` section documented in HAProxy 2.0 to 3.4, removed ones included.',
      buildGlobal(),
    ),
    catalogFile(
      PROXY_HEADER,
      'proxy.ts',
      'PROXY_KEYWORDS',
      'Every keyword of the proxy sections (defaults, frontend, listen, backend), 2.0 to 3.4, removed ones included.',
      buildProxy(),
    ),
    catalogFile(
      SECTIONS_HEADER,
      'section-keywords.ts',
      'SECTION_KEYWORDS',
      'Keywords of the sections other than global and the proxies (userlist, peers, resolvers, …).',
      buildSections(),
    ),
  ];
  const unused = [...text.keys()].filter((key) => !used.has(key));
  const warnings = [
    ...missing.map((m) => `keyword without a text row: ${m}`),
    ...unused.map((key) => `text row used by no keyword: ${key.replace('\t', ' ')}`),
  ];
  return { files, warnings };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
