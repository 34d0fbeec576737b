/**
 * Decides which files form which node, and which nodes form one cluster, before any analysis.
 * Hosts (the LSP server over a workspace, the CLI over its arguments) hand in every parsed file
 * they know; the plan says what `analyseCluster` runs on.
 *
 * Identifiers are the host's document identifiers (URIs or absolute paths). Both use `/` between
 * folders, so folder arithmetic here is plain string work, with no file-system access.
 */
import type { FileHost } from '../common/file-host.js';
import type { HaproxyDocument, KeepalivedDocument, ParsedDocument } from '../document.js';
import { expandKeepalived } from '../keepalived/analysis/expand.js';
import type { ClusterNodeInput } from './model.js';

/** One node as `.halint.json` `nodes` describes it. */
interface NodeMappingEntry {
  /** Files of the node, relative to the folder of the settings file (or absolute). */
  readonly files: readonly string[];
  readonly configId?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** The `nodes` of one settings file, with the folder its relative paths start from. */
export interface NodeMapping {
  /** Identifier of the folder holding the settings file (URI or path, no trailing `/`). */
  readonly base: string;
  readonly nodes: Readonly<Record<string, NodeMappingEntry>>;
}

/** Nodes analysed together. */
export interface ClusterPlan {
  /** Stable identifier: the folder holding the node folders, or the mapping's folder. */
  readonly id: string;
  readonly nodes: readonly ClusterNodeInput[];
}

/** Folder part of an identifier (without the trailing `/`). */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash <= 0 ? uri.slice(0, Math.max(slash, 0)) || '/' : uri.slice(0, slash);
}

