import { parseArgs } from 'node:util';
import type { LanguageId } from '../core/index.js';
import { DEFAULT_SCAN_LIMITS, SCAN_LIMIT_RANGES, type ScanLimits } from '../node/scan.js';
import { DAEMON_PRESETS, type DaemonPreset } from '../core/daemons/commands.js';
import { readCommand } from '../node/daemons/settings.js';

/** Output formats `--format` accepts. */
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

/** One of {@link FORMATS}. */
type OutputFormat = (typeof FORMATS)[number];

/** What the command line asks for, validated. */
export interface CliOptions {
  readonly format: OutputFormat;
  readonly haproxyVersion?: string;
  readonly keepalivedVersion?: string;
  /** Forces the language of the files named on the command line (not of directory finds). */
  readonly language?: LanguageId;
  /** False with `--no-cluster`: every file is analysed on its own. */
  readonly cluster: boolean;
  /** Largest number of warnings that still passes; undefined means no limit. */
  readonly maxWarnings?: number;
  /** `--max-files`: most configuration files read from the directories given. */
  readonly maxFiles?: number;
  /** `--max-depth`: deepest folder level searched below each directory given. */
  readonly maxDepth?: number;
  /**
   * `--with-daemons[=PRESET]`: run the daemons' own checks too; `auto` (the flag without a value)
   * takes the preset of `.halint.json`, else `local`.
   */
  readonly withDaemons?: DaemonPreset | 'auto';
  /** `--haproxy-command` / `--keepalived-command`: a command line of the user's for the check. */
  readonly haproxyCommand?: readonly string[];
  readonly keepalivedCommand?: readonly string[];
  /** `--ssh-destination`: the node the `ssh` preset logs in to (`${node}`: the node's name). */
  readonly sshDestination?: string;
  /** `--fix`: apply the safe fixes to the files given, then report what is left. */
  readonly fix: boolean;
  /** `--dry-run` (with `--fix`): print the fixes as a unified diff and write nothing. */
  readonly dryRun: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Files and directories, in command-line order. */
  readonly paths: readonly string[];
}

/** A command line that cannot be run; the message is shown as is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Usage text for `--help`. */
export const HELP = `Usage: halint [options] <file-or-directory>...
       halint topology [options] <file-or-directory>...   (see halint topology --help)

Checks haproxy.cfg and keepalived.conf files. Directories are searched for .cfg and .conf
files as the language server searches its workspace: node_modules, dist, out and dot-folders
are skipped, at most ${DEFAULT_SCAN_LIMITS.maxDepth} folder levels deep and ${DEFAULT_SCAN_LIMITS.maxFiles} configuration files by default.

Options:
  --format text|json|sarif|github  Output format (default: text)
  --haproxy-version X.Y            HAProxy version the files target
  --keepalived-version X.Y         Keepalived version the files target
  --language haproxy|keepalived    Language of the files named on the command line
  --no-cluster                     Analyse every file on its own
  --max-warnings N                 Fail when there are more than N warnings
  --max-files N                    Read at most N configuration files from directories
                                   (${SCAN_LIMIT_RANGES.maxFiles[0]}-${SCAN_LIMIT_RANGES.maxFiles[1]}; default ${DEFAULT_SCAN_LIMITS.maxFiles})
  --max-depth N                    Search at most N folder levels below each directory
                                   (${SCAN_LIMIT_RANGES.maxDepth[0]}-${SCAN_LIMIT_RANGES.maxDepth[1]}; default ${DEFAULT_SCAN_LIMITS.maxDepth})
  --with-daemons[=local|docker|ssh]
                                   Also run haproxy -c and keepalived -t on each node and
                                   report what they say (default: the preset of .halint.json,
                                   else local); source tells their findings from halint's
  --haproxy-command JSON           Command line of haproxy's check, as a JSON array:
                                   '["/usr/sbin/haproxy","-c","\${fileArgs}"]'
  --keepalived-command JSON        Command line of keepalived's check, e.g.
                                   '["keepalived","-t","-f","\${file}"]'
  --ssh-destination USER@HOST      Node the ssh preset logs in to (\${node}: the node's name)
  --fix                            Apply the safe fixes (one obvious outcome each, see the
                                   rule pages) to the files given, in place, then report
                                   what is left
  --dry-run                        With --fix: print the fixes as a unified diff (on stdout
                                   in text format, else on stderr) and write nothing
  -h, --help                       Show this help
  -v, --version                    Show the version

Settings are read from the nearest .halint.json; command-line versions and limits win over it.
Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or I/O error, or
configuration files left unread by --max-files.
`;

