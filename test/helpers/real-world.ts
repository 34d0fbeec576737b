/**
 * The real-world corpus (`../shared/corpus/real-world/`): configs from public repositories, each
 * labelled by the real daemon, and the figures both agreement benchmarks report on it.
 *
 * A label lists the daemon's messages with a line and a kind: `error` (HAProxy ALERT; Keepalived
 * refuses or drops what was written), `warning` (HAProxy WARNING; Keepalived adjusts and runs) or
 * `env` (about the host: a missing file, user, interface or certificate). `cascade: true` marks an
 * error raised only because of an earlier one (every line of a section after a broken section
 * line). The label's exit status is not used: the messages decide.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { LanguageService, ServiceSettings } from '../../server/src/core/index.js';
import type { LabelledCase } from './labelled-configs.js';
import { projectRoot, reportSharedMissing, sharedDir } from './paths.js';

/** One message of the daemon about a real-world config. */
export interface RealWorldMessage {
  readonly line: number | null;
  readonly kind: 'error' | 'warning' | 'env';
  readonly message: string;
  readonly cascade?: boolean;
}

/** What the daemon said of one real-world config. */
export interface RealWorldLabel {
  readonly source: string;
  readonly exit: number;
  readonly messages: readonly RealWorldMessage[];
}

/**
 * The labels of the real-world corpus by a newer daemon build (`3.0` for HAProxy 3.0.11, `2.3` for
 * Keepalived 2.3.3), written by `scripts/label-real-world.mjs` into our own fixtures; the corpus's
 * own `labels.json` holds the system builds' (2.6.12, 2.2.7).
 */
export function realWorldLabelsOf(version: '3.0' | '2.3'): string {
  return join(projectRoot, 'test', 'fixtures', `real-world-labels-${version}.json`);
}

/**
 * The real-world configs of one language with their labels (the corpus's own `labels.json`, or
 * the file `labelsPath`); empty when `../shared` (or its real-world folder) is absent.
 */
export function loadRealWorldCorpus(
  language: 'haproxy' | 'keepalived',
  labelsPath?: string,
): LabelledCase<RealWorldLabel>[] {
  if (!sharedDir) return [];
  const dir = join(sharedDir, 'corpus', 'real-world');
  let labels: Record<string, RealWorldLabel>;
  try {
    labels = JSON.parse(readFileSync(labelsPath ?? join(dir, 'labels.json'), 'utf8')) as Record<
      string,
      RealWorldLabel
    >;
  } catch {
    return [];
  }
  return Object.entries(labels)
    .filter(([key]) => key.startsWith(`${language}/`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, label]) => ({
      name: `real-world/${key}`,
      text: readFileSync(join(dir, key), 'utf8'),
      label,
    }));
}

