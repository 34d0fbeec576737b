import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve, sep } from 'node:path';
import { DEFAULT_SETTINGS, readNodeMapping, resolveSettings } from '../core/index.js';
import type { NodeMapping, ServiceSettings } from '../core/index.js';
import { describeFsError, readText } from './discover.js';

/** Name of the project settings file. */
export const CONFIG_FILE = '.halint.json';

/** Settings of a run and the file they came from, if any. */
export interface ProjectSettings {
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
}

/** A `.halint.json` that exists but cannot be used. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
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

/** Finds the nearest `.halint.json` at or above `start`. */
export function findConfig(start: string): string | undefined {
  let folder = start;
  for (;;) {
    const candidate = join(folder, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Loads the settings that apply to the given command-line paths: the nearest `.halint.json` above
 * their common folder, resolved by the core so that unknown keys are ignored.
 *
 * @throws {@link ConfigError} when the file cannot be read, is not JSON or is not an object.
 */
export function loadProjectSettings(paths: readonly string[]): ProjectSettings {
  const configPath = findConfig(commonFolder(paths.map(folderOf)));
  if (configPath === undefined) return { settings: DEFAULT_SETTINGS };
  let text: string;
  try {
    text = readText(configPath);
  } catch (error) {
    throw new ConfigError(`cannot read '${configPath}': ${describeFsError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid JSON in '${configPath}': ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`invalid settings in '${configPath}': expected a JSON object`);
  }
  const mapping = readNodeMapping(value, dirname(configPath));
  const roots = (value as Record<string, unknown>)['includeRoots'];
  const includeRoots = Array.isArray(roots)
    ? roots
        .filter((root): root is string => typeof root === 'string' && root !== '')
        .map((root) => resolve(dirname(configPath), root))
    : [];
  return {
    settings: resolveSettings(value),
    configPath,
    ...(mapping ? { mapping } : {}),
    ...(includeRoots.length > 0 ? { includeRoots } : {}),
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
