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
  /**
   * Whether `uri` lies outside the folders the host lets analysis read: the workspace (editor),
   * the folders given to halint, and the `includeRoots` of `.halint.json`. Such files are not
   * followed, so that a configuration proposed in a pull request cannot make CI read the runner's
   * files. Absent: every file may be read.
   */
  outside?(uri: string): boolean;
}