/** One error-severity diagnostic of ours, by 1-based line. */
export interface OurError {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** The real-world figures of one daemon at one version. */
export interface RealWorldFigures {
  readonly configs: number;
  readonly accepted: number;
  /** Errors of ours on accepted configs, lines the daemon called `env` aside. */
  readonly falseErrors: readonly { readonly name: string; readonly error: OurError }[];
  /** Lines with a first (non-cascade) error from the daemon. */
  readonly errorLines: number;
  readonly hits: number;
  readonly misses: readonly { readonly where: string; readonly message: string }[];
  /** Cascade lines (not counted), and how many of them we flag anyway. */
  readonly cascadeLines: number;
  readonly cascadeHits: number;
  /** Daemon errors without a line (not counted in the recall). */
  readonly unlocated: number;
  /** Rejected configs, and our errors in them (the whole of which `unexplained` is a part). */
  readonly rejectedConfigs: number;
  readonly rejectedErrors: number;
  /** Errors of ours in rejected configs on lines the daemon said nothing about. */
  readonly unexplained: readonly { readonly name: string; readonly error: OurError }[];
}

/**
 * Compares our errors with the daemon's labels. `diagnose` returns our error-severity findings of
 * one config. Recall counts lines, not files: every line the daemon rejects first-hand must carry
 * an error from us.
 */
export function measureRealWorld(
  cases: readonly LabelledCase<RealWorldLabel>[],
  diagnose: (testCase: LabelledCase<RealWorldLabel>) => readonly OurError[],
): RealWorldFigures {
  let accepted = 0;
  let errorLines = 0;
  let hits = 0;
  let cascadeLines = 0;
  let cascadeHits = 0;
  let unlocated = 0;
  let rejectedConfigs = 0;
  let rejectedErrors = 0;
  const falseErrors: { name: string; error: OurError }[] = [];
  const misses: { where: string; message: string }[] = [];
  const unexplained: { name: string; error: OurError }[] = [];
  for (const testCase of cases) {
    const errors = diagnose(testCase);
    const ourLines = new Set(errors.map((error) => error.line));
    const messages = testCase.label.messages;
    const rejected = messages.some((message) => message.kind === 'error');
    if (!rejected) {
      accepted++;
      const environment = new Set(
        messages.filter((message) => message.kind === 'env').map((message) => message.line),
      );
      for (const error of errors) {
        if (!environment.has(error.line)) falseErrors.push({ name: testCase.name, error });
      }
      continue;
    }
    rejectedConfigs++;
    rejectedErrors += errors.length;
    const first = new Map<number, string>();
    const cascade = new Set<number>();
    for (const message of messages) {
      if (message.kind !== 'error') continue;
      if (message.line === null) {
        unlocated++;
        continue;
      }
      if (message.cascade === true) cascade.add(message.line);
      else if (!first.has(message.line)) first.set(message.line, message.message);
    }
    for (const line of first.keys()) cascade.delete(line);
    for (const [line, message] of first) {
      errorLines++;
      if (ourLines.has(line)) hits++;
      else misses.push({ where: `${testCase.name}:${line}`, message });
    }
    for (const line of cascade) {
      cascadeLines++;
      if (ourLines.has(line)) cascadeHits++;
    }
    const named = new Set(messages.map((message) => message.line));
    // An unlocated message ("backend 'be': server 's1' has neither ...") explains our errors that
    // name two of the words it quotes (or its only one).
    const unlocatedNames = messages
      .filter((message) => message.line === null && message.kind !== 'warning')
      .map((message) =>
        [...message.message.matchAll(/'([^'\s]+)'/g)].map((match) => match[1] ?? ''),
      )
      .filter((names) => names.length > 0);
    for (const error of errors) {
      if (named.has(error.line)) continue;
      const matching = (names: string[]): number =>
        names.filter((name) => error.message.includes(name)).length;
      if (unlocatedNames.some((names) => matching(names) >= Math.min(2, names.length))) {
        continue;
      }
      unexplained.push({ name: testCase.name, error });
    }
  }
  return {
    configs: cases.length,
    accepted,
    falseErrors,
    errorLines,
    hits,
    misses,
    cascadeLines,
    cascadeHits,
    unlocated,
    rejectedConfigs,
    rejectedErrors,
    unexplained,
  };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '100.0' : ((100 * part) / whole).toFixed(1);
}

/** Recall on first-hand error lines, 0..1 (1 when there are none). */
export function realWorldRecall(figures: RealWorldFigures): number {
  return figures.errorLines === 0 ? 1 : figures.hits / figures.errorLines;
}

/**
 * Precision in rejected configs, 0..1 (1 when we give none there): the share of our errors that
 * sit on a line the daemon named (an error, a warning or a host message).
 */
export function realWorldPrecision(figures: RealWorldFigures): number {
  return figures.rejectedErrors === 0
    ? 1
    : (figures.rejectedErrors - figures.unexplained.length) / figures.rejectedErrors;
}

/** The printed report: the figures, then every false error, miss and unexplained error. */
export function formatRealWorld(title: string, figures: RealWorldFigures): string {
  const explained = figures.rejectedErrors - figures.unexplained.length;
  return [
    `${title}: ${figures.configs} configs, accepted ${figures.accepted}, false errors ` +
      `${figures.falseErrors.length}; rejected lines ${figures.errorLines}, hit ${figures.hits} ` +
      `(${percent(figures.hits, figures.errorLines)}%)`,
    `  cascade lines (not counted) ${figures.cascadeLines}, hit ${figures.cascadeHits}; ` +
      `unlocated errors (not counted) ${figures.unlocated}`,
    `  precision in ${figures.rejectedConfigs} rejected configs: ${explained} of our ` +
      `${figures.rejectedErrors} errors on lines the daemon names ` +
      `(${percent(explained, figures.rejectedErrors)}%), ${figures.unexplained.length} elsewhere`,
    ...figures.falseErrors.map(
      ({ name, error }) => `  false error: ${name}:${error.line}: [${error.code}] ${error.message}`,
    ),
    ...figures.misses.map((miss) => `  miss: ${miss.where}: ${miss.message}`),
    ...figures.unexplained.map(
      ({ name, error }) => `  unexplained: ${name}:${error.line}: [${error.code}] ${error.message}`,
    ),
  ].join('\n');
}

/**
 * Registers the real-world suite of one daemon at one version: our errors on each config (at
 * `settings`) against the labels of that version's daemon (the corpus's own, or the file
 * `labelsPath`), zero false errors asserted, and recall on the rejected lines asserted at `recall`
 * (the level reached, so that it cannot fall back unnoticed). Prints one skip line where
 * `../shared` is absent.
 */
export function describeRealWorld(
  language: 'haproxy' | 'keepalived',
  title: string,
  service: LanguageService,
  settings: ServiceSettings,
  recall: number,
  labelsPath?: string,
): void {
  let memo: RealWorldFigures | undefined;
  const measure = (): RealWorldFigures => {
    memo ??= measureRealWorld(loadRealWorldCorpus(language, labelsPath), (testCase) => {
      const document = service.parse(language, testCase.name, testCase.text);
      return service
        .validate(document, { settings })
        .filter((issue) => issue.uri === undefined || issue.uri === testCase.name)
        .filter((issue) => issue.severity === 'error')
        .map((issue) => ({
          line: document.lineIndex.positionAt(issue.start).line + 1,
          code: issue.code,
          message: issue.message,
        }));
    });
    return memo;
  };
  describe(title, () => {
    const present = loadRealWorldCorpus(language, labelsPath).length > 0;
    if (!present) reportSharedMissing(title);
    it(
      `prints the figures and gives no error to a config ${language} accepts`,
      { skip: !present },
      () => {
        const figures = measure();
        console.log(formatRealWorld(title, figures));
        assert.deepEqual(
          figures.falseErrors.map(({ name, error }) => `${name}:${error.line}: ${error.code}`),
          [],
        );
      },
    );
    it(
      `puts an error on at least ${recall * 100}% of the lines ${language} rejects`,
      { skip: !present },
      () => {
        const figures = measure();
        assert.ok(
          realWorldRecall(figures) >= recall,
          `hit ${figures.hits} of ${figures.errorLines} rejected lines`,
        );
      },
    );
  });
}
