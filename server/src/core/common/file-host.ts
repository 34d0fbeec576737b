/**
 * How the core reads other files (Keepalived includes, HAProxy pattern files) without touching a
 * file system itself: the host (LSP server, CLI, tests) implements it. Identifiers are whatever the
 * host uses for documents (URIs in the editor, paths in the CLI).
 */
export interface FileHost {
  /** Text of a file, or undefined when it does not exist or cannot be read. Open buffers win. */
  readFile(uri: string): string | undefined;
  /** Files matching a glob (`*`, `?`, `[…]`, `{a,b}`), resolved against `relativeTo`'s folder. */
  glob(pattern: string, relativeTo: string): string[];
}
