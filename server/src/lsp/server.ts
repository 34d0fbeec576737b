import { processIdleCollector } from './idle-collector.js';
import type { Connection } from 'vscode-languageserver';
import { createLanguageService, MAX_DOCUMENT_LENGTH, RULE_DOCS_BASE_URL } from '../core/index.js';
import { ClusterTracker } from './cluster.js';
import { DaemonChecks, registerDaemonChecks } from './daemon-checks.js';
import { DiagnosticsPublisher } from './diagnostics.js';
import { registerFixAll } from './fix-all.js';
import { DocumentCache } from './document-cache.js';
import { createLspFileHost } from './file-host.js';
import { createReferencedFiles } from '../node/referenced-files.js';
import type { ReferencedFiles } from '../core/index.js';
import { pathToFileURL } from 'node:url';
import { fileSystemPath } from './uri.js';
import { registerHandlers } from './handlers.js';
import { NodeTable } from './nodes.js';
import { DaemonCheckStatusNotification, TopologyChangedNotification } from './protocol.js';
import { SettingsLog, type Logger } from './logger.js';
import { SettingsFiles, SettingsProvider } from './settings.js';
import { Workspace } from './workspace.js';

/** Builds the server's parts around a connection, registers the handlers and starts listening. */
export function startServer(connection: Connection, log: Logger): void {
  // The file host reads open buffers through the cache, which itself needs the service; the
  // callback only runs once validation starts, after the cache exists.
  // Includes reach the workspace folders and the roots .halint.json names, nothing else.
  const files = createLspFileHost(
    (uri) => documents.get(uri)?.text,
    () => workspace.includeRoots(),
  );
  const service = createLanguageService({
    docsBaseUrl: RULE_DOCS_BASE_URL,
    files,
    maxDocumentLength: maxDocumentLength(process.env['HALINT_MAX_DOCUMENT_MIB'], log),
  });
  // The scan's copy of a file and its open buffer share one parse while their texts are the same.
  const documents: DocumentCache = new DocumentCache(service, log, (uri) => workspace.get(uri));
  const settings = new SettingsProvider(
    (items) => connection.workspace.getConfiguration(items),
    new SettingsFiles(log),
    log,
  );
  const settingsLog = new SettingsLog(log);
  // Validation asks for every open document's settings first, so this logs them once known.
  const settingsFor = async (uri: string) => {
    const resolved = await settings.forDocument(uri);
    settingsLog.note(uri, resolved);
    return resolved;
  };
  const workspace: Workspace = new Workspace(service, log, (uri) => documents.get(uri));
  // Publications and cluster passes end each burst of work; the garbage they leave is collected
  // in the first pause instead of being held until V8's own schedule comes round.
  const idle = processIdleCollector();
  // The files a document names, through the path mappings of its settings; read only inside the
  // workspace folders and the roots .halint.json names.
  const referencedFilesFor = async (uri: string): Promise<ReferencedFiles> => {
    const daemons = await settings.daemonSettings(uri);
    return createReferencedFiles({
      mappings: {
        haproxy: daemons.haproxy.pathMappings,
        keepalived: daemons.keepalived.pathMappings,
      },
      files,
      confined: workspace.includeRoots().length > 0,
      pathOf: fileSystemPath,
      uriOf: (path) => pathToFileURL(path).href,
    });
  };
  // Which files validate together, planned once for the publisher and the cluster tracker; a file
  // whose node changed (a mapping edited, a conf.d file added) is validated again.
  const nodes = new NodeTable({
    workspace,
    openDocuments: () => documents.all(),
    files,
    changed: (uris) => diagnostics.refresh(uris),
  });
  // The tracker and the publisher call each other: findings that move are published again, and
  // every publication includes the file's current cluster findings.
  const cluster: ClusterTracker = new ClusterTracker({
    service,
    nodes,
    settingsFor,
    files,
    changed: (uris) => {
      diagnostics.refresh(uris);
      refreshLenses();
    },
    settled: () => diagnostics.clusterSettled(),
    delayMs: () => settings.timing().clusterDelayMs,
    analysed: (uris) => {
      idle?.touch();
      void connection
        .sendNotification(TopologyChangedNotification, { uris: [...uris] })
        .catch(() => undefined);
    },
    log,
  });
  // The daemons' own checks, on save or on command; what they said joins each publication.
  const daemons = new DaemonChecks({
    nodesOf: (uri) => nodes.nodesOf(uri),
    document: (uri) =>
      documents.get(uri) ?? nodes.documents().find((document) => document.uri === uri),
    settingsFor,
    daemonSettingsFor: (uri) => settings.daemonSettings(uri),
    files,
    changed: (uris) => diagnostics.refresh(uris),
    status: (run) => {
      void connection.sendNotification(DaemonCheckStatusNotification, run).catch(() => undefined);
    },
    log,
  });
  const diagnostics = new DiagnosticsPublisher({
    service,
    documents,
    settingsFor,
    send: (params) => {
      idle?.touch();
      return connection.sendDiagnostics(params);
    },
    log,
    extra: (uri, document) => [
      ...cluster.diagnosticsFor(uri, document?.lineIndex, document?.version),
      // A file that is not open shows what a daemon said of its saved text as is.
      ...(document === undefined ? daemons.closedDiagnostics(uri) : []),
    ],
    // A publication waits for the cluster pass rather than show findings of older texts.
    extraCurrent: (uri) => cluster.isCurrent(uri),
    delayMs: () => settings.timing().delayMs,
    nodesOf: (uri) => nodes.nodesOf(uri),
    daemonFindings: (uri, text) => daemons.findingsFor(uri, text),
    referencedFiles: referencedFilesFor,
  });
  const refreshLenses = registerHandlers(connection, {
    service,
    documents,
    settings,
    diagnostics,
    log,
    workspace,
    cluster,
    nodes,
    daemons,
    referencedFilesFor,
  });
  registerDaemonChecks(connection, daemons);
  registerFixAll(connection, {
    service,
    nodes,
    openDocument: (uri) => documents.get(uri),
    settingsFor,
    log,
  });
  connection.listen();
}

/**
 * The largest document the server analyses: `HALINT_MAX_DOCUMENT_MIB` (mebibytes, from the
 * client's environment for the server process), else the core's default. A malformed value is
 * logged and ignored.
 */
export function maxDocumentLength(value: string | undefined, log?: Logger): number {
  if (value === undefined || value.trim() === '') return MAX_DOCUMENT_LENGTH;
  const mib = Number(value);
  if (!Number.isFinite(mib) || mib <= 0) {
    log?.warn(`Ignoring HALINT_MAX_DOCUMENT_MIB=${JSON.stringify(value)}: not a positive number`);
    return MAX_DOCUMENT_LENGTH;
  }
  return Math.floor(mib * 1024 * 1024);
}
