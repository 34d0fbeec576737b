/**
 * The one folder walk of both hosts: `halint` searching the directories it is given and the
 * language server reading its workspace folders find the same configuration files, so the two
 * form the same clusters from the same folder.
 *
 * The walk is bounded (folder depth, configuration files read, directory entries listed, file
 * size) so that a home directory, a monorepo or `/` cannot stall either host, and it says what
 * the bounds cut instead of quietly checking less.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage, type LanguageId } from '../core/index.js';
import { isPseudoFilePath, MAX_CONFIG_BYTES, readConfigFile } from './read-file.js';

/** The limits of one scan, configurable per project. */
export interface ScanLimits {
  /** Deepest folder level searched below each folder scanned (0: its own files only). */
  readonly maxDepth: number;
  /** Most configuration files one scan reads; further candidates are counted, not read. */
  readonly maxFiles: number;
}

/** The limits when nothing sets them: those the language server has always used. */
export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDepth: 8, maxFiles: 2000 };

/**
 * The values the limits may take. The depth stays low enough that a `files.exclude` pattern with
 * several `**` stays cheap to match against any path the walk produces, and the file count below
 * the entry budget.
 */
export const SCAN_LIMIT_RANGES: Readonly<Record<keyof ScanLimits, readonly [number, number]>> = {
  maxDepth: [0, 32],
  maxFiles: [1, 100_000],
};

/**
 * Most directory entries one scan lists, whatever the limits: a folder of millions of unrelated
 * files (or a scan of `/`) must end. Not configurable; the message says where it stopped.
 */
export const MAX_SCAN_ENTRIES = 200_000;

/** Name of the project settings file, which the scan reports wherever it finds one. */
export const SETTINGS_FILE_NAME = '.halint.json';

/** True when `value` is a whole number inside the range of `key`. */
function isScanLimit(key: keyof ScanLimits, value: unknown): value is number {
  const [low, high] = SCAN_LIMIT_RANGES[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;
}

/**
 * Reads limits from loosely typed input (the `scan` object of `.halint.json`, an editor
 * setting), over `base`: a missing or malformed value keeps the base's, as other settings do.
 */
export function readScanLimits(input: unknown, base: ScanLimits = DEFAULT_SCAN_LIMITS): ScanLimits {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return base;
  const raw = input as Record<string, unknown>;
  return {
    maxDepth: isScanLimit('maxDepth', raw['maxDepth']) ? raw['maxDepth'] : base.maxDepth,
    maxFiles: isScanLimit('maxFiles', raw['maxFiles']) ? raw['maxFiles'] : base.maxFiles,
  };
}

/**
 * Folders never searched: installed packages, build output and every dot folder (version
 * control, editor and tool caches such as `.git`, `.venv` or `.terraform`, which hold copies of
 * configurations that would count as extra nodes). A folder named explicitly is still scanned.
 */
function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name === 'dist' || name === 'out' || name.startsWith('.');
}

/** Files worth reading: `.cfg` and `.conf`; the detector then decides by name, then content. */
function isCandidateFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.cfg') || lower.endsWith('.conf');
}

/**
 * Whether the scan of `root` would reach the file at `relative` (a `/`-separated path below it):
 * no skipped or excluded folder on the way, not deeper than the limit, a candidate name. Used to
 * take in or leave out one file a host hears about after the scan.
 */
export function reachable(
  relative: string,
  limits: ScanLimits,
  exclude: (relative: string) => boolean = () => false,
): boolean {
  const parts = relative.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts.length - 1 > limits.maxDepth || !isCandidateFile(name)) return false;
  for (let i = 0; i < parts.length; i++) {
    if (i < parts.length - 1 && isSkippedFolder(parts[i] ?? '')) return false;
    if (exclude(parts.slice(0, i + 1).join('/'))) return false;
  }
  return true;
}

/** How one scan runs. */
interface ScanOptions {
  readonly limits?: ScanLimits;
  /** Paths (relative to the folder scanned, `/`-separated) left out with what is below them. */
  readonly exclude?: (relative: string) => boolean;
  /**
   * Told about every folder before it is listed and every candidate file before it is read: the
   * server notes their modification stamps there, so that a later poll sees what changed since.
   */
  readonly visit?: (path: string, kind: 'folder' | 'file') => void;
  /** Largest file read, in bytes (default: the reader's). */
  readonly maxFileBytes?: number;
}

/** A configuration file the scan read and recognised. */
interface ScannedFile {
  /** The folder scanned joined with the path below it (relative stays relative). */
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
}

