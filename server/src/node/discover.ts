/**
 * What a command line names, as configuration files: named files read and recognised, named
 * directories scanned. Shared by `halint`, `halint topology` and `halint lab`.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectLanguage, type LanguageId } from '../core/index.js';
import { readConfigFile } from './read-file.js';
import {
  DEFAULT_SCAN_LIMITS,
  MAX_SCAN_ENTRIES,
  scanFolders,
  type ScanCut,
  type ScanLimits,
} from './scan.js';

/** A configuration file to analyse. */
export interface SourceFile {
  /** As given on the command line, or joined with the directory it was found in. */
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
}

/** Files found, sorted by path, and the problems met on the way (one message each). */
interface Discovery {
  readonly files: SourceFile[];
  /** What could not be read or was left unchecked: the run fails with exit status 2. */
  readonly errors: string[];
  /** What the user should know without failing the run (folders too deep to search). */
  readonly notes: string[];
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
 * Expands the command-line paths into the configuration files to analyse.
 *
 * Named files are recognised by name, then by content, unless `forced` sets their language; a
 * named file that is not recognised is an error. Directories are scanned as the language server
 * scans its workspace ({@link scanFolders}): `.cfg` and `.conf` files recognised by name, then by
 * content, within `limits`. A file reached twice is analysed once, under the first path that
 * named it (named files before directory finds).
 */
export function discover(
  paths: readonly string[],
  forced?: LanguageId,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
): Discovery {
  const files: SourceFile[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
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

  if (directories.length > 0) {
    const scan = scanFolders(directories, { limits });
    for (const file of scan.files) add(file.path, file.language, file.text);
    for (const { path, error } of scan.problems) {
      errors.push(`cannot read '${path}': ${describeFsError(error)}`);
    }
    errors.push(...cutErrors(scan.cut, limits));
    notes.push(...cutNotes(scan.cut, limits));
  }

  files.sort((a, b) => comparePaths(a.path, b.path));
  return { files, errors, notes };
}

/**
 * What the scan left unchecked for certain: configuration files it did not read, or the folders
 * after the entry budget. These are errors (exit status 2): a run that passes must have checked
 * everything it was asked to.
 */
function cutErrors(cut: ScanCut, limits: ScanLimits): string[] {
  const errors: string[] = [];
  if (cut.filesLeftOut > 0) {
    errors.push(
      `stopped reading after ${limits.maxFiles} configuration files: ${cut.filesLeftOut} more .cfg/.conf files below the paths given were not read; raise the limit with --max-files or "scan": {"maxFiles": N} in .halint.json`,
    );
  }
  if (cut.entriesExhaustedAt !== undefined) {
    errors.push(
      `stopped searching at '${cut.entriesExhaustedAt}': more than ${MAX_SCAN_ENTRIES} entries below the paths given`,
    );
  }
  return errors;
}

/**
 * What the scan did not look at without knowing whether it mattered: folders deeper than the
 * limit may hold nothing of interest (source trees often go deeper), so they are a note.
 */
function cutNotes(cut: ScanCut, limits: ScanLimits): string[] {
  if (cut.foldersTooDeep === 0) return [];
  const folders = cut.foldersTooDeep === 1 ? 'folder' : 'folders';
  return [
    `not searched: ${cut.foldersTooDeep} ${folders} more than ${limits.maxDepth} levels below the paths given (the first is '${cut.firstTooDeep ?? ''}'); raise the limit with --max-depth or "scan": {"maxDepth": N} in .halint.json`,
  ];
}
