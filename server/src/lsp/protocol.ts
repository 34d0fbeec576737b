/**
 * Custom messages between the extension client and this server, beyond the LSP specification.
 *
 * The client imports this module with `import type` only, so nothing here may be needed at run
 * time on its side: it writes each method string literally, typed by the `*Method` types here
 * (`DetectLanguageMethod`, …), which the type checker then holds against this file.
 *
 * @packageDocumentation
 */
import { NotificationType, RequestType } from 'vscode-languageserver';
import type { WorkspaceEdit } from 'vscode-languageserver';
import type { TopologyGraph, WorkspaceMigration } from '../core/index.js';

export type { TopologyGraph, TopologyLocation } from '../core/index.js';

/** Method of the {@link DetectLanguageRequest}. */
export type DetectLanguageMethod = 'ha/detectLanguage';

/** Parameters of `ha/detectLanguage`: a document the client could not classify by its name. */
export interface DetectLanguageParams {
  /** Document URI; its file name is looked at first. */
  readonly uri: string;
  /** Current text; used when the name says nothing. */
  readonly text: string;
}

/** Answer of `ha/detectLanguage`: the language, or `null` when the text is neither. */
export type DetectLanguageResult = 'haproxy' | 'keepalived' | null;

/**
 * Asks the server which of its two languages a `.cfg` / `.conf` file is written in, so that the
 * client can switch the editor's language mode of files whose names are not conventional.
 */
export const DetectLanguageRequest = new RequestType<
  DetectLanguageParams,
  DetectLanguageResult,
  void
>('ha/detectLanguage' satisfies DetectLanguageMethod);

/** Method of the {@link TopologyRequest}. */
export type TopologyMethod = 'ha/topology';

/** Parameters of `ha/topology`. */
export interface TopologyParams {
  /** Any file of the cluster (a node's `haproxy.cfg` or `keepalived.conf`, open or not). */
  readonly uri: string;
  /**
   * Servers shown per backend before the rest fold into a "more" element (frontends and backends
   * fold at five times this); 0 shows everything. Default 8.
   */
  readonly limit?: number;
}

/** Answer of `ha/topology`: the graph, or `null` when the file belongs to no analysed cluster. */
export type TopologyResult = TopologyGraph | null;

/**
 * Asks for the topology graph of the cluster a file belongs to, as the last analysis saw it
 * (unsaved edits included). The client draws it; it never reads the configuration itself.
 */
export const TopologyRequest = new RequestType<TopologyParams, TopologyResult, void>(
  'ha/topology' satisfies TopologyMethod,
);

/** Method of the {@link TopologyChangedNotification}. */
export type TopologyChangedMethod = 'ha/topologyChanged';

/** Parameters of `ha/topologyChanged`: files of the clusters that were analysed again. */
export interface TopologyChangedParams {
  readonly uris: readonly string[];
}

/**
 * Sent by the server after it analysed clusters again (an edit, a file changed on disk), so that
 * an open preview asks for its graph again.
 */
export const TopologyChangedNotification = new NotificationType<TopologyChangedParams>(
  'ha/topologyChanged' satisfies TopologyChangedMethod,
);

/** Every custom request by method, for a typed `sendRequest` wrapper on the client. */
export type DaemonCheckMethod = 'ha/daemonCheck';

/** Which daemon checked, or checks, a node. */
export type DaemonCheckDaemon = 'haproxy' | 'keepalived';

export interface DaemonCheckParams {
  /** A file of the node to check. */
  readonly uri: string;
  /** `haproxy` runs `haproxy -c`, `keepalived` runs `keepalived -t`; default: the file's language. */
  readonly daemon?: DaemonCheckDaemon;
}

/** One node's check, as it starts, ends or is left out. */
export interface DaemonCheckRun {
  readonly daemon: DaemonCheckDaemon;
  /** The file the check was asked for. */
  readonly uri: string;
  /** The node checked; absent when no node was looked at (an untrusted workspace). */
  readonly node?: string;
  /** `skipped`: not run (`note` says why); `cancelled`: a newer run of the node took over. */
  readonly state: 'running' | 'done' | 'skipped' | 'cancelled';
  /** The daemon's version, as it said it. */
  readonly version?: string;
  readonly errors?: number;
  readonly warnings?: number;
  /** Why nothing was said (a missing binary, a timeout), or a caveat about what was said. */
  readonly note?: string;
}

export interface DaemonCheckResult {
  readonly runs: readonly DaemonCheckRun[];
}

/**
 * Runs the daemon's own check on the nodes of a file now (the commands "Check with haproxy -c"
 * and "Check with keepalived -t"); resolves when every run ended.
 */
export const DaemonCheckRequest = new RequestType<DaemonCheckParams, DaemonCheckResult, void>(
  'ha/daemonCheck' satisfies DaemonCheckMethod,
);

export type DaemonCheckStatusMethod = 'ha/daemonCheckStatus';

/** Sent when a daemon check starts and ends, on save or on demand (the status bar item). */
export const DaemonCheckStatusNotification = new NotificationType<DaemonCheckRun>(
  'ha/daemonCheckStatus' satisfies DaemonCheckStatusMethod,
);

