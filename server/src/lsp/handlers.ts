import {
  CompletionRequest,
  HoverRequest,
  SignatureHelpRequest,
  CodeActionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  DefinitionRequest,
  ReferencesRequest,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  RenameRequest,
  DocumentLinkRequest,
  CodeLensRequest,
  CodeLensRefreshRequest,
  InlayHintRequest,
  FoldingRangeRequest,
  WorkspaceSymbolRequest,
  ExecuteCommandRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  InitializedNotification,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Disposable,
  type NotificationHandler,
  type NotificationType,
  type RequestHandler,
  type RequestType,
  type TextDocumentIdentifier,
} from 'vscode-languageserver';
import type { LanguageService, ParsedDocument, ReferencedFiles } from '../core/index.js';
import { clientFeatures, initializeResult, type ClientFeatures } from './capabilities.js';
import type { DiagnosticsPublisher } from './diagnostics.js';
import type { DocumentCache } from './document-cache.js';
import { describeError, type Logger } from './logger.js';
import { DetectLanguageRequest, TopologyRequest } from './protocol.js';
import type { SettingsProvider } from './settings.js';
import { DEFAULT_SCAN_LIMITS, SETTINGS_FILE_NAME } from '../node/scan.js';
import { uriToPath } from './uri.js';
import { existingLinks } from './document-links.js';
import type { ClusterTracker } from './cluster.js';
import type { DaemonChecks } from './daemon-checks.js';
import type { NodeTable } from './nodes.js';
import { findClusterRoot } from './cluster-root.js';
import { registerMigrate } from './migrate.js';
import { registerSemanticTokens, SentTokens } from './semantic-tokens.js';
import { registerPeerNode } from './peer-node.js';
import { actionsAsCommands, editOfCommand, flattenSymbols } from './shapes.js';
import { DISK_POLL_MS, DiskPoller } from './disk-poll.js';
import { fileSystemPath } from './uri.js';
import type { PollResult, Workspace, WorkspaceFolder } from './workspace.js';
import { pathToFileURL } from 'node:url';

/** The parts of the server the handlers talk to. */
interface ServerContext {
  readonly service: LanguageService;
  readonly documents: DocumentCache;
  readonly settings: SettingsProvider;
  readonly diagnostics: DiagnosticsPublisher;
  readonly log: Logger;
  /** Workspace files for the cluster analysis; absent in hosts that analyse open files only. */
  readonly workspace?: Workspace;
  readonly cluster?: ClusterTracker;
  /** Which files validate together (the nodes); absent: every file is validated alone. */
  readonly nodes?: NodeTable;
  /** The daemons' own checks; absent in hosts that do not run them. */
  readonly daemons?: DaemonChecks;
  /** How the files a document names are found; absent: only the document's own names are followed. */
  readonly referencedFilesFor?: (uri: string) => Promise<ReferencedFiles>;
}

/** Watched file patterns: settings files, and configuration files feeding the cluster analysis. */
const WATCHED = [`**/${SETTINGS_FILE_NAME}`, '**/*.{cfg,conf}', '**/*{haproxy,keepalived}*'];

/** Workspace folder URIs from the `initialize` request (folders, else the root). */
function workspaceFolders(params: {
  readonly workspaceFolders?: readonly { readonly uri: string }[] | null;
  readonly rootUri?: string | null;
}): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((folder) => folder.uri);
  return params.rootUri ? [params.rootUri] : [];
}

/**
 * Whether the client declared its language ids deliberate (`initializationOptions`
 * `explicitLanguageIds: true`, sent by the VS Code extension), so that they win over file names.
 */
function explicitLanguageIds(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as Record<string, unknown>)['explicitLanguageIds'] === true
  );
}

/** `files.exclude` globs that are switched on. */
function excludeGlobs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value)
    .filter(([, enabled]) => enabled === true)
    .map(([glob]) => glob);
}

/** The two registration methods of a connection that the registry uses. */
export interface HandlerHost {
  onRequest<P, R, E>(type: RequestType<P, R, E>, handler: RequestHandler<P, R, E>): Disposable;
  onNotification<P>(type: NotificationType<P>, handler: NotificationHandler<P>): Disposable;
}

