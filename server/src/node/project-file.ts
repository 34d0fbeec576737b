/**
 * The project settings file, `.halint.json`, for both hosts: where it is (the nearest one at or
 * above a folder), how it is read (through the safe reader: a FIFO or device named
 * `.halint.json` is refused, not waited on) and what its keys mean outside the language
 * settings: `nodes`, `includeRoots` and `scan`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve, sep } from 'node:path';
import { DEFAULT_SETTINGS, readNodeMapping, resolveSettings } from '../core/index.js';
import type { NodeMapping, ServiceSettings } from '../core/index.js';
import { describeFsError } from './discover.js';
import { readConfigFile } from './read-file.js';
import { readScanLimits, SETTINGS_FILE_NAME, type ScanLimits } from './scan.js';

/** Settings of a run and the file they came from, if any. */
interface ProjectSettings {
  readonly settings: ServiceSettings;
  /** Absolute path of the `.halint.json` used; undefined when none was found. */
  readonly configPath?: string;
  /** The file's `nodes`, when it maps the cluster's nodes to files. */
  readonly mapping?: NodeMapping;
  /**
   * Folders includes may reach besides the ones given on the command line and the settings
   * file's own folder: `includeRoots`, relative to the settings file (absolute paths).
   */
  readonly includeRoots?: readonly string[];
  /** The file's `scan` limits over the defaults. */
  readonly scan: ScanLimits;
  /** The file as parsed, for the settings read outside the core (the daemons' checks). */
  readonly file?: Readonly<Record<string, unknown>>;
}

/** A `.halint.json` that exists but cannot be used. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    /** The file. */
    readonly path: string,
    /** What is wrong with it, without the path. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Folder a command-line path stands for: itself for a directory, its parent otherwise. */
export function folderOf(path: string): string {
  const absolute = resolve(path);
  try {
    if (statSync(absolute).isDirectory()) return absolute;
  } catch {
    // Missing paths are reported by discovery; their parent still says where the project is.
  }
  return dirname(absolute);
}

/** Deepest folder containing every folder in the list. */
function commonFolder(folders: readonly string[]): string {
  const split = (folder: string): string[] => folder.split(sep).filter((part) => part !== '');
  const first = folders[0] ?? process.cwd();
  const root = parsePath(first).root;
  let common = split(first);
  for (const folder of folders.slice(1)) {
    // Different roots (Windows drives) share no folder; fall back to the first root.
    if (parsePath(folder).root !== root) return root;
    const parts = split(folder);
    let length = 0;
    while (length < common.length && length < parts.length && common[length] === parts[length]) {
      length++;
    }
    common = common.slice(0, length);
  }
  return join(root, ...common);
}

/**
 * Finds the nearest `.halint.json` at or above `start`. Anything by that name counts, so that a
 * FIFO or a folder named `.halint.json` is an error when read rather than silently passed over
 * for a file further up.
 */
export function findProjectFile(start: string): string | undefined {
  let folder = start;
  for (;;) {
    const candidate = join(folder, SETTINGS_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Reads and parses a `.halint.json` into its JSON object.
 *
 * @throws {@link ConfigError} when the file cannot be read, is not JSON or is not an object.
 */
export function readProjectFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readConfigFile(path);
  } catch (error) {
    const reason = describeFsError(error);
    throw new ConfigError(`cannot read '${path}': ${reason}`, path, reason);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid JSON in '${path}': ${reason}`, path, reason);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const reason = 'expected a JSON object';
    throw new ConfigError(`invalid settings in '${path}': ${reason}`, path, reason);
  }
  return value as Record<string, unknown>;
}

/** The `includeRoots` of a parsed `.halint.json` in `folder`, as absolute paths. */
export function includeRootsOf(value: Record<string, unknown>, folder: string): string[] {
  const roots = value['includeRoots'];
  return Array.isArray(roots)
    ? roots
        .filter((root): root is string => typeof root === 'string' && root !== '')
        .map((root) => resolve(folder, root))
    : [];
}

/**
 * Loads the settings that apply to the given command-line paths: the nearest `.halint.json` above
 * their common folder, resolved by the core so that unknown keys are ignored.
 *
 * @throws {@link ConfigError} when the file cannot be read, is not JSON or is not an object.
 */
export function loadProjectSettings(paths: readonly string[]): ProjectSettings {
  const configPath = findProjectFile(commonFolder(paths.map(folderOf)));
  if (configPath === undefined) return { settings: DEFAULT_SETTINGS, scan: readScanLimits({}) };
  const value = readProjectFile(configPath);
  const mapping = readNodeMapping(value, dirname(configPath));
  const includeRoots = includeRootsOf(value, dirname(configPath));
  return {
    settings: resolveSettings(value),
    configPath,
    ...(mapping ? { mapping } : {}),
    ...(includeRoots.length > 0 ? { includeRoots } : {}),
    scan: readScanLimits(value['scan']),
    file: value,
  };
}

/** Applies the command-line versions on top of the project settings (the command line wins). */
export function withVersions(
  settings: ServiceSettings,
  versions: { readonly haproxy?: string; readonly keepalived?: string },
): ServiceSettings {
  return resolveSettings(
    {
      haproxy: versions.haproxy === undefined ? {} : { version: versions.haproxy },
      keepalived: versions.keepalived === undefined ? {} : { version: versions.keepalived },
    },
    settings,
  );
}

/** A JSON object as settings hold it. */
export type JsonObject = Record<string, unknown>;

/** `value` when it is a JSON object (not an array or null), else undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}
