/**
 * The editor's `FileHost`: identifiers are URIs. An included file that is open in the editor is
 * read from its buffer (unsaved edits count); anything else comes from disk.
 */
import { pathToFileURL } from 'node:url';
import { createDiskFileHost, insideRoots } from '../node/file-host.js';
import type { FileHost } from '../core/index.js';
import { fileSystemPath } from './uri.js';

/**
 * Builds the host; `openText` returns the text of an open document by URI. `roots` gives the
 * folders (paths) includes may reach: the workspace folders and the `includeRoots` of its
 * `.halint.json` files. Without workspace folders (a single file opened) nothing is confined.
 */
export function createLspFileHost(
  openText: (uri: string) => string | undefined,
  roots?: () => readonly string[],
): FileHost {
  const disk = createDiskFileHost();
  return {
    outside(uri) {
      const allowed = roots?.() ?? [];
      if (allowed.length === 0) return false;
      const path = fileSystemPath(uri);
      return path === undefined || !insideRoots(path, allowed);
    },
    readFile(uri) {
      const open = openText(uri);
      if (open !== undefined) return open;
      const path = fileSystemPath(uri);
      return path === undefined ? undefined : disk.readFile(path);
    },
    glob(pattern, relativeTo) {
      // An unsaved (untitled) document has no folder: only absolute patterns can be resolved.
      const base = fileSystemPath(relativeTo) ?? (pattern.startsWith('/') ? '/' : undefined);
      if (base === undefined) return [];
      return disk.glob(pattern, base).map((path) => pathToFileURL(path).href);
    },
  };
}