/** Work done for a request; may look at the token again between steps of long work. */
type RequestWork<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/** Work done for a request about one open document. */
type DocumentWork<P, R> = (
  document: ParsedDocument,
  params: P,
  token: CancellationToken,
) => R | Promise<R>;

/**
 * Wraps request work so that it can neither crash the server nor leave the client waiting: a
 * request cancelled before it starts is answered `RequestCancelled` without doing the work, one
 * arriving after `shutdown` is refused as the protocol asks, and a thrown exception is logged and
 * answered with `fallback` (null or an empty list). A thrown `ResponseError` is the answer.
 */
export function guardRequest<P, R>(
  method: string,
  work: RequestWork<P, R>,
  fallback: R,
  log: Logger,
  isShutDown: () => boolean = () => false,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (isShutDown()) {
      return new ResponseError(ErrorCodes.InvalidRequest, `${method} after shutdown`);
    }
    if (token.isCancellationRequested) {
      return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} cancelled`);
    }
    try {
      return await work(params, token);
    } catch (error) {
      // A deliberate refusal (a rename that cannot be complete) is the answer, not a failure.
      if (error instanceof ResponseError) return error as ResponseError<void>;
      log.error(`${method} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** Wraps notification work so that a thrown exception (or rejection) is logged, never fatal. */
export function guardNotification<P>(
  method: string,
  work: (params: P) => void | Promise<void>,
  log: Logger,
  isShutDown: () => boolean = () => false,
): (params: P) => void {
  const fail = (error: unknown): void => log.error(`${method} failed: ${describeError(error)}`);
  return (params) => {
    // After `shutdown` only `exit` matters; late edits are dropped.
    if (isShutDown()) return;
    try {
      const result = work(params);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/**
 * Registers guarded handlers. New LSP features are one line each:
 *
 * ```ts
 * on.documentRequest(HoverRequest.type, (doc, { position }) =>
 *   service.getHover(doc, doc.lineIndex.offsetAt(position)), null);
 * ```
 */
export class HandlerRegistry {
  constructor(
    private readonly host: HandlerHost,
    private readonly documents: Pick<DocumentCache, 'get'>,
    private readonly log: Logger,
    private readonly isShutDown: () => boolean = () => false,
  ) {}

  /** A request that does not concern one document. */
  request<P, R>(type: RequestType<P, R, void>, work: RequestWork<P, R>, fallback: R): void {
    this.host.onRequest(type, guardRequest(type.method, work, fallback, this.log, this.isShutDown));
  }

  /**
   * A request about one open document; answered with `fallback` when the document is unknown,
   * and refused with `ContentModified` when the document changed while the work waited (for its
   * settings, say): an update consumes the snapshot it replaces (its HAProxy tree may have been
   * moved in place, see `core/haproxy/incremental.ts`), so an answer read from it would point at
   * the wrong text. The client asks again or drops the request, as LSP intends.
   */
  documentRequest<P extends { readonly textDocument: TextDocumentIdentifier }, R>(
    type: RequestType<P, R, void>,
    work: DocumentWork<P, R>,
    fallback: R,
  ): void {
    this.request(
      type,
      async (params, token) => {
        const uri = params.textDocument.uri;
        const document = this.documents.get(uri);
        if (!document) return fallback;
        const changed = (): boolean => this.documents.get(uri) !== document;
        const modified = (): ResponseError<void> =>
          new ResponseError(
            LSPErrorCodes.ContentModified,
            `${type.method}: the document changed while the request was answered`,
          );
        try {
          const answer = await work(document, params, token);
          if (changed()) throw modified();
          return answer;
        } catch (error) {
          // Whatever a stale snapshot gave (an answer or an error), it is not about this text.
          if (!(error instanceof ResponseError) && changed()) throw modified();
          throw error;
        }
      },
      fallback,
    );
  }

  /** A notification. */
  notification<P>(type: NotificationType<P>, work: (params: P) => void | Promise<void>): void {
    this.host.onNotification(type, guardNotification(type.method, work, this.log, this.isShutDown));
  }
}

/**
 * Registers every handler of the server. This is the one place where LSP methods are wired. The
 * returned function asks the client to fetch code lenses again (the cluster lenses changed), when
 * the client supports that.
 */
export function registerHandlers(connection: Connection, context: ServerContext): () => void {
  const { service, documents, settings, diagnostics, log, workspace, cluster, nodes } = context;
  const referencedFilesOf = async (uri: string): Promise<{ referencedFiles?: ReferencedFiles }> => {
    const found = await context.referencedFilesFor?.(uri);
    return found === undefined ? {} : { referencedFiles: found };
  };
  let features: ClientFeatures = clientFeatures(undefined);
  let shutDown = false;
  let folders: string[] = [];

  /** The folders to scan with their limits, and the `files.exclude` globs that apply. */
  const scanInputs = async (): Promise<{
    folders: WorkspaceFolder[];
    exclude: string[];
  }> => {
    let exclude: string[] = [];
    if (features.configuration) {
      try {
        const [value] = (await connection.workspace.getConfiguration([
          { section: 'files.exclude' },
        ])) as unknown[];
        exclude = excludeGlobs(value);
      } catch (error) {
        log.warn(`Reading files.exclude failed: ${describeError(error)}`);
      }
    }
    const limits = await Promise.all(folders.map((uri) => settings.scanLimits(uri)));
    return {
      folders: folders.map((uri, i) => ({ uri, limits: limits[i] ?? DEFAULT_SCAN_LIMITS })),
      exclude,
    };
  };
  /** Reads the workspace (honouring `files.exclude` and the scan limits) and analyses its clusters. */
  const scanWorkspace = async (): Promise<void> => {
    if (!workspace || !cluster) return;
    const inputs = await scanInputs();
    workspace.scan(inputs.folders, inputs.exclude);
    await cluster.runNow();
  };
  /** Scans again when a setting changed the limits (or the exclusions) of the last scan. */
  const rescanIfChanged = async (): Promise<void> => {
    if (!workspace || !cluster || !initialized) return;
    const inputs = await scanInputs();
    if (!workspace.differs(inputs.folders, inputs.exclude)) return;
    workspace.scan(inputs.folders, inputs.exclude);
    await cluster.runNow();
  };
  /** An edit of a Keepalived file may change what the files including it see. */
  const scheduleIncluders = (uri: string): void => {
    for (const document of documents.all()) {
      if (document.uri !== uri && document.languageId === 'keepalived') {
        diagnostics.schedule(document.uri, false);
      }
    }
  };
  const on = new HandlerRegistry(connection, documents, log, () => shutDown);
  /** The last semantic tokens sent per document, for delta answers. */
  const sentTokens = new SentTokens();

  /** Disk changes found by polling count as the client's file events would. */
  const polled = (result: PollResult): void => {
    cluster?.schedule();
    const settingsChanged = result.changed.some((uri) => uri.endsWith(`/${SETTINGS_FILE_NAME}`));
    if (!result.rescanned && !settingsChanged) return;
    settings.clearFiles();
    diagnostics.revalidateAll();
    if (settingsChanged) void rescanIfChanged().catch(rescanFailed);
  };
  const rescanFailed = (error: unknown): void =>
    log.error(`Scanning the workspace again failed: ${describeError(error)}`);
  const poller = workspace ? new DiskPoller(workspace, polled, log) : undefined;
  /** Polls the disk when the client will not report file changes. */
  const keepFresh = (): void => {
    if (!poller || poller.running || features.watchedFilesRegistration || folders.length === 0) {
      return;
    }
    poller.start();
    log.info(
      `The client watches no files for the server: workspace files are checked on disk every ${DISK_POLL_MS / 1000} s, so cross-node findings follow changes saved outside the editor`,
    );
  };
  /** Messages already logged, so that each reason is said once. */
  const said = new Set<string>();
  const sayOnce = (message: string): void => {
    if (said.has(message)) return;
    said.add(message);
    log.info(message);
  };
  /** Says when a workspace folder is one node's own folder, where no cross-node check can run. */
  const explainSingleNodeRoots = (): void => {
    if (!workspace || workspace.nodeMappings().length > 0) return;
    for (const root of folders) {
      const top = workspace
        .documents([])
        .map((document) => document.uri)
        .filter((uri) => uri.startsWith(`${root.replace(/\/$/, '')}/`))
        .map((uri) => uri.slice(root.replace(/\/$/, '').length + 1))
        .filter((relative) => !relative.includes('/'));
      if (top.length === 0) continue;
      sayOnce(
        `Cross-node checks are off in ${root}: it holds one node's files (${top.join(', ')}) at its top, while the checks compare sibling folders of one parent (lb1/, lb2/, …). Open the folder above the node folders, or list the nodes in ${SETTINGS_FILE_NAME} "nodes".`,
      );
    }
  };
  /**
   * With no workspace folder from the client, finds the cluster root above an opened file (see
   * {@link findClusterRoot}), reads it as a workspace folder, and says what it chose or why the
   * cross-node checks stay off.
   */
  const adoptRootOf = async (uri: string): Promise<void> => {
    if (!workspace || clientFolders) return;
    const path = fileSystemPath(uri);
    if (path === undefined) return;
    if (folders.some((folder) => uri.startsWith(`${folder}/`))) return;
    const root = findClusterRoot(path);
    if (!root) {
      sayOnce(
        `Cross-node checks are off for ${uri}: the client sent no workspace folder, and no ${SETTINGS_FILE_NAME} or folder of node folders (lb1/, lb2/, …) was found above it. Start the editor in the folder holding the node folders, or set the client's root to it.`,
      );
      return;
    }
    const rootUri = pathToFileURL(root.path).href;
    log.info(
      `No workspace folder from the client: using ${rootUri} as the cluster root, as ${root.reason}`,
    );
    folders.push(rootUri);
    await scanWorkspace();
    keepFresh();
  };
  /** Whether the client named workspace folders (otherwise roots are found above open files). */
  let clientFolders = false;
  let initialized = false;

  // `clientFeatures` reads the capabilities defensively, so this handler has nothing to guard.
  connection.onInitialize((params) => {
    features = clientFeatures(params.capabilities);
    settings.setPullSupported(features.configuration);
    settings.setInitializationOptions(params.initializationOptions);
    context.daemons?.setInitializationOptions(params.initializationOptions);
    documents.setExplicitLanguageIds(explicitLanguageIds(params.initializationOptions));
    folders = workspaceFolders(params);
    clientFolders = folders.length > 0;
    return initializeResult();
  });
  connection.onShutdown(() => {
    shutDown = true;
    diagnostics.dispose();
    cluster?.dispose();
    poller?.dispose();
    context.daemons?.cancelAll();
    documents.clear();
  });

  on.notification(InitializedNotification.type, async () => {
    registerDynamic(connection, features, log);
    await settings.refreshTiming();
    await scanWorkspace();
    initialized = true;
    explainSingleNodeRoots();
    keepFresh();
    // Documents opened before the scan finished had no root to join yet.
    for (const document of documents.all()) await adoptRootOf(document.uri);
  });
  on.notification(DidOpenTextDocumentNotification.type, ({ textDocument: doc }) => {
    if (documents.open(doc.uri, doc.languageId, doc.version, doc.text)) {
      diagnostics.publishNow(doc.uri);
      cluster?.schedule();
      if (initialized) {
        void adoptRootOf(doc.uri).catch((error: unknown) => {
          log.error(`Finding the cluster root failed: ${describeError(error)}`);
        });
      }
    }
  });
  on.notification(DidChangeTextDocumentNotification.type, ({ textDocument, contentChanges }) => {
    const document = documents.change(textDocument.uri, textDocument.version, contentChanges);
    if (document) {
      diagnostics.schedule(textDocument.uri);
      if (document.languageId === 'keepalived') scheduleIncluders(textDocument.uri);
      // The other HAProxy files of the node are read together with this one.
      for (const uri of nodes?.readTogetherWith(textDocument.uri) ?? []) {
        if (documents.get(uri)) diagnostics.schedule(uri, false);
      }
      cluster?.schedule();
    }
  });
  on.notification(DidCloseTextDocumentNotification.type, ({ textDocument: { uri } }) => {
    const tracked = documents.get(uri) !== undefined;
    // The file's disk text counts again; it may differ from the closed buffer. Read while the
    // buffer is still open, so that a buffer closed as saved hands its parse over.
    if (tracked) workspace?.refresh(uri);
    documents.close(uri);
    settings.forget(uri);
    sentTokens.forget(uri);
    if (tracked) {
      diagnostics.clear(uri);
      cluster?.schedule();
    }
  });
  on.notification(DidChangeConfigurationNotification.type, async (params) => {
    settings.configurationChanged(params?.settings);
    // The delays are read before anything is scheduled with them.
    await settings.refreshTiming();
    diagnostics.revalidateAll();
    cluster?.schedule();
    await rescanIfChanged();
  });
  on.notification(DidChangeWatchedFilesNotification.type, async ({ changes }) => {
    for (const change of changes) workspace?.refresh(change.uri);
    cluster?.schedule();
    if (!changes.some((change) => change.uri.endsWith(`/${SETTINGS_FILE_NAME}`))) return;
    settings.clearFiles();
    diagnostics.revalidateAll();
    await rescanIfChanged();
  });

  on.documentRequest(
    CodeActionRequest.type,
    async (doc, { context, range }) => {
      const actions = service.getCodeActions(
        doc,
        { diagnostics: context.diagnostics, only: context.only, range },
        {
          settings: await settings.forDocument(doc.uri),
          cluster: cluster?.analysisFor(doc.uri),
          codeActions: features.codeActions,
          nodes: nodes?.nodesOf(doc.uri) ?? [],
        },
      );
      return features.codeActionLiterals ? actions : actionsAsCommands(actions);
    },
    [],
  );
  on.request(
    ExecuteCommandRequest.type,
    async ({ command, arguments: args }) => {
      const edit = editOfCommand(command, args);
      if (!edit) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${command}`);
      const result = await connection.workspace.applyEdit({ label: 'Apply fix', edit });
      if (!result.applied) {
        log.warn(`The client did not apply the fix: ${result.failureReason ?? 'no reason given'}`);
      }
      return null;
    },
    null,
  );
  on.documentRequest(
    CompletionRequest.type,
    async (doc, { position }) =>
      service.getCompletions(doc, doc.lineIndex.offsetAt(position), {
        settings: await settings.forDocument(doc.uri),
        format: features.completionFormat,
        cluster: cluster?.analysisFor(doc.uri),
        ...(await referencedFilesOf(doc.uri)),
      }),
    [],
  );
  on.documentRequest(
    HoverRequest.type,
    async (doc, { position }) =>
      service.getHover(doc, doc.lineIndex.offsetAt(position), {
        settings: await settings.forDocument(doc.uri),
        format: features.hoverFormat,
        cluster: cluster?.analysisFor(doc.uri),
        ...(await referencedFilesOf(doc.uri)),
      }),
    null,
  );
  on.documentRequest(
    SignatureHelpRequest.type,
    async (doc, { position }) =>
      service.getSignatureHelp(doc, doc.lineIndex.offsetAt(position), {
        settings: await settings.forDocument(doc.uri),
        format: features.signatureFormat,
      }),
    null,
  );
  on.documentRequest(
    DocumentSymbolRequest.type,
    (doc) => {
      const symbols = service.getDocumentSymbols(doc);
      return features.hierarchicalSymbols ? symbols : flattenSymbols(doc.uri, symbols);
    },
    [],
  );
  on.documentRequest(FoldingRangeRequest.type, (doc) => service.getFoldingRanges(doc), []);
  on.documentRequest(
    DocumentFormattingRequest.type,
    async (doc, p) => service.format(doc, await settings.formatOptions(doc.uri, p.options)),
    [],
  );
  on.documentRequest(
    DocumentRangeFormattingRequest.type,
    async (doc, p) =>
      service.format(doc, await settings.formatOptions(doc.uri, p.options), p.range),
    [],
  );
  on.documentRequest(
    DefinitionRequest.type,
    async (doc, p) =>
      service.getDefinition(doc, doc.lineIndex.offsetAt(p.position), {
        documents: documents.all(),
        cluster: cluster?.analysisFor(doc.uri),
        ...(await referencedFilesOf(doc.uri)),
      }),
    null,
  );
  on.documentRequest(
    ReferencesRequest.type,
    (doc, p) =>
      service.getReferences(doc, doc.lineIndex.offsetAt(p.position), p.context.includeDeclaration, {
        documents: documents.all(),
        cluster: cluster?.analysisFor(doc.uri),
      }),
    null,
  );
  on.documentRequest(
    DocumentHighlightRequest.type,
    (doc, p) => service.getDocumentHighlights(doc, doc.lineIndex.offsetAt(p.position)),
    null,
  );
  on.documentRequest(
    PrepareRenameRequest.type,
    (doc, p) =>
      refusal(
        service.prepareRename(doc, doc.lineIndex.offsetAt(p.position), {
          documents: documents.all(),
        }),
      ),
    null,
  );
  on.documentRequest(
    RenameRequest.type,
    (doc, p) =>
      refusal(
        service.rename(doc, doc.lineIndex.offsetAt(p.position), p.newName, {
          documents: documents.all(),
        }),
      )?.edit ?? null,
    null,
  );
  registerSemanticTokens(on, context, sentTokens);
  on.documentRequest(
    DocumentLinkRequest.type,
    async (doc) => {
      const found = await referencedFilesOf(doc.uri);
      return existingLinks(doc, service.getDocumentLinks(doc), found.referencedFiles);
    },
    null,
  );
  on.documentRequest(
    CodeLensRequest.type,
    async (doc) =>
      service.getCodeLenses(doc, {
        settings: await settings.forDocument(doc.uri),
        cluster: cluster?.analysisFor(doc.uri),
      }),
    null,
  );
  on.documentRequest(
    InlayHintRequest.type,
    async (doc, p) =>
      service.getInlayHints(doc, p.range, { settings: await settings.forDocument(doc.uri) }),
    null,
  );
  on.request(
    WorkspaceSymbolRequest.type,
    ({ query }) => service.getWorkspaceSymbols(query, { documents: documents.all() }),
    [],
  );
  on.request(
    TopologyRequest,
    async ({ uri, limit }) => {
      if (!cluster) return null;
      // The first request can come before the first analysis: run it now rather than answer
      // that the file belongs to no cluster.
      if (!cluster.analysisFor(uri)) await cluster.runNow();
      const analysis = cluster.analysisFor(uri);
      if (!analysis) return null;
      return service.getTopology(
        analysis,
        { ...(limit !== undefined ? { limit } : {}) },
        { settings: await settings.forDocument(uri) },
      );
    },
    null,
  );
  registerMigrate(on, context, () => folders);
  registerPeerNode(on, { service, nodes, cluster });
  on.request(
    DetectLanguageRequest,
    ({ uri, text }) => service.detectLanguage(uriToPath(uri), text) ?? null,
    null,
  );
  return () => {
    if (!features.codeLensRefresh || shutDown) return;
    connection
      .sendRequest(CodeLensRefreshRequest.type)
      .catch((error: unknown) => log.warn(`Code lens refresh failed: ${describeError(error)}`));
  };
}

/**
 * Turns a refused rename into the error the client shows to the user (a thrown `ResponseError`
 * passes through the request guard as the answer).
 */
function refusal<T extends object>(result: T | { readonly error: string } | undefined): T | null {
  if (result === undefined) return null;
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return result;
}

/** Asks for the notifications that clients only send after a dynamic registration. */
function registerDynamic(connection: Connection, features: ClientFeatures, log: Logger): void {
  const failed = (error: unknown): void =>
    log.warn(`Dynamic registration failed: ${describeError(error)}`);
  if (features.configurationChangeRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: ['haproxy', 'keepalived'] })
      .catch(failed);
  }
  if (features.watchedFilesRegistration) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED.map((globPattern) => ({ globPattern })),
      })
      .catch(failed);
  }
}
