/**
 * `halint --fix`: applies the safe fixes (`QuickFix.safe`) of the files given on the command line,
 * each validated as its node reads it, through the language service's `fixAll`; `--dry-run`
 * gives the unified diff instead of writing. The run then reports what is left as usual.
 *
 * Writing is careful: only files the command line named or that lie in a directory it named
 * (not the extra files a `.halint.json` mapping brings in, not includes), never through a
 * symbolic link, in place (the file keeps its mode, owner and byte-order mark), and not when the
 * file changed on disk since it was read.
 */
import { lstatSync, openSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ClusterNodeInput, ServiceSettings } from '../core/index.js';
import { unifiedDiff } from '../core/index.js';
import type { LoadedInputs } from '../node/project.js';
import { readText } from '../node/discover.js';

/** What the fix pass did. */
export interface FixOutcome {
  /** Fixed texts by resolved path: written, or for `--dry-run` what would be. */
  readonly texts: Map<string, string>;
  /** The unified diff of every fixed file (only with `--dry-run`). */
  readonly diff: string;
  /** Fixes per rule code. */
  readonly fixed: Record<string, number>;
  /** Files changed (or, with `--dry-run`, that would change). */
  readonly files: number;
  /** One line each: files left alone and why, and the summary. */
  readonly notes: string[];
  /** Files that could not be written. */
  readonly errors: string[];
}

/** Whether `path` is one of `given` or lies inside one of them. */
function isGiven(path: string, given: readonly string[]): boolean {
  const full = resolve(path);
  return given.some(
    (root) => full === root || full.startsWith(root.endsWith(sep) ? root : root + sep),
  );
}

/** Whether the file on disk starts with a UTF-8 byte-order mark (which reading drops). */
function hasBom(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const read = readSync(fd, head, 0, 3, 0);
    return read === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    closeSync(fd);
  }
}

/** `3 removed-keyword, 1 missing-final-newline`. */
export function describeFixed(fixed: Readonly<Record<string, number>>): string {
  return Object.entries(fixed)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${count} ${code}`)
    .join(', ');
}

/**
 * Fixes the documents of a loaded run.
 *
 * @param paths the command line's paths: only files among or inside them are fixed
 * @param write false for `--dry-run`
 */
export function fixInputs(
  loaded: LoadedInputs,
  paths: readonly string[],
  settings: ServiceSettings,
  write: boolean,
): FixOutcome {
  const { service, documents, plans } = loaded;
  const given = paths.map((path) => resolve(path));
  const nodesOf = new Map<string, ClusterNodeInput[]>();
  for (const plan of plans) {
    for (const node of plan.nodes) {
      for (const document of new Set([...node.haproxy, ...node.keepalived])) {
        nodesOf.set(document.uri, [...(nodesOf.get(document.uri) ?? []), node]);
      }
    }
  }
  const texts = new Map<string, string>();
  const fixed: Record<string, number> = {};
  const notes: string[] = [];
  const errors: string[] = [];
  let diff = '';
  for (const document of documents) {
    if (!isGiven(document.uri, given)) continue;
    const result = service.fixAll(
      document,
      {},
      { settings, nodes: nodesOf.get(document.uri) ?? [] },
    );
    if (result.text === document.text) continue;
    const path = document.uri;
    if (write) {
      try {
        if (lstatSync(path).isSymbolicLink()) {
          notes.push(`${path}: not fixed, it is a symbolic link`);
          continue;
        }
        if (readText(path) !== document.text) {
          notes.push(`${path}: not fixed, it changed on disk during the run`);
          continue;
        }
        // In place, so the file keeps its inode, mode and owner.
        writeFileSync(path, (hasBom(path) ? '\ufeff' : '') + result.text);
      } catch (error) {
        errors.push(
          `${path}: could not write the fixes: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
    } else {
      diff += unifiedDiff(path, path, document.text, result.text);
    }
    texts.set(resolve(path), result.text);
    for (const [code, count] of Object.entries(result.fixed)) {
      fixed[code] = (fixed[code] ?? 0) + count;
    }
  }
  const files = texts.size;
  notes.push(
    files === 0
      ? 'no safe fixes to apply'
      : `${write ? 'fixed' : 'would fix'} ${describeFixed(fixed)} in ${files} file${files === 1 ? '' : 's'}`,
  );
  return { texts, diff, fixed, files, notes, errors };
}
