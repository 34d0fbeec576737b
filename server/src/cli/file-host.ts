/**
 * The Node.js `FileHost`: reads included files from disk and expands include globs the way
 * keepalived's glob(3) call does (`*`, `?`, `[…]`, `{a,b}`, sorted results). Identifiers are file
 * paths, as given on the command line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import type { FileHost } from '../core/index.js';

const MAGIC = /[*?[{]/;

/** A regular expression matching one path segment against a glob segment. */
export function globSegmentToRegExp(segment: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = segment
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces += 1;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else source += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  // An unbalanced `{` is literal for glob(3); close the group so the expression stays valid.
  source += ')'.repeat(braces);
  return new RegExp(`^${source}$`);
}

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
  // `join` keeps a relative including path relative, so reported paths look like the ones given.
  const full = isAbsolute(pattern) ? pattern : join(dirname(relativeTo), pattern);
  const segments = full.split(sep);
  let current = [isAbsolute(full) ? sep : ''];
  for (const segment of segments) {
    if (segment === '') continue;
    if (!MAGIC.test(segment)) {
      current = current.map((base) => join(base, segment));
      continue;
    }
    const regex = globSegmentToRegExp(segment);
    current = current.flatMap((base) =>
      entries(base === '' ? '.' : base)
        // glob(3) never lets a wildcard match a leading dot.
        .filter((name) => regex.test(name) && (!name.startsWith('.') || segment.startsWith('.')))
        .map((name) => join(base, name)),
    );
  }
  return current.filter(isFile).sort();
}

/**
 * A disk-backed `FileHost`. `overlay` is consulted first (the editor's unsaved buffers); it
 * receives and returns file paths.
 */
export function createDiskFileHost(overlay?: (path: string) => string | undefined): FileHost {
  return {
    readFile(path) {
      const open = overlay?.(path);
      if (open !== undefined) return open;
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    glob: globFiles,
  };
}
