/**
 * The command lines that ask a daemon to check a node's files: the named presets a workspace may
 * pick, and the expansion of a command's placeholders. Running them is the hosts' work
 * (`server/src/node/daemons`). A command runs programs, so a free command line may only come
 * from the user's or machine's own settings or the CLI's flags; a workspace file may only name a
 * preset.
 */
import type { DaemonName } from './output.js';
import type { PathMapping } from './place.js';

/** The presets: `local` runs the installed daemon, `docker` an official image, `ssh` the node. */
export const DAEMON_PRESETS = ['local', 'docker', 'ssh'] as const;
/** One of {@link DAEMON_PRESETS}. */
export type DaemonPreset = (typeof DAEMON_PRESETS)[number];

/** What a placeholder of a command stands for, for one node. */
export interface CommandValues {
  /** The file the check starts from (HAProxy's first, Keepalived's main file). */
  readonly file: string;
  /** Every file of the node for the daemon, in load order (HAProxy's `-f` list). */
  readonly files: readonly string[];
  /** The node's folder: the common parent of its files. */
  readonly nodeDir: string;
  /** The target version the settings name (`3.0`), for container image tags. */
  readonly version: string;
  /** Keepalived's config-id for the node (which `@id` lines apply): the node's name by default. */
  readonly configId: string;
}

/** A command line to run, and how to read the paths the daemon will print. */
export interface CheckCommand {
  readonly argv: readonly string[];
  /** Prefix rewrites from the paths the daemon prints to the host's. */
  readonly mappings: readonly PathMapping[];
  /** The directory the daemon resolves relative names in, as the daemon sees it. */
  readonly daemonDirectory: string;
}

/**
 * The command of a preset, before expansion, or undefined when the preset cannot check that
 * daemon (there is no official Keepalived image). The `ssh` preset's command is what runs on the
 * node, on copies the host puts in a temporary folder there (`${nodeDir}` is that folder).
 */
function presetCommand(preset: DaemonPreset, daemon: DaemonName): readonly string[] | undefined {
  if (daemon === 'haproxy') {
    if (preset === 'docker') {
      return [
        'docker',
        'run',
        '--rm',
        '--network',
        'none',
        '-v',
        '${nodeDir}:/cfg:ro',
        '-w',
        '/cfg',
        'haproxy:${version}',
        'haproxy',
        '-c',
        '${relativeFileArgs}',
      ];
    }
    return ['haproxy', '-c', '${fileArgs}'];
  }
  if (preset === 'docker') return undefined;
  return ['keepalived', '-t', '-i', '${configId}', '-f', '${file}'];
}

/** Where the `docker` preset mounts the node's folder. */
const CONTAINER_FOLDER = '/cfg';

function relative(from: string, path: string): string {
  const prefix = from.endsWith('/') ? from : `${from}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * Expands `${file}`, `${nodeDir}`, `${version}`, `${configId}` anywhere in an argument, and `${fileArgs}` /
 * `${relativeFileArgs}` (only as a whole argument) into `-f F1 -f F2 …` with absolute paths or
 * paths relative to the node's folder. Unknown placeholders are left as written, so the daemon's
 * own error shows the mistake.
 */
export function expandCommand(template: readonly string[], values: CommandValues): string[] {
  const argv: string[] = [];
  for (const arg of template) {
    if (arg === '${fileArgs}' || arg === '${relativeFileArgs}') {
      for (const file of values.files) {
        argv.push('-f', arg === '${fileArgs}' ? file : relative(values.nodeDir, file));
      }
      continue;
    }
    argv.push(
      arg.replace(/\$\{(file|nodeDir|version|configId)\}/g, (_, name: string) =>
        name === 'file'
          ? values.file
          : name === 'nodeDir'
            ? values.nodeDir
            : name === 'version'
              ? values.version
              : values.configId,
      ),
    );
  }
  return argv;
}

/** The expanded command of a preset for one node, with the mapping its paths need. */
export function presetCheck(
  preset: DaemonPreset,
  daemon: DaemonName,
  values: CommandValues,
): CheckCommand | undefined {
  const template = presetCommand(preset, daemon);
  if (template === undefined) return undefined;
  const argv = expandCommand(template, values);
  if (preset === 'docker') {
    return {
      argv,
      mappings: [{ daemonPrefix: CONTAINER_FOLDER, hostPrefix: values.nodeDir }],
      daemonDirectory: CONTAINER_FOLDER,
    };
  }
  return { argv, mappings: [], daemonDirectory: values.nodeDir };
}

/** The common parent folder of absolute POSIX paths. */
export function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let parts = paths[0]!.split('/').slice(0, -1);
  for (const path of paths.slice(1)) {
    const other = path.split('/').slice(0, -1);
    let same = 0;
    while (same < parts.length && same < other.length && parts[same] === other[same]) same++;
    parts = parts.slice(0, same);
  }
  return parts.join('/') || '/';
}

/**
 * Interface names a Keepalived configuration mentions (`interface`, `track_interface` entries,
 * `dev` of addresses and routes, `lvs_sync_daemon`), for the private network namespace its check
 * runs in: keepalived reads the host's interfaces, so a check on a machine without them reports
 * errors the node would not have. Names Linux could not create (over 15 characters) are skipped.
 */
export function keepalivedInterfaces(text: string): string[] {
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name !== undefined && /^[A-Za-z0-9_.:@-]{1,15}$/.test(name) && !name.startsWith('$')) {
      names.add(name.replace(/[:@].*$/, ''));
    }
  };
  let inTrack = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#!].*$/, '').trim();
    const words = line.split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) continue;
    if (inTrack) {
      if (words[0] === '}') inTrack = false;
      else add(words[0]);
      continue;
    }
    if (words[0] === 'track_interface') {
      inTrack = !line.includes('}');
      // `track_interface { eth1 eth2 }` on one line.
      if (!inTrack) {
        for (const word of words.slice(1)) {
          if (!/[{}]/.test(word) && word !== 'weight' && !/^-?\d+$/.test(word)) add(word);
        }
      }
      continue;
    }
    if (
      words[0] === 'interface' ||
      words[0] === 'lvs_sync_daemon' ||
      words[0] === 'lvs_sync_daemon_interface'
    ) {
      add(words[1]);
    }
    for (let i = 0; i + 1 < words.length; i++) if (words[i] === 'dev') add(words[i + 1]);
  }
  names.delete('lo');
  return [...names];
}
