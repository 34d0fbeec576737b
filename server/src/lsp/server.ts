import type { Connection } from 'vscode-languageserver';
import { createLanguageService, RULE_DOCS_BASE_URL } from '../core/index.js';
import { DiagnosticsPublisher } from './diagnostics.js';
import { DocumentCache } from './document-cache.js';
import { createLspFileHost } from './file-host.js';
import { registerHandlers } from './handlers.js';
import type { Logger } from './logger.js';
import { SettingsFiles, SettingsProvider } from './settings.js';

/** Builds the server's parts around a connection, registers the handlers and starts listening. */
export function startServer(connection: Connection, log: Logger): void {
  // The file host reads open buffers through the cache, which itself needs the service; the
  // callback only runs once validation starts, after the cache exists.
  const files = createLspFileHost((uri) => documents.get(uri)?.text);
  const service = createLanguageService({ docsBaseUrl: RULE_DOCS_BASE_URL, files });
  const documents = new DocumentCache(service);
  const settings = new SettingsProvider(
    (items) => connection.workspace.getConfiguration(items),
    new SettingsFiles(log),
    log,
  );
  const diagnostics = new DiagnosticsPublisher({
    service,
    documents,
    settingsFor: (uri) => settings.forDocument(uri),
    send: (params) => connection.sendDiagnostics(params),
    log,
  });
  registerHandlers(connection, { service, documents, settings, diagnostics, log });
  connection.listen();
}
