import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedDir } from './paths.js';

/** One config with what the real daemon said of it. */
export interface LabelledCase<L> {
  /** Shown in reports: `corpus/<folder>/<file>` or `fixtures/<file>`. */
  readonly name: string;
  readonly text: string;
  readonly label: L;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The shared corpus of one language with its labels (`../shared/corpus/labels.json` keys are
 * folders such as `haproxy/examples-2.6`); empty when `../shared` is absent.
 */
export function loadLabelledCorpus<L>(language: 'haproxy' | 'keepalived'): LabelledCase<L>[] {
  if (!sharedDir) return [];
  const corpusDir = join(sharedDir, 'corpus');
  const labels = JSON.parse(readFileSync(join(corpusDir, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, L>
  >;
  const cases: LabelledCase<L>[] = [];
  for (const file of filesUnder(join(corpusDir, language))) {
    const rel = relative(corpusDir, file).split('\\').join('/');
    const folder = Object.keys(labels)
      .filter((key) => key.startsWith(`${language}/`) && rel.startsWith(`${key}/`))
      .sort((a, b) => b.length - a.length)[0];
    const label = folder === undefined ? undefined : labels[folder]?.[rel.slice(folder.length + 1)];
    if (!label) continue;
    cases.push({ name: `corpus/${rel}`, text: readFileSync(file, 'utf8'), label });
  }
  return cases;
}

/**
 * Our own fixtures of one folder (files ending in `extension`) with their labels: `labels.json`
 * beside them (the system's daemon), or `labelsFile` there (a newer build's, `labels-3.0.json`).
 */
export function loadLabelledFixtures<L>(
  fixtureDir: string,
  extension: string,
  labelsFile = 'labels.json',
): LabelledCase<L>[] {
  const labels = JSON.parse(readFileSync(join(fixtureDir, labelsFile), 'utf8')) as Record<
    string,
    L
  >;
  return readdirSync(fixtureDir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => {
      const label = labels[name];
      assert.ok(label, `fixtures/${name} has no entry in ${labelsFile}: run the labelling script`);
      return {
        name: `fixtures/${name}`,
        text: readFileSync(join(fixtureDir, name), 'utf8'),
        label,
      };
    });
}
