/**
 * The settings of the daemon checks, read the same way by the language server and by halint:
 * `haproxy.validate.*`, `keepalived.validate.*` and `<daemon>.pathMappings`, from the user's own
 * settings (editor) and from the project's `.halint.json`.
 *
 * A command line runs programs, so it is read only from the editor layer, which the hosts fill
 * from the user's or machine's settings (VS Code declares `validate.command` and `validate.ssh`
 * with machine scope and ignores them in a workspace) or from halint's flags. A `.halint.json`
 * travels with the repository and may only pick a preset; a command or SSH target written there
 * is ignored, and said so.
 */
import { isAbsolute, resolve } from 'node:path';
import { DAEMON_PRESETS, type DaemonPreset } from '../../core/daemons/commands.js';
import type { DaemonName } from '../../core/daemons/output.js';
import type { PathMapping } from '../../core/daemons/place.js';
import { asObject } from '../project-file.js';
import { DEFAULT_CHECK_TIMEOUT_MS, type CheckRunner } from './check.js';

/** Whether a daemon check runs, and where. */
type DaemonChoice = 'off' | DaemonPreset;

/** The node an `ssh` check logs in to, and the options given to `ssh`. */
interface SshTarget {
  /** `user@host`, where `${node}` stands for the node's name (`admin@${node}.example.net`). */
  readonly destination: string;
  readonly options: readonly string[];
}

/** The settings of one daemon's check. */
export interface DaemonCheckSettings {
  readonly preset: DaemonChoice;
  /** A command line of the user's own; when set, it runs instead of any preset. */
  readonly command?: readonly string[];
  readonly ssh?: SshTarget;
  /** `save`: the editor checks a node when one of its files is saved; `demand`: on command only. */
  readonly on: 'save' | 'demand';
  readonly timeoutMs: number;
  /** Paths the daemon prints → where those files are here. */
  readonly pathMappings: readonly PathMapping[];
}

/** The settings of both daemons' checks. */
export type DaemonSettings = Readonly<Record<DaemonName, DaemonCheckSettings>>;

/** Bounds of `validate.timeoutMs`. */
const TIMEOUT_RANGE: readonly [number, number] = [1000, 600_000];
/** Most arguments a command line may have, and most characters one argument may hold. */
const MAX_COMMAND_ARGS = 64;
const MAX_ARG_LENGTH = 4096;

/**
 * A command line as settings or flags write it: a non-empty array of strings, the first naming
 * the program. Anything else is undefined (a shell string is refused, not split).
 */
export function readCommand(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_COMMAND_ARGS) {
    return undefined;
  }
  const args: string[] = [];
  for (const arg of value as unknown[]) {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_LENGTH || arg.includes('\0')) {
      return undefined;
    }
    args.push(arg);
  }
  return args[0] === '' ? undefined : args;
}

function readSsh(value: unknown): SshTarget | undefined {
  const object = asObject(value);
  const destination = object?.['destination'];
  // A destination starting with '-' would be read by ssh as an option.
  if (typeof destination !== 'string' || destination === '' || destination.startsWith('-')) {
    return undefined;
  }
  const options = readCommand(object?.['options']) ?? [];
  return { destination, options };
}

function readChoice(value: unknown): DaemonChoice | undefined {
  return value === 'off' || (DAEMON_PRESETS as readonly unknown[]).includes(value)
    ? (value as DaemonChoice)
    : undefined;
}

function readTimeout(value: unknown): number | undefined {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= TIMEOUT_RANGE[0] &&
    value <= TIMEOUT_RANGE[1]
    ? value
    : undefined;
}

/**
 * `{ "/etc/haproxy": "lb1/haproxy" }`: absolute daemon paths to host paths, relative host paths
 * taken from `folder` (the `.halint.json`'s folder); without a folder, relative ones are skipped.
 */
function readMappings(value: unknown, folder: string | undefined): PathMapping[] {
  const object = asObject(value);
  if (object === undefined) return [];
  const mappings: PathMapping[] = [];
  for (const [daemonPrefix, target] of Object.entries(object)) {
    if (!daemonPrefix.startsWith('/') || typeof target !== 'string' || target === '') continue;
    if (!isAbsolute(target) && folder === undefined) continue;
    const hostPrefix = isAbsolute(target) ? resolve(target) : resolve(folder ?? '/', target);
    mappings.push({ daemonPrefix: daemonPrefix.replace(/\/+$/, '') || '/', hostPrefix });
  }
  return mappings;
}

