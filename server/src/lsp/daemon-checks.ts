/**
 * The daemons' own checks in the editor: `haproxy -c` or `keepalived -t` on a node when one of
 * its files is saved (`validate.on: save`) or on command (`ha/daemonCheck`), never in a workspace
 * the user has not trusted, at most one run per node and daemon (a newer save cancels the older
 * run). What a daemon said is kept per file with the text it was said of, and shown while the
 * editor's text is still that text: an edit hides the findings of the lines it moved, an undo
 * back to the saved text shows them again, and the next save replaces them.
 */
import { basename, dirname } from 'node:path';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import {
  LineIndex,
  RULE_DOCS_BASE_URL,
  issueToDiagnostic,
  type ClusterNodeInput,
  type FileHost,
  type Issue,
  type ParsedDocument,
  type ServiceSettings,
} from '../core/index.js';
import type { DaemonName } from '../core/daemons/output.js';
import { checkNode, type NodeCheckRequest } from '../node/daemons/node-check.js';
import { checksEnabled, type DaemonSettings } from '../node/daemons/settings.js';
import { describeError, type Logger } from './logger.js';
import { DaemonCheckRequest, WorkspaceTrustNotification, type DaemonCheckRun } from './protocol.js';
import { fileSystemPath } from './uri.js';

/** What the daemon checks need from the rest of the server. */
interface DaemonCheckDependencies {
  /** The nodes of a file (the node table's); none for a file validated alone. */
  readonly nodesOf: (uri: string) => readonly ClusterNodeInput[];
  /** The current snapshot of a file the server knows (open or from the workspace scan). */
  readonly document: (uri: string) => ParsedDocument | undefined;
  readonly settingsFor: (uri: string) => Promise<ServiceSettings>;
  readonly daemonSettingsFor: (uri: string) => Promise<DaemonSettings>;
  /** Follows Keepalived includes, confined as validation is. */
  readonly files: FileHost;
  /** Told which files' daemon findings changed, to publish them again. */
  readonly changed: (uris: ReadonlySet<string>) => void;
  /** Told when a run starts and ends (the status bar). */
  readonly status: (run: DaemonCheckRun) => void;
  readonly log: Logger;
  /** Runs one check; the real one by default (tests may count calls). */
  readonly check?: (request: NodeCheckRequest) => ReturnType<typeof checkNode>;
}

/** What one run said about one file, and the text it said it of. */
interface FileFindings {
  readonly text: string;
  readonly issues: readonly Issue[];
}

/** A file's node, or the file as a node of its own. */
function nodesFor(
  document: ParsedDocument,
  known: readonly ClusterNodeInput[],
): ClusterNodeInput[] {
  if (known.length > 0) return [...known];
  const path = fileSystemPath(document.uri);
  const name = path === undefined ? 'node' : basename(dirname(path));
  return [
    document.languageId === 'haproxy'
      ? { name, haproxy: [document], keepalived: [] }
      : { name, haproxy: [], keepalived: [document] },
  ];
}

/** Identifies a node's check for one daemon: a newer run of the same key cancels the older. */
function runKey(daemon: DaemonName, node: ClusterNodeInput, files: readonly string[]): string {
  return JSON.stringify([daemon, node.name, files[0] ?? '']);
}

/** Whether `initializationOptions` say the workspace is not trusted (VS Code's restricted mode). */
function untrustedIn(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as { workspaceTrusted?: unknown }).workspaceTrusted === false
  );
}

/** Runs the daemons' checks and keeps what they said. */
export class DaemonChecks {
  /** Clients that know nothing of trust (every editor but VS Code) leave it to the user's settings. */
  private trusted = true;
  private readonly running = new Map<string, AbortController>();
  private readonly results = new Map<string, ReadonlyMap<string, FileFindings>>();

  constructor(private readonly deps: DaemonCheckDependencies) {}

  /** Reads the client's trust from `initializationOptions.workspaceTrusted`. */
  setInitializationOptions(options: unknown): void {
    this.trusted = !untrustedIn(options);
  }

