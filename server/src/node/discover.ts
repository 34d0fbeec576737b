import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectLanguage, languageFromContent, languageFromName } from '../core/index.js';
import type { LanguageId } from '../core/index.js';
import { isPseudoFilePath, readConfigFile } from './read-file.js';

/** A configuration file to analyse. */
export interface SourceFile {
  /** As given on the command line, or joined with the directory it was found in. */
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
}

/** Files found, sorted by path, and the problems met on the way (one message each). */
export interface Discovery {
  readonly files: SourceFile[];
  readonly errors: string[];
}

/** Compares by UTF-16 code units so that the order does not depend on the locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Turns a file-system error into words, without the stack or the syscall name. */
export function describeFsError(error: unknown): string {
  switch ((error as { code?: unknown }).code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads a file as UTF-8 text without a byte-order mark, so columns match what editors show.
 * FIFOs, devices, `/proc` files and files over 8 MiB are refused with an error that
 * {@link describeFsError} puts into words.
 */
export function readText(path: string): string {
  return readConfigFile(path);
}

/**
 * Most directory entries one search visits: a path (or a `.halint.json` node) naming `/` must not
 * walk the whole file system.
 */
const MAX_WALK_ENTRIES = 200_000;

function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Expands the command-line paths into the configuration files to analyse.
 *
 * Named files are recognised by name, then by content, unless `forced` sets their language; a
 * named file that is not recognised is an error. Directories are searched recursively: files
 * whose name says HAProxy or Keepalived are taken, other `.cfg` / `.conf` files only when their
 * content is recognised. A file reached twice is analysed once, under the first path that named
 * it (named files before directory finds).
 */
export function discover(paths: readonly string[], forced?: LanguageId): Discovery {
  const files: SourceFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const directories: string[] = [];

  const add = (path: string, language: LanguageId, text: string): void => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path, language, text });
  };

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      errors.push(`cannot read '${path}': ${describeFsError(error)}`);
      continue;
    }
    if (isDirectory) {
      directories.push(path);
      continue;
    }
    let text: string;
    try {
      text = readText(path);
    } catch (error) {
      errors.push(`cannot read '${path}': ${describeFsError(error)}`);
      continue;
    }
    const language = forced ?? detectLanguage(path, text);
    if (language === undefined) {
      errors.push(
        `cannot tell whether '${path}' is a HAProxy or a Keepalived file; ` +
          `name it with --language haproxy|keepalived`,
      );
      continue;
    }
    add(path, language, text);
  }

  let budget = MAX_WALK_ENTRIES;
  let stopped = false;
  const walk = (directory: string): void => {
    if (stopped) return;
    let entries: Dirent[];
    try {
      // /proc, /sys and /dev hold no configuration, only endless or sensitive pseudo files.
      if (isPseudoFilePath(realpathSync(directory))) return;
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      errors.push(`cannot read '${directory}': ${describeFsError(error)}`);
      return;
    }
    budget -= entries.length;
    if (budget < 0) {
      stopped = true;
      errors.push(
        `stopped searching at '${directory}': more than ${MAX_WALK_ENTRIES} entries below the paths given`,
      );
      return;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isFile = entry.isFile();
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) walk(path);
        continue;
      }
      if (entry.isSymbolicLink()) {
        // Linked files count; linked folders are not followed, which rules out cycles.
        try {
          isFile = statSync(path).isFile();
        } catch {
          // A dangling link is not a configuration file anyone asked for by name.
          continue;
        }
      }
      if (!isFile) continue;
      const byName = languageFromName(path);
      const lower = entry.name.toLowerCase();
      if (byName === undefined && !lower.endsWith('.cfg') && !lower.endsWith('.conf')) continue;
      let text: string;
      try {
        text = readText(path);
      } catch (error) {
        errors.push(`cannot read '${path}': ${describeFsError(error)}`);
        continue;
      }
      const language = byName ?? languageFromContent(text);
      if (language !== undefined) add(path, language, text);
    }
  };
  for (const directory of directories) walk(directory);

  files.sort((a, b) => comparePaths(a.path, b.path));
  return { files, errors };
}
