/**
 * `halint --with-daemons`: the daemons' own checks on every node of the run, after halint's own
 * analysis. Settings come from the flags (which may name a command line) over `.halint.json`
 * (which may only pick a preset); each node's files are checked one daemon at a time, so that a
 * CI runner with two cores is not swamped by a large workspace.
 */
import { dirname, resolve } from 'node:path';
import type { ClusterPlan, FileHost, Issue, ServiceSettings } from '../core/index.js';
import { DAEMON_SOURCES } from '../core/daemons/place.js';
import { checkNode } from '../node/daemons/node-check.js';
import {
  checksEnabled,
  readDaemonSettings,
  type DaemonCheckSettings,
  type DaemonSettings,
} from '../node/daemons/settings.js';
import type { CliOptions } from './args.js';

/** What the daemons said, by file, and the lines to print on stderr. */
interface DaemonResults {
  readonly findings: ReadonlyMap<string, Issue[]>;
  readonly notes: readonly string[];
}

/**
 * The check settings of a run: a daemon is checked when `--with-daemons` is given (with the
 * preset it names, else the one `.halint.json` picks, else `local`) or when its command flag is.
 */
export function cliDaemonSettings(
  options: Pick<
    CliOptions,
    'withDaemons' | 'haproxyCommand' | 'keepalivedCommand' | 'sshDestination'
  >,
  project: { readonly file?: unknown; readonly configPath?: string },
): { settings: DaemonSettings; ignored: readonly string[] } {
  const flags = (command: readonly string[] | undefined): Record<string, unknown> => ({
    validate: {
      ...(command !== undefined ? { command } : {}),
      ...(options.sshDestination !== undefined
        ? { ssh: { destination: options.sshDestination } }
        : {}),
    },
  });
  const read = readDaemonSettings({
    editor: {
      haproxy: flags(options.haproxyCommand),
      keepalived: flags(options.keepalivedCommand),
    },
    file: project.file,
    ...(project.configPath !== undefined ? { fileFolder: dirname(project.configPath) } : {}),
  });
  const choose = (settings: DaemonCheckSettings): DaemonCheckSettings => {
    if (settings.command !== undefined) return settings;
    if (options.withDaemons === undefined) return { ...settings, preset: 'off' };
    if (options.withDaemons !== 'auto') return { ...settings, preset: options.withDaemons };
    return settings.preset === 'off' ? { ...settings, preset: 'local' } : settings;
  };
  return {
    settings: {
      haproxy: choose(read.settings.haproxy),
      keepalived: choose(read.settings.keepalived),
    },
    ignored: read.ignored,
  };
}

/** Runs the checks the settings enable on every node of the plans. */
export async function runDaemonChecks(
  plans: readonly ClusterPlan[],
  settings: DaemonSettings,
  service: ServiceSettings,
  files: FileHost,
): Promise<DaemonResults> {
  const findings = new Map<string, Issue[]>();
  const notes: string[] = [];
  for (const daemon of ['haproxy', 'keepalived'] as const) {
    const own = settings[daemon];
    if (!checksEnabled(own)) continue;
    for (const plan of plans) {
      for (const node of plan.nodes) {
        const hasFiles =
          daemon === 'haproxy' ? node.haproxy.length > 0 : node.keepalived.length > 0;
        if (!hasFiles) continue;
        const outcome = await checkNode({
          daemon,
          node,
          settings: own,
          service,
          files,
          pathOf: (uri) => resolve(uri),
        });
        const where = `${DAEMON_SOURCES[daemon]} on node ${node.name}`;
        if ('skipped' in outcome) {
          notes.push(`${where} did not run: ${outcome.skipped}`);
          continue;
        }
        if (outcome.note !== undefined) {
          notes.push(
            `${where}${outcome.version !== undefined ? ` (${outcome.version})` : ''}: ${outcome.note}`,
          );
        }
        for (const issue of outcome.issues) {
          if (issue.uri === undefined) continue;
          const list = findings.get(issue.uri);
          if (list === undefined) findings.set(issue.uri, [issue]);
          else list.push(issue);
        }
      }
    }
  }
  return { findings, notes };
}
