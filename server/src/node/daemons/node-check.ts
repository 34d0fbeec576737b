/**
 * One daemon check of one node, as both hosts run it: the node's files for that daemon, read
 * from disk (the daemon reads the saved files, so its findings are placed on the saved text; the
 * editor shows them while a buffer still holds that text), the runner the settings choose, and
 * the node's config-id and environment.
 */
import type { ClusterNodeInput, FileHost, ServiceSettings } from '../../core/index.js';
import { daemonInputFiles } from '../../core/daemons/node-files.js';
import type { DaemonName } from '../../core/daemons/output.js';
import type { CheckedFile } from '../../core/daemons/place.js';
import { readConfigFile } from '../read-file.js';
import { checkWithDaemon, type CheckOutcome } from './check.js';
import { runnerFor, type DaemonCheckSettings } from './settings.js';

/** What a node check needs. */
export interface NodeCheckRequest {
  readonly daemon: DaemonName;
  readonly node: ClusterNodeInput;
  readonly settings: DaemonCheckSettings;
  /** The language settings: the target version names the container image. */
  readonly service: ServiceSettings;
  /** Follows Keepalived includes (the host's file host, with its confinement). */
  readonly files?: FileHost;
  /** The file-system path of a document identifier; undefined for one that has none. */
  readonly pathOf: (uri: string) => string | undefined;
  readonly signal?: AbortSignal;
}

/** What a node check gave, with the files (and saved texts) its findings are placed on. */
interface NodeCheckOutcome extends CheckOutcome {
  readonly files: readonly CheckedFile[];
}

/** A check that did not run, and why. */
interface SkippedCheck {
  readonly skipped: string;
}

/** Runs the check, or says why it cannot run. Never throws. */
export async function checkNode(
  request: NodeCheckRequest,
): Promise<NodeCheckOutcome | SkippedCheck> {
  const { daemon, node, settings } = request;
  const runner = runnerFor(daemon, settings, node.name);
  if (typeof runner === 'string') return { skipped: runner };
  const inputs = daemonInputFiles(daemon, node, request.files);
  if (inputs.length === 0) return { skipped: `node ${node.name} has no ${daemon} file` };
  const checked: CheckedFile[] = [];
  for (const input of inputs) {
    const path = request.pathOf(input.uri);
    if (path === undefined) {
      if (checked.length === 0) return { skipped: `${input.uri} is not a file on disk` };
      continue;
    }
    let text: string;
    try {
      text = readConfigFile(path);
    } catch (error) {
      if (checked.length === 0) {
        return { skipped: `${path} cannot be read: ${(error as Error).message}` };
      }
      // An included file that cannot be read is the daemon's to report.
      continue;
    }
    checked.push({ uri: input.uri, path, text });
  }
  const outcome = await checkWithDaemon({
    daemon,
    files: checked,
    runner,
    mappings: settings.pathMappings,
    version: request.service[daemon].version,
    configId: node.configId ?? node.name,
    ...(node.env !== undefined ? { env: node.env } : {}),
    timeoutMs: settings.timeoutMs,
    ...(request.signal !== undefined ? { signal: request.signal } : {}),
  });
  return { ...outcome, files: checked };
}