  /** The workspace became trusted (or not) while the server runs. */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    if (!trusted) this.cancelAll();
  }

  /** A file was saved: checks its nodes when its daemon's checks run on save. */
  saved(uri: string): void {
    void this.check(uri, undefined, 'save').catch((error: unknown) => {
      this.deps.log.error(`Daemon check of ${uri} failed: ${describeError(error)}`);
    });
  }

  /**
   * Checks the nodes of `uri` with `daemon` (default: the file's own language). On save, only
   * when that daemon's checks are on and run on save; on demand, whenever they are configured.
   */
  async check(
    uri: string,
    daemon: DaemonName | undefined,
    reason: 'save' | 'demand',
  ): Promise<DaemonCheckRun[]> {
    const document = this.deps.document(uri);
    if (document === undefined) return [];
    const chosen = daemon ?? document.languageId;
    if (!this.trusted) {
      return reason === 'save'
        ? []
        : [{ daemon: chosen, uri, state: 'skipped', note: 'this workspace is not trusted' }];
    }
    const [settings, service] = await Promise.all([
      this.deps.daemonSettingsFor(uri),
      this.deps.settingsFor(uri),
    ]);
    const own = settings[chosen];
    if (reason === 'save' && (own.on !== 'save' || !checksEnabled(own))) return [];
    const nodes = nodesFor(document, this.deps.nodesOf(uri));
    return Promise.all(nodes.map((node) => this.checkOne(uri, chosen, node, own, service)));
  }

  private async checkOne(
    uri: string,
    daemon: DaemonName,
    node: ClusterNodeInput,
    settings: DaemonSettings[DaemonName],
    service: ServiceSettings,
  ): Promise<DaemonCheckRun> {
    const uris = [...node.haproxy, ...node.keepalived].map((file) => file.uri);
    const key = runKey(daemon, node, uris);
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    this.deps.status({ daemon, uri, node: node.name, state: 'running' });
    const check = this.deps.check ?? checkNode;
    const outcome = await check({
      daemon,
      node,
      settings,
      service,
      files: this.deps.files,
      pathOf: fileSystemPath,
      signal: controller.signal,
    });
    if (this.running.get(key) !== controller) {
      // A newer run of the same node took over; it reports for both.
      return { daemon, uri, node: node.name, state: 'cancelled' };
    }
    this.running.delete(key);
    if ('skipped' in outcome) {
      const run: DaemonCheckRun = {
        daemon,
        uri,
        node: node.name,
        state: 'skipped',
        note: outcome.skipped,
      };
      this.deps.status(run);
      return run;
    }
    this.deps.log.info(
      `${daemon} check of node ${node.name}: ${outcome.argv.join(' ')} → exit ${String(outcome.exitCode)}, ${outcome.issues.length} finding(s)${outcome.note !== undefined ? `; ${outcome.note}` : ''}`,
    );
    const byFile = new Map<string, FileFindings>();
    for (const file of outcome.files) byFile.set(file.uri, { text: file.text, issues: [] });
    for (const issue of outcome.issues) {
      const entry = issue.uri === undefined ? undefined : byFile.get(issue.uri);
      if (entry !== undefined) (entry.issues as Issue[]).push(issue);
    }
    const before = this.results.get(key);
    this.results.set(key, byFile);
    this.deps.changed(new Set([...(before?.keys() ?? []), ...byFile.keys()]));
    const run: DaemonCheckRun = {
      daemon,
      uri,
      node: node.name,
      state: 'done',
      errors: outcome.issues.filter((issue) => issue.severity === 'error').length,
      warnings: outcome.issues.filter((issue) => issue.severity === 'warning').length,
      ...(outcome.version !== undefined ? { version: outcome.version } : {}),
      ...(outcome.note !== undefined ? { note: outcome.note } : {}),
    };
    this.deps.status(run);
    return run;
  }

  /** The daemons' findings on `uri` that were said of exactly `text`. */
  findingsFor(uri: string, text: string): Issue[] {
    const found: Issue[] = [];
    for (const files of this.results.values()) {
      const entry = files.get(uri);
      if (entry !== undefined && entry.text === text) found.push(...entry.issues);
    }
    return found;
  }

  /**
   * Diagnostics of a file that is not open (an included file, another `-f` file of the node),
   * placed on the text the daemon read: nothing else in the editor shows that file's lines.
   */
  closedDiagnostics(uri: string): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const files of this.results.values()) {
      const entry = files.get(uri);
      if (entry === undefined || entry.issues.length === 0) continue;
      const index = new LineIndex(entry.text);
      for (const issue of entry.issues) {
        diagnostics.push(issueToDiagnostic(issue, index, { docsBaseUrl: RULE_DOCS_BASE_URL }));
      }
    }
    return diagnostics;
  }

  /** Stops every run (shutdown, trust withdrawn). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }
}

/** Registers `didSave`, the `ha/daemonCheck` request and the trust notification. */
export function registerDaemonChecks(connection: Connection, checks: DaemonChecks): void {
  connection.onDidSaveTextDocument(({ textDocument }) => checks.saved(textDocument.uri));
  connection.onRequest(DaemonCheckRequest, async ({ uri, daemon }) => ({
    runs: await checks.check(uri, daemon, 'demand'),
  }));
  connection.onNotification(WorkspaceTrustNotification, ({ trusted }) =>
    checks.setTrusted(trusted),
  );
}
