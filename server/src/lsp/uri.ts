import { fileURLToPath } from 'node:url';

/**
 * The file system path of a `file:` URI, or undefined for any other scheme (`untitled:`,
 * `vscode-notebook-cell:`, …) and for strings that are not URIs at all.
 */
export function fileSystemPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * A path-like string for language detection by name: the file path for `file:` URIs, the decoded
 * path part for other schemes, the input itself when it does not parse.
 */
export function uriToPath(uri: string): string {
  const path = fileSystemPath(uri);
  if (path !== undefined) return path;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