const VERSION_PATTERN = /^\d+\.\d+$/;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${flag}: expected ${allowed.join(', ')}`);
}

function versionValue(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || VERSION_PATTERN.test(value)) return value;
  throw new UsageError(`invalid value '${value}' for ${flag}: expected a version like 2.8`);
}

function maxWarningsValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Only plain digits: Number() would also accept '', '1e3' or '0x10'.
  if (!/^\d+$/.test(value)) {
    throw new UsageError(
      `invalid value '${value}' for --max-warnings: expected a non-negative integer`,
    );
  }
  return Number(value);
}

/** A scan limit flag: plain digits inside the limit's range. */
function scanLimitValue(key: keyof ScanLimits, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const [low, high] = SCAN_LIMIT_RANGES[key];
  const flag = key === 'maxFiles' ? '--max-files' : '--max-depth';
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= low && number <= high)) {
    throw new UsageError(
      `invalid value '${value}' for ${flag}: expected an integer from ${low} to ${high}`,
    );
  }
  return number;
}

/** Rewords the errors of `parseArgs` so that they name the flag and point at `--help`. */
function sshDestinationValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.startsWith('-')) {
    throw new UsageError(`invalid value '${value}' for --ssh-destination: expected user@host`);
  }
  return value;
}

/** Reads a `--haproxy-command` / `--keepalived-command` value: a JSON array of strings. */
function commandValue(flag: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  const command = readCommand(parsed);
  if (command === undefined) {
    throw new UsageError(
      `invalid value for ${flag}: expected a JSON array of strings, e.g. '["haproxy","-c","\${fileArgs}"]'`,
    );
  }
  return command;
}

/**
 * `--with-daemons` may stand alone (`halint --with-daemons dir/`): node's parser only knows
 * options that always or never take a value, so the bare flag is rewritten to an empty value.
 */
function withOptionalValues(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) =>
    arg === '--with-daemons' && (end < 0 || i < end) ? '--with-daemons=' : arg,
  );
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    return `unknown option '${quoted}'`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const flag = quoted.split(' ')[0] ?? quoted;
    if (/argument missing/.test(message)) return `option '${flag}' needs a value`;
    if (/ambiguous/.test(message)) {
      return `option '${flag}' needs a value; write ${flag}=<value> for a value starting with '-'`;
    }
    if (/does not take/.test(message)) return `option '${flag}' does not take a value`;
  }
  return message.split('\n')[0] ?? message;
}

/**
 * Parses and validates the command line.
 *
 * @throws {@link UsageError} for an unknown flag, a missing or bad value, or no paths at all.
 */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: withOptionalValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'haproxy-version': { type: 'string' },
        'keepalived-version': { type: 'string' },
        language: { type: 'string' },
        'with-daemons': { type: 'string' },
        'haproxy-command': { type: 'string' },
        'keepalived-command': { type: 'string' },
        'ssh-destination': { type: 'string' },
        'no-cluster': { type: 'boolean' },
        fix: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        'max-files': { type: 'string' },
        'max-depth': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const options: CliOptions = {
    format: oneOf('--format', values.format, FORMATS) ?? 'text',
    haproxyVersion: versionValue('--haproxy-version', values['haproxy-version']),
    keepalivedVersion: versionValue('--keepalived-version', values['keepalived-version']),
    language: oneOf('--language', values.language, ['haproxy', 'keepalived'] as const),
    cluster: values['no-cluster'] !== true,
    maxWarnings: maxWarningsValue(values['max-warnings']),
    maxFiles: scanLimitValue('maxFiles', values['max-files']),
    maxDepth: scanLimitValue('maxDepth', values['max-depth']),
    withDaemons:
      values['with-daemons'] === ''
        ? 'auto'
        : oneOf('--with-daemons', values['with-daemons'], DAEMON_PRESETS),
    haproxyCommand: commandValue('--haproxy-command', values['haproxy-command']),
    keepalivedCommand: commandValue('--keepalived-command', values['keepalived-command']),
    sshDestination: sshDestinationValue(values['ssh-destination']),
    fix: values.fix === true,
    dryRun: values['dry-run'] === true,
    help: values.help === true,
    version: values.version === true,
    paths: positionals,
  };
  if (options.dryRun && !options.fix) {
    throw new UsageError(
      '--dry-run only goes with --fix (it shows the fixes instead of writing them)',
    );
  }
  if (!options.help && !options.version && options.paths.length === 0) {
    throw new UsageError('no file or directory given');
  }
  return options;
}

/** Output formats of `halint topology`. */
const TOPOLOGY_FORMATS = ['html', 'svg', 'mermaid'] as const;

/** What `halint topology` is asked for, validated. */
export interface TopologyCliOptions {
  readonly format: (typeof TOPOLOGY_FORMATS)[number];
  /** File to write; undefined writes to stdout. */
  readonly output?: string;
  /** Draw every element: no folding of long lists into "+ N more". */
  readonly all: boolean;
  readonly haproxyVersion?: string;
  readonly keepalivedVersion?: string;
  /** `--max-files` and `--max-depth`, as for `halint`. */
  readonly maxFiles?: number;
  readonly maxDepth?: number;
  readonly help: boolean;
  readonly paths: readonly string[];
}

/** Usage text for `halint topology --help`. */
export const TOPOLOGY_HELP = `Usage: halint topology [options] <file-or-directory>...