/** Last path segment of an identifier. */
export function baseName(uri: string): string {
  const trimmed = uri.endsWith('/') ? uri.slice(0, -1) : uri;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Joins a relative path onto a folder identifier, resolving `.` and `..` segments. */
function joinPath(base: string, relative: string): string {
  if (relative.startsWith('/')) {
    // An absolute path beside a URI base keeps the base's scheme and authority.
    const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(base);
    return normalise((scheme?.[0] ?? '') + relative);
  }
  return normalise(`${base}/${relative}`);
}

function normalise(path: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of path.slice(scheme.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${scheme}/${parts.join('/')}`;
}

/** Compares by UTF-16 code units so that the order never depends on a locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A sub-folder whose HAProxy files extend the node above it, as `haproxy -f haproxy.cfg -f
 * conf.d/` is commonly run (`conf.d`, `haproxy.d`, `sites-enabled`…).
 */
function isExtensionFolder(name: string): boolean {
  return name.endsWith('.d') || name === 'sites-enabled' || name === 'conf-enabled';
}

/** Files a Keepalived document includes, nested includes and `$NAME` paths resolved. */
function includedBy(document: KeepalivedDocument, files: FileHost | undefined): Iterable<string> {
  if (!files) return [];
  return expandKeepalived(document.parse.ast, { uri: document.uri, files }).included;
}

function nodeInput(
  name: string,
  documents: readonly ParsedDocument[],
  entry?: NodeMappingEntry,
  haproxyConfig?: readonly HaproxyDocument[],
): ClusterNodeInput {
  const haproxy = documents.filter((d): d is HaproxyDocument => d.languageId === 'haproxy');
  // A mapping lists the files of the node's HAProxy in the order it reads them.
  const together = haproxyConfig ?? (entry ? haproxy : []);
  const keepalived = documents.filter(
    (d): d is KeepalivedDocument => d.languageId === 'keepalived',
  );
  return {
    name,
    ...(entry?.configId !== undefined ? { configId: entry.configId } : {}),
    ...(entry?.env !== undefined ? { env: entry.env } : {}),
    ...(together.length > 1 ? { haproxyConfig: together } : {}),
    haproxy,
    keepalived,
  };
}

/**
 * Plans the clusters for a set of documents.
 *
 * - A mapping (`.halint.json` `nodes`) names its nodes and their files; those nodes form one
 *   cluster, and a file may belong to several nodes (a shared `keepalived.conf` with `@lb1` /
 *   `@lb2` lines). Mapped files are not placed anywhere else.
 * - Every other file belongs to the node of its folder; HAProxy files of a `conf.d`-like
 *   sub-folder belong to the folder above. A Keepalived file that another Keepalived file of the
 *   set includes is read through that include only. Nodes whose folders share a parent form one
 *   cluster, so `examples/lb1` and `examples/lb2` are checked together while an unrelated folder
 *   elsewhere in the workspace is not.
 * - HAProxy files of a node are in load order: `haproxy.cfg` first, then by name.
 *
 * `absolute` turns a document identifier into an absolute one (the CLI prints the paths it was
 * given, which may be relative); mappings and folders are compared on absolute identifiers.
 */
export function planClusters(
  documents: readonly ParsedDocument[],
  mappings: readonly NodeMapping[] = [],
  files?: FileHost,
  absolute: (uri: string) => string = (uri) => uri,
): ClusterPlan[] {
  const where = new Map(documents.map((document) => [document, absolute(document.uri)]));
  const at = (document: ParsedDocument): string => where.get(document) ?? document.uri;
  const byUri = new Map(documents.map((document) => [at(document), document]));
  const mapped = new Set<string>();
  const plans: ClusterPlan[] = [];

  for (const mapping of mappings) {
    const nodes: ClusterNodeInput[] = [];
    for (const name of Object.keys(mapping.nodes).sort(byName)) {
      const entry = mapping.nodes[name];
      if (!entry) continue;
      const nodeDocuments: ParsedDocument[] = [];
      for (const file of entry.files) {
        const document = byUri.get(joinPath(mapping.base, file));
        if (!document) continue;
        mapped.add(document.uri);
        nodeDocuments.push(document);
      }
      nodes.push(nodeInput(name, nodeDocuments, entry));
    }
    if (nodes.length > 0) plans.push({ id: mapping.base, nodes });
  }

  const included = new Set<string>();
  for (const document of documents) {
    if (document.languageId === 'keepalived' && !mapped.has(document.uri)) {
      for (const uri of includedBy(document, files)) {
        const target = byUri.get(absolute(uri));
        if (target && target !== document) included.add(target.uri);
      }
    }
  }

  // Folder of the node each remaining file belongs to.
  const nodeFolders = new Map<string, ParsedDocument[]>();
  for (const document of documents) {
    if (mapped.has(document.uri) || included.has(document.uri)) continue;
    let folder = folderOf(at(document));
    if (document.languageId === 'haproxy' && isExtensionFolder(baseName(folder))) {
      folder = folderOf(folder);
    }
    const list = nodeFolders.get(folder);
    if (list) list.push(document);
    else nodeFolders.set(folder, [document]);
  }

  const clusters = new Map<string, ClusterNodeInput[]>();
  for (const folder of [...nodeFolders.keys()].sort(byName)) {
    const nodeDocuments = (nodeFolders.get(folder) ?? []).slice().sort((a, b) => {
      const mainA = baseName(at(a)) === 'haproxy.cfg' && folderOf(at(a)) === folder ? 0 : 1;
      const mainB = baseName(at(b)) === 'haproxy.cfg' && folderOf(at(b)) === folder ? 0 : 1;
      return mainA - mainB || byName(at(a), at(b));
    });
    // haproxy.cfg and the files of its conf.d-like folders are one configuration; other HAProxy
    // files beside haproxy.cfg may be separate instances and are read alone.
    const together = nodeDocuments.filter(
      (d): d is HaproxyDocument =>
        d.languageId === 'haproxy' &&
        (folderOf(at(d)) !== folder || baseName(at(d)) === 'haproxy.cfg'),
    );
    const parent = folderOf(folder);
    const list = clusters.get(parent) ?? [];
    list.push(nodeInput(baseName(folder) || folder, nodeDocuments, undefined, together));
    clusters.set(parent, list);
  }
  for (const [id, nodes] of clusters) plans.push({ id, nodes });
  return plans;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') result[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
  }
  return result;
}

/**
 * Reads the `nodes` of a parsed `.halint.json` (`{"nodes": {"lb1": {"files": [...], "configId":
 * "lb1", "env": {...}}}}`). Entries of the wrong shape are skipped, as unknown settings are: a
 * typo must not stop the rest of the analysis. Undefined when the file maps no node.
 */
export function readNodeMapping(settings: unknown, base: string): NodeMapping | undefined {
  if (typeof settings !== 'object' || settings === null) return undefined;
  const nodes = (settings as { nodes?: unknown }).nodes;
  if (typeof nodes !== 'object' || nodes === null || Array.isArray(nodes)) return undefined;
  const result: Record<string, NodeMappingEntry> = {};
  for (const [name, value] of Object.entries(nodes)) {
    if (typeof value !== 'object' || value === null) continue;
    const raw = value as { files?: unknown; configId?: unknown; env?: unknown };
    const files = Array.isArray(raw.files)
      ? raw.files.filter((file): file is string => typeof file === 'string')
      : [];
    if (files.length === 0) continue;
    const env = stringRecord(raw.env);
    result[name] = {
      files,
      ...(typeof raw.configId === 'string' ? { configId: raw.configId } : {}),
      ...(env ? { env } : {}),
    };
  }
  return Object.keys(result).length > 0 ? { base, nodes: result } : undefined;
}

/**
 * Every file a mapping names inside the mapping's folder, as identifiers (hosts read the ones they
 * do not have yet). Paths outside it are left out: a `.halint.json` anyone can propose must not
 * make the host read `/etc/shadow` or search `/`.
 */
export function mappedFiles(mapping: NodeMapping): string[] {
  const result = new Set<string>();
  const base = normalise(mapping.base);
  const inside = base.endsWith('/') ? base : `${base}/`;
  for (const entry of Object.values(mapping.nodes)) {
    for (const file of entry.files) {
      const path = joinPath(mapping.base, file);
      if (path.startsWith(inside)) result.add(path);
    }
  }
  return [...result];
}