/** Where the daemon-check settings come from. */
interface DaemonSettingsSources {
  /** The editor's `haproxy` / `keepalived` sections (the user's own settings), or halint's flags. */
  readonly editor?: unknown;
  /** The parsed `.halint.json`. */
  readonly file?: unknown;
  /** The folder of that file, for relative path mappings. */
  readonly fileFolder?: string;
}

/** The settings read, and what was ignored (to log, or print as a note). */
interface ReadDaemonSettings {
  readonly settings: DaemonSettings;
  readonly ignored: readonly string[];
}

/**
 * Reads both daemons' check settings. `preset`, `on` and `timeoutMs` written in `.halint.json`
 * win over the editor's, for the reason versions do: an editor answers its declared default when
 * nobody chose a value, while the file is a deliberate statement about the project. Path mappings
 * of both are used, the editor's first.
 */
export function readDaemonSettings(sources: DaemonSettingsSources): ReadDaemonSettings {
  const ignored: string[] = [];
  const read = (daemon: DaemonName): DaemonCheckSettings => {
    const editor = asObject(asObject(sources.editor)?.[daemon]);
    const file = asObject(asObject(sources.file)?.[daemon]);
    const fromEditor = asObject(editor?.['validate']);
    const fromFile = asObject(file?.['validate']);
    for (const key of ['command', 'ssh'] as const) {
      if (fromFile?.[key] !== undefined) {
        ignored.push(
          `.halint.json may not set ${daemon}.validate.${key}: a command runs programs, so it is read only from your own settings or halint's flags`,
        );
      }
    }
    const command = readCommand(fromEditor?.['command']);
    if (fromEditor?.['command'] !== undefined && command === undefined) {
      const written = fromEditor['command'];
      // An empty array or null is how a user clears the setting; anything else is a mistake.
      if (written !== null && !(Array.isArray(written) && written.length === 0)) {
        ignored.push(
          `${daemon}.validate.command must be an array of strings, e.g. ["haproxy", "-c", "\${fileArgs}"]`,
        );
      }
    }
    const ssh = readSsh(fromEditor?.['ssh']);
    const on = fromFile?.['on'] ?? fromEditor?.['on'];
    return {
      preset: readChoice(fromFile?.['preset']) ?? readChoice(fromEditor?.['preset']) ?? 'off',
      ...(command !== undefined ? { command } : {}),
      ...(ssh !== undefined ? { ssh } : {}),
      on: on === 'demand' ? 'demand' : 'save',
      timeoutMs:
        readTimeout(fromFile?.['timeoutMs']) ??
        readTimeout(fromEditor?.['timeoutMs']) ??
        DEFAULT_CHECK_TIMEOUT_MS,
      pathMappings: [
        ...readMappings(editor?.['pathMappings'], undefined),
        ...readMappings(file?.['pathMappings'], sources.fileFolder),
      ],
    };
  };
  return { settings: { haproxy: read('haproxy'), keepalived: read('keepalived') }, ignored };
}

/** Whether a check of `daemon` is configured at all. */
export function checksEnabled(settings: DaemonCheckSettings): boolean {
  return settings.command !== undefined || settings.preset !== 'off';
}

/**
 * Where one node's check runs, from its settings: the user's command, else the preset; a
 * string saying why when it cannot run (off, or `ssh` without a destination).
 */
export function runnerFor(
  daemon: DaemonName,
  settings: DaemonCheckSettings,
  nodeName: string,
): CheckRunner | string {
  if (settings.command !== undefined) return { command: settings.command };
  if (settings.preset === 'off') return `${daemon} checks are off`;
  if (settings.preset !== 'ssh') return { preset: settings.preset };
  if (settings.ssh === undefined) {
    return `the ssh preset needs ${daemon}.validate.ssh.destination (user@host, \${node} standing for the node's name)`;
  }
  const destination = settings.ssh.destination.replaceAll('${node}', nodeName);
  // A node named after an option (a folder called `-oProxyCommand=…`) must not become one.
  if (destination.startsWith('-')) return `the ssh destination '${destination}' starts with '-'`;
  return { preset: 'ssh', destination, sshOptions: settings.ssh.options };
}
