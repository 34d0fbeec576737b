/**
 * The host side of the files a configuration names (`ReferencedFiles` of the core), the same for
 * the language server and halint: a relative path is taken from the document's folder, an
 * absolute one through the path mappings (`haproxy.pathMappings`, `keepalived.pathMappings`:
 * `/etc/haproxy` → a workspace folder). An absolute path no mapping covers is looked for only
 * where it is, and only when that place is inside the allowed roots; anywhere else nothing is
 * said. Files are read only inside the allowed roots, symbolic links resolved.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type {
  FileHost,
  ReferencedFile,
  ReferencedFileKind,
  ReferencedFiles,
} from '../core/index.js';
import { mapDaemonPath, type PathMapping } from '../core/daemons/place.js';
import { globFiles } from './file-host.js';

/** What the resolver needs from its host. */
export interface ReferencedFilesOptions {
  /** Path mappings of each daemon: node paths → host paths. */
  readonly mappings: Readonly<Record<'haproxy' | 'keepalived', readonly PathMapping[]>>;
  /** The host's file reader: open buffers first, and its `outside` confinement. */
  readonly files: Pick<FileHost, 'readFile' | 'outside'>;
  /**
   * Whether the host has roots at all. Without them (a single file opened, no folder) files are
   * located but never read.
   */
  readonly confined: boolean;
  /** The file path of a document identifier; undefined for documents that are no files. */
  readonly pathOf: (uri: string) => string | undefined;
  /** The document identifier of a file path. */
  readonly uriOf: (path: string) => string;
  /** Folder paths in messages are shown relative to (halint: the working directory). */
  readonly displayFrom?: string;
}

const GLOB = /[*?[{]/;

type Existence = 'file' | 'folder' | 'none';

function existence(path: string): Existence {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'none';
  } catch {
    return 'none';
  }
}

/** Which daemon reads a file of this kind, for its path mappings. */
function daemonOf(kind: ReferencedFileKind): 'haproxy' | 'keepalived' {
  return kind === 'include' || kind === 'script' ? 'keepalived' : 'haproxy';
}

/** Builds the resolver of one host. */
export function createReferencedFiles(options: ReferencedFilesOptions): ReferencedFiles {
  const outside = (path: string): boolean =>
    options.confined && (options.files.outside?.(options.uriOf(path)) ?? false);
  const display = (path: string): string =>
    options.displayFrom === undefined ? path : relative(options.displayFrom, path) || '.';

  const place = (
    path: string,
    kind: ReferencedFileKind,
    documentUri: string,
  ): { readonly path: string; readonly mapped: boolean } | undefined => {
    if (isAbsolute(path)) {
      const mapped = mapDaemonPath(resolve(path), options.mappings[daemonOf(kind)]);
      return mapped === undefined
        ? { path: resolve(path), mapped: false }
        : { path: mapped, mapped: true };
    }
    const own = options.pathOf(documentUri);
    return own === undefined ? undefined : { path: resolve(dirname(own), path), mapped: false };
  };

  return {
    find(path, kind, documentUri): ReferencedFile {
      const where = place(path, kind, documentUri);
      if (where === undefined) return { state: 'unchecked' };
      const own = options.pathOf(documentUri);
      if (GLOB.test(path) && kind === 'include') {
        if (own === undefined) return { state: 'unchecked' };
        const matches = globFiles(where.path, own).filter((match) => !outside(match));
        return matches.length > 0
          ? { state: 'found', uris: matches.map(options.uriOf) }
          : { state: 'unchecked' };
      }
      // A place outside the roots is not looked at.
      if (outside(where.path)) return { state: 'unchecked' };
      const found = existence(where.path);
      if (found === 'file') return { state: 'found', uris: [options.uriOf(where.path)] };
      // A folder (a `crt` directory of certificates) is found, but is nothing to open.
      if (found === 'folder') return { state: 'found', uris: [] };
      // An absolute path no mapping covers is the node's own business.
      if (isAbsolute(path) && !where.mapped) return { state: 'unchecked' };
      return { state: 'absent', where: display(where.path), mapped: where.mapped };
    },
    read(uri) {
      const path = options.pathOf(uri);
      if (path === undefined || !options.confined || outside(path)) return undefined;
      return options.files.readFile(uri);
    },
  };
}
