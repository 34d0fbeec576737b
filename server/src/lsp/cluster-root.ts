/**
 * Where the cross-node checks look when the client names no workspace folder (an editor started
 * on one file): the cluster root is found above the opened file, and what was chosen, or why
 * nothing was, is said in the log.
 *
 * @packageDocumentation
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SETTINGS_FILE_NAME } from './settings.js';

/** How far up a `.halint.json` is looked for. */
const MAX_LEVELS = 8;

/** A cluster root and the reason it was chosen, for the log. */
export interface ClusterRoot {
  readonly path: string;
  readonly reason: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function subfolders(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * The cluster root above a file, or undefined:
 *
 * 1. the nearest folder holding a `.halint.json` (the project's root, where node mappings live);
 * 2. else the folder above the file's own, when at least two of its sub-folders hold a file of
 *    the same name (`lb1/keepalived.conf`, `lb2/keepalived.conf`): the folder of node folders.
 *    `/etc` (with `haproxy/haproxy.cfg` beside `keepalived/keepalived.conf`) is no such folder.
 */
export function findClusterRoot(file: string): ClusterRoot | undefined {
  let folder = dirname(file);
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (isFile(join(folder, SETTINGS_FILE_NAME))) {
      return { path: folder, reason: `it holds ${SETTINGS_FILE_NAME}` };
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  const nodeFolder = dirname(file);
  const parent = dirname(nodeFolder);
  if (parent === nodeFolder) return undefined;
  const name = basename(file);
  const nodes = subfolders(parent).filter((sub) => isFile(join(parent, sub, name)));
  if (nodes.length < 2) return undefined;
  return {
    path: parent,
    reason: `its folders ${nodes.map((node) => `${node}/`).join(', ')} each hold ${name}`,
  };
}
