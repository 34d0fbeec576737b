/**
 * The Node.js `FileHost`: reads included files from disk and expands include globs the way
 * keepalived's glob(3) call does (`*`, `?`, `[…]`, `{a,b}`, sorted results). Identifiers are file
 * paths, as given on the command line.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { expandBraces, hasGlobMagic, segmentMatcher, type FileHost } from '../core/index.js';
import { readConfigFile } from './read-file.js';

/** Most directory entries one glob may list: a star in every segment must not walk the disk. */
const MAX_GLOB_ENTRIES = 100_000;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Files matching `pattern`, resolved against the folder of `relativeTo`. */
export function globFiles(pattern: string, relativeTo: string): string[] {
  // Braces are expanded first, as GLOB_BRACE does; an expansion past the limits matches nothing
  // (the core reports the limit before it asks).
  const alternatives = expandBraces(pattern) ?? [];
  const found = new Set<string>();
  let budget = MAX_GLOB_ENTRIES;
  for (const alternative of alternatives) {
    // `join` keeps a relative including path relative, so reported paths look like the ones given.
    const full = isAbsolute(alternative) ? alternative : join(dirname(relativeTo), alternative);
    let current = [isAbsolute(full) ? sep : ''];
    for (const segment of full.split(sep)) {
      if (segment === '') continue;
      if (!hasGlobMagic(segment)) {
        current = current.map((base) => join(base, segment));
        continue;
      }
      const matches = segmentMatcher(segment);
      const next: string[] = [];
      for (const base of current) {
        const names = entries(base === '' ? '.' : base);
        budget -= names.length;
        if (budget < 0) return [...found].sort();
        for (const name of names) if (matches(name)) next.push(join(base, name));
      }
      current = next;
    }
    for (const path of current) if (isFile(path)) found.add(path);
  }
  return [...found].sort();
}

/** `path` with symbolic links resolved, or made absolute when it does not exist. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Whether `path` lies inside one of `roots` (folders), symbolic links resolved on both sides: a
 * link in the workspace to `/etc/shadow` is outside.
 */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  const real = realPath(path);
  return roots.some((root) => {
    const folder = realPath(root);
    return real === folder || real.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  });
}

/**
 * A disk-backed `FileHost`. `overlay` is consulted first (the editor's unsaved buffers); it
 * receives and returns file paths. With `roots`, files outside those folders are neither read nor
 * followed (`FileHost.outside`).
 */
export function createDiskFileHost(
  overlay?: (path: string) => string | undefined,
  roots?: readonly string[],
): FileHost {
  const outside = (path: string): boolean => roots !== undefined && !insideRoots(path, roots);
  return {
    ...(roots ? { outside } : {}),
    readFile(path) {
      if (outside(path)) return undefined;
      const open = overlay?.(path);
      if (open !== undefined) return open;
      try {
        return readConfigFile(path);
      } catch {
        // Missing, unreadable and refused files (FIFOs, devices, /proc) all read as absent.
        return undefined;
      }
    },
    glob: globFiles,
  };
}
