/**
 * Where the cross-node checks look when the client names no workspace folder (an editor started
 * on one file): the cluster root is found above the opened file, and what was chosen, or why
 * nothing was, is said in the log.
 *
 * @packageDocumentation
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildCluster,
  createLanguageService,
  DEFAULT_SETTINGS,
  languageFromName,
  type ClusterNodeInput,
  type KeepalivedDocument,
  type LanguageService,
} from '../core/index.js';
import { SETTINGS_FILE_NAME } from '../node/scan.js';

/** How far up a `.halint.json` is looked for. */
const MAX_LEVELS = 8;
/** Sibling folders compared with the opened file's folder; the rest are not read. */
const MAX_SIBLINGS = 64;
/** A configuration file larger than this is not read for the guess. */
const MAX_FILE_BYTES = 1024 * 1024;
/** A document symbol of a HAProxy proxy section with its name (`backend be_app`). */
const PROXY_SECTION = /^(?:frontend|backend|listen) \S/;

/** A cluster root and the reason it was chosen, for the log. */
interface ClusterRoot {
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

/** Parser for the guess only, made on first use. */
let parser: LanguageService | undefined;

/** The Keepalived files directly in a folder (by name: `keepalived*.conf`), parsed. */
function keepalivedFiles(folder: string): KeepalivedDocument[] {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter(
        (entry) => entry.isFile() && languageFromName(join(folder, entry.name)) === 'keepalived',
      )
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
  const documents: KeepalivedDocument[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      if (statSync(path).size > MAX_FILE_BYTES) continue;
      parser ??= createLanguageService();
      const document = parser.parse(
        'keepalived',
        pathToFileURL(path).href,
        readFileSync(path, 'utf8'),
      );
      if (document.languageId === 'keepalived') documents.push(document);
    } catch {
      // Unreadable: it gives no evidence either way.
    }
  }
  return documents;
}

/** The names of the proxies (`frontend`, `backend`, `listen`) of a folder's `haproxy*.cfg` files. */
function proxyNames(folder: string): Set<string> {
  const names = new Set<string>();
  let files: string[];
  try {
    files = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && languageFromName(join(folder, entry.name)) === 'haproxy')
      .map((entry) => entry.name);
  } catch {
    return names;
  }
  for (const name of files) {
    const path = join(folder, name);
    try {
      if (statSync(path).size > MAX_FILE_BYTES) continue;
      parser ??= createLanguageService();
      const document = parser.parse(
        'haproxy',
        pathToFileURL(path).href,
        readFileSync(path, 'utf8'),
      );
      for (const symbol of parser.getDocumentSymbols(document)) {
        if (PROXY_SECTION.test(symbol.name)) names.add(symbol.name);
      }
    } catch {
      // Unreadable: it gives no evidence either way.
    }
  }
  return names;
}

/**
 * The sibling node folders that belong with `own`: when `own` holds Keepalived files, those whose
 * Keepalived files share a VRRP group with it, by the cluster model's own rule (a shared virtual
 * IP or instance name), so that two unrelated folders that merely both hold a `keepalived.conf`
 * are not taken as one cluster; when `own` holds none (HAProxy-only nodes, which the cluster
 * analysis compares all together), the siblings that hold no Keepalived file either and name at
 * least one proxy (`frontend`, `backend` or `listen`) as `own` does.
 */
function peersOf(
  parent: string,
  own: string,
  candidates: readonly string[],
): { peers: string[]; evidence: string } {
  const ownFiles = keepalivedFiles(join(parent, own));
  const files = new Map(candidates.map((name) => [name, keepalivedFiles(join(parent, name))]));
  if (ownFiles.length === 0) {
    const ownProxies = proxyNames(join(parent, own));
    return {
      peers: candidates.filter(
        (name) =>
          files.get(name)?.length === 0 &&
          [...proxyNames(join(parent, name))].some((proxy) => ownProxies.has(proxy)),
      ),
      evidence: 'share a proxy name, with no Keepalived configuration',
    };
  }
  const nodes: ClusterNodeInput[] = [{ name: own, haproxy: [], keepalived: ownFiles }];
  for (const [name, keepalived] of files) {
    if (keepalived.length > 0) nodes.push({ name, haproxy: [], keepalived });
  }
  const model = buildCluster({ nodes, settings: DEFAULT_SETTINGS });
  const peers = new Set<string>();
  for (const group of model.groups) {
    const names = group.members.map((member) => member.node.name);
    if (!names.includes(own)) continue;
    for (const name of names) if (name !== own) peers.add(name);
  }
  return {
    peers: candidates.filter((name) => peers.has(name)),
    evidence: 'share a VRRP group',
  };
}

/**
 * The cluster root above a file, or undefined:
 *
 * 1. the nearest folder holding a `.halint.json` (the project's root, where node mappings live);
 * 2. else the folder above the file's own, when another of its sub-folders holds a file of the
 *    same name (`lb1/keepalived.conf`, `lb2/keepalived.conf`) and is a node of the same cluster
 *    (see {@link peersOf}): the folder of node folders. `/etc` (with `haproxy/haproxy.cfg` beside
 *    `keepalived/keepalived.conf`) is no such folder, nor is `/tmp` with two unrelated set-ups.
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
  const own = basename(nodeFolder);
  const candidates = subfolders(parent)
    .filter((sub) => sub !== own && isFile(join(parent, sub, name)))
    .slice(0, MAX_SIBLINGS);
  if (candidates.length === 0) return undefined;
  const { peers, evidence } = peersOf(parent, own, candidates);
  if (peers.length === 0) return undefined;
  const nodes = [own, ...peers].sort();
  const left = candidates.length - peers.length;
  return {
    path: parent,
    reason: `its folders ${nodes.map((node) => `${node}/`).join(', ')} each hold ${name} and ${evidence}${
      left > 0 ? ` (${left} other folder${left === 1 ? '' : 's'} there with ${name} left out)` : ''
    }`,
  };
}
