// Validation and navigation read one reference table; this checks, over every real configuration
// we have, that they agree: each reference the validator resolves to a definition is reached by go
// to definition, listed by find references on that definition and changed by its rename (or the
// rename is refused, saying why). The shared corpus is optional: without ../shared, the examples
// and our own fixtures are still checked.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import type { NameSite } from '../../server/src/core/common/references.js';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  type LanguageId,
  type ParsedDocument,
} from '../../server/src/core/index.js';
import { nodeIndex } from '../../server/src/core/keepalived/analysis/index-node.js';
import { haproxyReferences } from '../../server/src/core/haproxy/analysis/references.js';
import { projectRoot, reportSharedMissing, sharedDir } from '../helpers/paths.js';

const service = createLanguageService();

interface CorpusFile {
  readonly name: string;
  readonly language: LanguageId;
  readonly text: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

/** Files of a folder the language service recognises, by name or content. */
function recognised(dir: string): CorpusFile[] {
  return filesUnder(dir).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const language = service.detectLanguage(path, text);
    return language ? [{ name: relative(projectRoot, path), language, text }] : [];
  });
}

/** The shared corpus: each folder `labels.json` names, with the language its key starts with. */
function sharedCorpus(): CorpusFile[] {
  if (!sharedDir) return [];
  const files: CorpusFile[] = [];
  const add = (root: string, labelsFile: string, byFile: boolean): void => {
    const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(labels).sort()) {
      const language = key.split('/')[0];
      if (language !== 'haproxy' && language !== 'keepalived') continue;
      const path = join(root, key);
      const paths = byFile ? [path] : existsSync(path) ? filesUnder(path) : [];
      for (const file of paths) {
        files.push({
          name: relative(join(sharedDir ?? '', '..'), file),
          language,
          text: readFileSync(file, 'utf8'),
        });
      }
    }
  };
  const corpus = join(sharedDir, 'corpus');
  add(corpus, join(corpus, 'labels.json'), false);
  const realWorld = join(corpus, 'real-world');
  if (existsSync(join(realWorld, 'labels.json'))) {
    add(realWorld, join(realWorld, 'labels.json'), true);
  }
  return files;
}

/** The references the validator resolves in a document, with what they resolve to. */
function resolvedReferences(
  document: ParsedDocument,
): Array<{ site: NameSite; definitions: readonly NameSite[] }> {
  const found: Array<{ site: NameSite; definitions: readonly NameSite[] }> = [];
  if (document.languageId === 'haproxy') {
    // The default target and the oldest one: `.if` branches and ACL inheritance differ.
    for (const version of new Set([DEFAULT_SETTINGS.haproxy.version, '2.6'])) {
      const table = haproxyReferences(document.parse.ast, version);
      for (const site of table.sites) {
        const definitions = table.resolve(site);
        if (definitions.length > 0) found.push({ site, definitions });
      }
    }
  } else {
    const table = nodeIndex({
      document: document,
      settings: DEFAULT_SETTINGS.keepalived,
    }).references;
    for (const site of table.sites) {
      const definitions = table.resolve(site);
      if (definitions.length > 0) found.push({ site, definitions });
    }
  }
  return found;
}

function covers(
  document: ParsedDocument,
  locations: readonly Location[],
  site: { start: number; end: number },
): boolean {
  return locations.some(
    (location) =>
      location.uri === document.uri &&
      document.lineIndex.offsetAt(location.range.start) === site.start &&
      document.lineIndex.offsetAt(location.range.end) === site.end,
  );
}

/** Why a rename may be refused: a name written with quotes, or computed at run time. */
const REFUSAL = /written with quotes or escapes|computed name|named through/;

interface Figures {
  files: number;
  checked: Map<string, number>;
  refused: number;
  computed: number;
}

function check(file: CorpusFile, figures: Figures): void {
  const document = service.parse(file.language, `file:///corpus/${file.name}`, file.text);
  const renames = new Map<number, ReturnType<typeof service.rename>>();
  const references = new Map<number, Location[]>();
  const seen = new Set<string>();
  for (const { site, definitions } of resolvedReferences(document)) {
    const id = `${site.kind}:${site.start}:${site.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const where = `${file.name}: ${site.kind} '${site.name}' at ${site.start}`;
    for (const definition of definitions) {
      if (definition.dynamic) continue;
      const written = document.text.slice(site.start, site.end) === site.name;
      if (site.dynamic || (document.languageId === 'keepalived' && !written)) {
        // Written through a variable or a parameter: a rename cannot follow it, and says so.
        const prepared = service.prepareRename(document, definition.start);
        assert.ok(prepared && 'error' in prepared, `${where}: the rename should be refused`);
        figures.computed++;
        continue;
      }
      assert.ok(
        covers(document, service.getDefinition(document, site.start), definition),
        `${where}: go to definition misses the definition at ${definition.start}`,
      );
      let found = references.get(definition.start);
      if (!found) {
        found = service.getReferences(document, definition.start, true);
        references.set(definition.start, found);
      }
      assert.ok(covers(document, found, site), `${where}: not among the references`);
      let renamed = renames.get(definition.start);
      if (!renamed) {
        renamed = service.rename(document, definition.start, 'renamed_by_test');
        renames.set(definition.start, renamed);
      }
      assert.ok(renamed, `${where}: nothing to rename at ${definition.start}`);
      if ('error' in renamed) {
        assert.match(renamed.error, REFUSAL, where);
        figures.refused++;
      } else {
        assert.ok(written, `${where}: a name written with quotes is renamed`);
        const edits = (renamed.edit.changes?.[document.uri] ?? []).map((edit) => ({
          uri: document.uri,
          range: edit.range,
        }));
        assert.ok(covers(document, edits, site), `${where}: the rename leaves it unchanged`);
      }
      figures.checked.set(site.kind, (figures.checked.get(site.kind) ?? 0) + 1);
    }
  }
  figures.files++;
}

function run(label: string, files: readonly CorpusFile[]): Figures {
  const figures: Figures = { files: 0, checked: new Map(), refused: 0, computed: 0 };
  for (const file of files) check(file, figures);
  const kinds = [...figures.checked]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  console.log(
    `${label}: ${figures.files} files; references checked: ${kinds}; renames refused: ${figures.refused}; written through a parameter or variable: ${figures.computed}`,
  );
  return figures;
}

test('examples and fixtures: every resolved reference is found and renamed from its definition', () => {
  const files = [
    ...recognised(join(projectRoot, 'examples')),
    ...recognised(join(projectRoot, 'test', 'fixtures')),
  ];
  const figures = run('examples and test/fixtures', files);
  assert.ok(figures.files > 100, `only ${figures.files} files`);
  for (const kind of ['backend', 'acl', 'vrrp_script', 'vrrp_instance']) {
    assert.ok((figures.checked.get(kind) ?? 0) > 0, `no ${kind} reference checked`);
  }
});

test('shared corpus: every resolved reference is found and renamed from its definition', () => {
  const files = sharedCorpus();
  if (files.length === 0) {
    reportSharedMissing('reference corpus');
    return;
  }
  const figures = run('../shared/corpus', files);
  for (const language of ['haproxy', 'keepalived']) {
    assert.ok(
      files.some((file) => file.language === language),
      `no ${language} file in the shared corpus`,
    );
  }
  assert.ok((figures.checked.get('http-errors') ?? 0) > 0, 'no http-errors reference checked');
});