export type WorkspaceTrustMethod = 'ha/workspaceTrust';

export interface WorkspaceTrustParams {
  readonly trusted: boolean;
}

/**
 * The client's workspace became trusted. Daemon checks run programs (HAProxy runs `lua-load`
 * scripts while checking), so a client with a notion of trust sends `workspaceTrusted: false` in
 * `initializationOptions` for a restricted workspace and this notification once it is trusted.
 */
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>(
  'ha/workspaceTrust' satisfies WorkspaceTrustMethod,
);

export type FixAllWorkspaceMethod = 'ha/fixAllWorkspace';

/** Parameters of `ha/fixAllWorkspace`: nothing yet; every file of the workspace clusters is fixed. */
export type FixAllWorkspaceParams = Record<string, never>;

/** Answer of `ha/fixAllWorkspace`. */
export interface FixAllWorkspaceResult {
  /**
   * The edits, as `documentChanges` (one `TextDocumentEdit` per changed file, with the version
   * of the open buffer it was computed on, `null` for a file read from disk).
   */
  readonly edit: WorkspaceEdit;
  /** Fixes per rule code over all files. */
  readonly fixed: Readonly<Record<string, number>>;
  /** Files looked at. */
  readonly files: number;
}

/**
 * Computes the safe fixes (`source.fixAll.halint`) of every file of the workspace clusters as
 * one workspace edit, which the client applies with its preview ("Fix all safe problems in the
 * workspace"). The server changes nothing itself.
 */
export const FixAllWorkspaceRequest = new RequestType<
  FixAllWorkspaceParams,
  FixAllWorkspaceResult,
  void
>('ha/fixAllWorkspace' satisfies FixAllWorkspaceMethod);

/** Method of the {@link MigrateRequest}. */
export type MigrateMethod = 'ha/migrate';

/** Parameters of `ha/migrate`. */
export interface MigrateParams {
  readonly languageId: 'haproxy' | 'keepalived';
  /** The target version, one of `ha/migrationTargets`' (`3.0`, `2.3`, …). */
  readonly version: string;
  /** Only these files (default: every file of the language in the workspace and open). */
  readonly uris?: readonly string[];
}

/**
 * Answer of `ha/migrate`: the workspace edit (not applied: the client applies it, with a preview),
 * how many keywords it migrates, those it leaves (each with why and a documentation link), and a
 * Markdown report of both; `null` when the server failed (it logs why).
 */
export type MigrateResult = WorkspaceMigration | null;

/**
 * Migrates the workspace's HAProxy or Keepalived files to a version: every removed or deprecated
 * keyword with a mechanical replacement is rewritten, the others are listed. The server only
 * computes; nothing is written until the client applies the edit.
 */
export const MigrateRequest = new RequestType<MigrateParams, MigrateResult, void>(
  'ha/migrate' satisfies MigrateMethod,
);

/** Method of the {@link MigrationTargetsRequest}. */
export type MigrationTargetsMethod = 'ha/migrationTargets';

/** Answer of `ha/migrationTargets`: the versions per language, and the configured ones. */
export interface MigrationTargetsResult {
  readonly haproxy: readonly string[];
  readonly keepalived: readonly string[];
  /** The target versions of the settings (of the file given, else of the first folder). */
  readonly configured: { readonly haproxy: string; readonly keepalived: string };
}

/** Parameters of `ha/migrationTargets`. */
export interface MigrationTargetsParams {
  /** A file whose settings give the configured versions. */
  readonly uri?: string;
}

/** The versions `ha/migrate` accepts, so that the client offers exactly these. */
export const MigrationTargetsRequest = new RequestType<
  MigrationTargetsParams,
  MigrationTargetsResult,
  void
>('ha/migrationTargets' satisfies MigrationTargetsMethod);

/** Method of the {@link CreatePeerNodeRequest}. */
export type CreatePeerNodeMethod = 'ha/createPeerNode';

/** Parameters of `ha/createPeerNode`. */
export interface CreatePeerNodeParams {
  /** The node's folder (`file:///srv/cluster/lb1`), as the Explorer gives it. */
  readonly folderUri: string;
}

/**
 * Answer of `ha/createPeerNode`: the edit creating the peer node's files (`CreateFile` without
 * overwrite, then the text), the new node's name and what its instances become; or, in `error`,
 * why no peer can be written from this folder (no node, no MASTER instance, …), for the user.
 */
export type CreatePeerNodeResult =
  | {
      readonly edit: WorkspaceEdit;
      readonly name: string;
      /** `VI_1 BACKUP, priority 135; VI_2 MASTER, priority 150`. */
      readonly summary: string;
    }
  | { readonly error: string };

/**
 * "Create the Peer Node from This Folder…": the same workspace edit as the "Create the peer node"
 * code action on a MASTER `vrrp_instance`, for the node whose folder is given. The server only
 * computes; the client applies the edit with a preview.
 */
export const CreatePeerNodeRequest = new RequestType<
  CreatePeerNodeParams,
  CreatePeerNodeResult,
  void
>('ha/createPeerNode' satisfies CreatePeerNodeMethod);