/** What the limits cut from a scan; all zero or undefined when nothing was cut. */
export interface ScanCut {
  /** Candidate files not read because `maxFiles` configuration files had been read. */
  readonly filesLeftOut: number;
  /** Folders not entered because they lie deeper than `maxDepth`. */
  readonly foldersTooDeep: number;
  /** The first of those folders, to point at. */
  readonly firstTooDeep?: string;
  /** The folder where the entry budget ran out; nothing after it was listed. */
  readonly entriesExhaustedAt?: string;
}

/** What one scan found. */
export interface ScanResult {
  /** Configuration files, in walk order (entries sorted by name, depth first). */
  readonly files: ScannedFile[];
  /** Candidate files read whose language was not recognised. */
  readonly unrecognised: string[];
  /** Every `.halint.json` met (the server reads the node mappings of all of them). */
  readonly settingsFiles: string[];
  /**
   * Candidates that are no regular file (FIFOs, sockets, devices, links to them): never read,
   * since reading a FIFO waits for a writer and `/dev/zero` never ends.
   */
  readonly irregular: string[];
  /** Folders and candidate files that could not be read, with the error. */
  readonly problems: { readonly path: string; readonly error: unknown }[];
  readonly cut: ScanCut;
}

/**
 * What an entry is, links followed: a linked folder counts as one (and is not entered), a
 * dangling link as nothing at all.
 */
function kindOf(entry: Dirent, path: string): 'file' | 'folder' | 'other' | undefined {
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return undefined;
  }
}

/** Orders by UTF-16 code units, so that the walk does not depend on a locale. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Scans folders for configuration files. `maxFiles` and the entry budget count over all the
 * folders of one call; `maxDepth` counts from each of them. Folders linked by symbolic links are
 * not followed (no cycles), linked files are; `/proc`, `/sys` and `/dev` are never listed.
 */
export function scanFolders(roots: readonly string[], options: ScanOptions = {}): ScanResult {
  const limits = options.limits ?? DEFAULT_SCAN_LIMITS;
  const exclude = options.exclude ?? (() => false);
  const maxBytes = options.maxFileBytes ?? MAX_CONFIG_BYTES;
  const files: ScannedFile[] = [];
  const unrecognised: string[] = [];
  const settingsFiles: string[] = [];
  const irregular: string[] = [];
  const problems: { path: string; error: unknown }[] = [];
  let filesLeftOut = 0;
  let foldersTooDeep = 0;
  let firstTooDeep: string | undefined;
  let entriesExhaustedAt: string | undefined;
  let budget = MAX_SCAN_ENTRIES;

  const readCandidate = (path: string): void => {
    let text: string;
    try {
      text = readConfigFile(path, maxBytes);
    } catch (error) {
      problems.push({ path, error });
      return;
    }
    const language = detectLanguage(path, text);
    if (language === undefined) unrecognised.push(path);
    else files.push({ path, language, text });
  };

  const walk = (folder: string, relative: string, depth: number): void => {
    if (entriesExhaustedAt !== undefined) return;
    options.visit?.(folder, 'folder');
    let entries: Dirent[];
    try {
      // A path (or a link) leading into /proc, /sys or /dev holds only endless or secret files.
      if (isPseudoFilePath(realpathSync(folder))) return;
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, error });
      return;
    }
    budget -= entries.length;
    if (budget < 0) {
      entriesExhaustedAt = folder;
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      if (entriesExhaustedAt !== undefined) return;
      const path = join(folder, entry.name);
      const below = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (exclude(below)) continue;
      if (entry.isDirectory()) {
        if (isSkippedFolder(entry.name)) continue;
        if (depth < limits.maxDepth) walk(path, below, depth + 1);
        else {
          foldersTooDeep++;
          firstTooDeep ??= path;
        }
        continue;
      }
      if (entry.name === SETTINGS_FILE_NAME) {
        settingsFiles.push(path);
        continue;
      }
      if (!isCandidateFile(entry.name)) continue;
      if (files.length >= limits.maxFiles) {
        filesLeftOut++;
        continue;
      }
      options.visit?.(path, 'file');
      const kind = kindOf(entry, path);
      if (kind === 'other') irregular.push(path);
      else if (kind === 'file') readCandidate(path);
    }
  };

  for (const root of roots) walk(root, '', 0);
  return {
    files,
    unrecognised,
    settingsFiles,
    irregular,
    problems,
    cut: {
      filesLeftOut,
      foldersTooDeep,
      ...(firstTooDeep !== undefined ? { firstTooDeep } : {}),
      ...(entriesExhaustedAt !== undefined ? { entriesExhaustedAt } : {}),
    },
  };
}
