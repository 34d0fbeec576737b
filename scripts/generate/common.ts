/**
 * What every catalog generator shares: where the project and `../shared` are, how a value is
 * written as TypeScript, and how a generated file is formatted and written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

/**
 * The project root: the first folder above this file that holds a `package.json`, so that the
 * generators find it both from `scripts/generate/` (tsx) and from `out/scripts/generate/` (the
 * compiled tests).
 */
export const projectRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** `../shared` beside the project: the facts every generator reads. */
export const defaultSharedDir: string = resolve(projectRoot, '..', 'shared');

/** Folder of the data files that hold our own words (summaries, descriptions). */
export const dataDir: string = join(projectRoot, 'scripts', 'generate', 'data');

/** Folder of the HAProxy catalog, relative to the project root. */
export const HAPROXY_CATALOG_DIR = 'server/src/core/haproxy/catalog';

/** Where a generator reads its facts from. */
export interface SharedPaths {
  /** `../shared` itself. */
  readonly root: string;
  /** A file of `../shared/data`. */
  data(name: string): string;
  /** The configuration manual of one HAProxy series, e.g. `3.2`. */
  manual(series: string): string;
}

/** The paths inside a `../shared` folder. */
export function sharedPaths(root: string = defaultSharedDir): SharedPaths {
  return {
    root,
    data: (name) => join(root, 'data', name),
    manual: (series) =>
      join(root, 'reference', 'upstream-docs', `haproxy-${series}-configuration.txt`),
  };
}

/** Whether `root` holds the data the generators read (false in clones without `../shared`). */
export function hasSharedData(root: string = defaultSharedDir): boolean {
  return existsSync(join(root, 'data')) && existsSync(join(root, 'reference', 'upstream-docs'));
}

/** Reads a text file as UTF-8. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Reads and parses a JSON file; the caller states the shape it expects. */
export function readJson<T>(path: string): T {
  return JSON.parse(readText(path)) as T;
}

/** A generated file: its path relative to the project root and its text before formatting. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/**
 * A string literal in single quotes. Prettier may pick other quotes afterwards; what matters is
 * that the same input always gives the same text.
 */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Words that can be written as object keys without quotes. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A JSON-like value as a TypeScript expression on one line (Prettier breaks it later). */
export function tsValue(value: unknown): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).map(
      ([key, item]) => `${IDENTIFIER.test(key) ? key : tsString(key)}: ${tsValue(item)}`,
    );
    return `{ ${fields.join(', ')} }`;
  }
  throw new Error(`cannot write ${String(value)} as TypeScript`);
}

/**
 * The comment that opens every generated file. Prettier does not rewrap comments, so the lines
 * are given already wrapped (at most 100 characters).
 */
export function generatedHeader(lines: readonly string[]): string {
  return lines.map((line) => `// ${line}`.trimEnd()).join('\n') + '\n';
}

/** Code-point order, as the generators have always sorted names (never locale-dependent). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Formats a generated file with the project's Prettier settings, resolved for its committed
 * path (so that a copy written elsewhere, e.g. by the test, is formatted the same way).
 */
export async function formatGenerated(file: GeneratedFile): Promise<GeneratedFile> {
  const filepath = join(projectRoot, file.path);
  const options = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
  return { path: file.path, text: await prettier.format(file.text, { ...options, filepath }) };
}

/** Writes generated files under `root`; returns the paths whose text changed. */
export function writeGenerated(files: readonly GeneratedFile[], root: string): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const target = join(root, file.path);
    if (existsSync(target) && readText(target) === file.text) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    changed.push(file.path);
  }
  return changed;
}
