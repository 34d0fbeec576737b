/**
 * Builds `grammars/*.tmLanguage.json` from the hand-written skeletons in `grammars/src/` and the
 * keyword catalogs: every `{{placeholder}}` inside a regex of a skeleton becomes an alternation of
 * catalog names, longest first (so `timeout client-fin` is tried before `timeout client`), each
 * name regex-escaped. The output is deterministic, so a test can compare it with the committed
 * files.
 *
 *   npx tsx scripts/generate-grammars.ts           writes the grammars
 *   npx tsx scripts/generate-grammars.ts --check   exits 1 when a committed grammar is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAPROXY_CATALOG } from '../server/src/core/haproxy/catalog/index.js';
import { KEEPALIVED_CATALOG } from '../server/src/core/keepalived/catalog/index.js';

/** Names to put in one alternation; each entry is a list of words matched with `\s+` between. */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

/** Escapes the characters that mean something in an Oniguruma or JavaScript regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * One alternation from `names`: duplicates removed, longest first, then in code-point order so
 * that the output never depends on the catalog order or the locale. Spaces inside a name match
 * any run of blanks.
 */
export function alternation(names: Iterable<string>): string {
  const unique = [...new Set(names)];
  if (unique.length === 0) throw new Error('empty alternation');
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return unique.map((name) => name.split(' ').map(escapeRegex).join('\\s+')).join('|');
}

const PLACEHOLDER = /\{\{([a-z0-9-]+)\}\}/g;

/**
 * Copy of `skeleton` with every `{{name}}` in its strings replaced. Throws on a placeholder with no
 * value and on a value no placeholder uses, so skeleton and generator cannot drift apart silently.
 */
export function fillSkeleton(skeleton: unknown, values: Placeholders): unknown {
  const used = new Set<string>();
  const alternations = new Map<string, string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_, name: string) => {
        const names = values[name];
        if (names === undefined) throw new Error(`no value for placeholder {{${name}}}`);
        used.add(name);
        let text = alternations.get(name);
        if (text === undefined) {
          text = alternation(names);
          alternations.set(name, text);
        }
        return text;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const result = fill(skeleton);
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`placeholders never used: ${unused.join(', ')}`);
  return result;
}

const words = (name: string): string[] => name.split(' ');

/** The HAProxy names each placeholder of the skeleton stands for. */
export function haproxyPlaceholders(): Placeholders {
  const catalog = HAPROXY_CATALOG;
  const keywords = catalog.keywords.map((spec) => spec.name);
  const secondWords = (first: string): string[] =>
    keywords.filter((name) => words(name)[0] === first).map((name) => words(name)[1] ?? '');
  const rulesets = new Set<string>();
  for (const action of catalog.actions) for (const set of action.rulesets) rulesets.add(set);
  for (const spec of catalog.keywords) if (spec.ruleset) rulesets.add(spec.ruleset);
  const twoWordRulesets = [...rulesets].filter((set) => set.includes(' '));
  const withNegation = (options: typeof catalog.bindOptions): string[] =>
    options.flatMap((o) => (o.negatable ? [o.name, `no-${o.name}`] : [o.name]));
  return {
    sections: catalog.sections.filter((s) => s.spoeOnly !== true).map((s) => s.name),
    'option-names': secondWords('option'),
    'timeout-names': secondWords('timeout'),
    'rulesets-one-word': [...rulesets].filter((set) => !set.includes(' ')),
    'rulesets-two-words-first': twoWordRulesets.map((set) => words(set)[0] ?? set),
    'rulesets-two-words-second': twoWordRulesets.map((set) => words(set)[1] ?? set),
    actions: catalog.actions.map((action) => action.name),
    'multi-word-keywords': keywords
      .map(words)
      .filter((w) => w.length > 1 && w[0] !== 'option' && w[0] !== 'timeout')
      .map((w) => w.slice(0, 2).join(' ')),
    keywords: keywords.map((name) => words(name)[0] ?? name),
    'bind-options': withNegation(catalog.bindOptions),
    'server-options': withNegation(catalog.serverOptions),
    'predefined-acls': catalog.predefinedAcls.map((acl) => acl.name),
    fetches: catalog.fetches.map((fetch) => fetch.name),
    converters: catalog.converters.map((converter) => converter.name),
  };
}

/** The Keepalived names each placeholder of the skeleton stands for. */
export function keepalivedPlaceholders(): Placeholders {
  const specs = KEEPALIVED_CATALOG.keywords;
  const includes = specs.filter((spec) => spec.anywhere === true).map((spec) => spec.name);
  const blocks = specs
    .filter((spec) => spec.blockContext !== undefined || spec.listBlock !== undefined)
    .map((spec) => spec.name);
  const special = new Set([...includes, ...blocks]);
  return {
    'include-keywords': includes,
    'block-keywords': blocks,
    keywords: specs.map((spec) => spec.name).filter((name) => !special.has(name)),
  };
}

/** The grammars this generator owns: skeleton, output and the names to inject. */
export const GRAMMARS: ReadonlyArray<{
  readonly skeleton: string;
  readonly output: string;
  readonly placeholders: () => Placeholders;
}> = [
  {
    skeleton: 'grammars/src/haproxy.tmLanguage.base.json',
    output: 'grammars/haproxy.tmLanguage.json',
    placeholders: haproxyPlaceholders,
  },
  {
    skeleton: 'grammars/src/keepalived.tmLanguage.base.json',
    output: 'grammars/keepalived.tmLanguage.json',
    placeholders: keepalivedPlaceholders,
  },
];

/** The text of one generated grammar, from the skeleton's text. */
export function generateGrammar(
  skeletonPath: string,
  skeletonText: string,
  placeholders: Placeholders,
): string {
  const skeleton = JSON.parse(skeletonText) as Record<string, unknown>;
  const filled = fillSkeleton(skeleton, placeholders) as Record<string, unknown>;
  const { comment, ...rest } = filled;
  const header = {
    $schema: rest.$schema,
    name: rest.name,
    scopeName: rest.scopeName,
    comment: `Generated from ${skeletonPath} by scripts/generate-grammars.ts: edit the skeleton or the catalog, not this file. ${String(comment)}`,
  };
  return `${JSON.stringify({ ...header, ...rest }, null, 2)}\n`;
}

/** Every generated grammar: output path (relative to `root`) → text. */
export function generateGrammars(root: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const { skeleton, output, placeholders } of GRAMMARS) {
    const text = readFileSync(join(root, skeleton), 'utf8');
    result.set(output, generateGrammar(skeleton, text, placeholders()));
  }
  return result;
}

function projectRootFrom(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function main(): void {
  const root = projectRootFrom(fileURLToPath(import.meta.url));
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [output, text] of generateGrammars(root)) {
    const path = join(root, output);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      console.error(`${output} is stale: run npx tsx scripts/generate-grammars.ts`);
      stale += 1;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${output}`);
    }
  }
  if (stale > 0) process.exit(1);
}

const invoked = process.argv[1];
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) main();
