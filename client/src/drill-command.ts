/**
 * The shell line the "Run failover drill" command types into a terminal. Kept free of `vscode`
 * imports so that unit tests can check the quoting.
 */

/** `text` as one POSIX shell word. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** What the drill runs, and as whom. */
export interface DrillLine {
  /** The runtime: Node, or the editor's Electron binary run as Node. */
  readonly runtime: string;
  /** The bundled language server, which carries the lab's command line. */
  readonly server: string;
  /** The cluster's folder. */
  readonly folder: string;
  /** This user is root: no `sudo` needed. */
  readonly root: boolean;
}

/**
 * `sudo env ELECTRON_RUN_AS_NODE=1 <runtime> <server> lab <folder>`: the lab needs root for its
 * namespaces, and the editor's own binary only behaves as Node with that variable, which must
 * reach the processes the lab starts again inside its namespaces (hence `env` after `sudo`,
 * which would otherwise drop it).
 */
export function drillLine(line: DrillLine): string {
  const words = [
    ...(line.root ? [] : ['sudo']),
    'env',
    'ELECTRON_RUN_AS_NODE=1',
    line.runtime,
    line.server,
    'lab',
    line.folder,
  ];
  return words.map(shellWord).join(' ');
}