Draws each cluster found among the files: clients, virtual IPs, nodes, HAProxy frontends,
backends and servers, and Keepalived virtual servers, with the findings marked.

Options:
  --format html|svg|mermaid   Output format (default: html)
                                html     one self-contained page, viewable offline, with zoom,
                                         failover simulation and exports; several clusters
                                         share the page (a menu picks one)
                                svg      a static picture; with several clusters, -o is needed
                                         and each cluster goes to FILE-<cluster>.svg
                                mermaid  a Mermaid flowchart per cluster, separated by a blank line
  -o, --output FILE           Write to FILE instead of stdout
  --all                       Draw every server and backend (no "+ N more" folding)
  --haproxy-version X.Y       HAProxy version the files target
  --keepalived-version X.Y    Keepalived version the files target
  --max-files N               Read at most N configuration files from directories
  --max-depth N               Search at most N folder levels below each directory
  -h, --help                  Show this help

Exit status: 0 written, 2 usage or I/O error. Findings do not change the exit status.
`;

/**
 * Parses and validates the arguments after `halint topology`.
 *
 * @throws {@link UsageError} for an unknown flag, a bad value, or no paths at all.
 */
export function parseTopologyCommandLine(argv: readonly string[]): TopologyCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        all: { type: 'boolean' },
        'haproxy-version': { type: 'string' },
        'keepalived-version': { type: 'string' },
        'max-files': { type: 'string' },
        'max-depth': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.output === '') throw new UsageError("option '--output' needs a file name");
  const options: TopologyCliOptions = {
    format: oneOf('--format', values.format, TOPOLOGY_FORMATS) ?? 'html',
    output: values.output,
    all: values.all === true,
    haproxyVersion: versionValue('--haproxy-version', values['haproxy-version']),
    keepalivedVersion: versionValue('--keepalived-version', values['keepalived-version']),
    maxFiles: scanLimitValue('maxFiles', values['max-files']),
    maxDepth: scanLimitValue('maxDepth', values['max-depth']),
    help: values.help === true,
    paths: positionals,
  };
  if (!options.help && options.paths.length === 0) {
    throw new UsageError('no file or directory given');
  }
  return options;
}
