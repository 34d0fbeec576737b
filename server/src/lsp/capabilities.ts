import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeResult,
} from 'vscode-languageserver';

/** What the connected client can do, reduced to the questions this server asks. */
export interface ClientFeatures {
  /** The client answers `workspace/configuration` (the pull model of settings). */
  readonly configuration: boolean;
  /** The client accepts a dynamic registration for `workspace/didChangeConfiguration`. */
  readonly configurationChangeRegistration: boolean;
  /** The client can watch files for us, so `.halint.json` edits are noticed. */
  readonly watchedFilesRegistration: boolean;
}

/**
 * Reads the client capabilities defensively: a minimal or broken client may send `{}` or leave
 * whole branches out, and none of that may stop the server from starting.
 */
export function clientFeatures(capabilities: ClientCapabilities | undefined): ClientFeatures {
  const workspace = capabilities?.workspace;
  return {
    configuration: workspace?.configuration === true,
    configurationChangeRegistration:
      workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}

/** Name and version this server reports in `initialize`. */
export const SERVER_INFO = {
  name: 'ha-language-server',
  // Inlined by the bundler; a run from source simply reports no version.
  version: process.env.HALINT_VERSION,
} as const;

/**
 * The answer to `initialize`. Each new feature adds its provider flag here, next to its handler
 * line in `handlers.ts`.
 */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      // Incremental sync: the core re-parses only what an edit touches.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    },
    serverInfo: { name: SERVER_INFO.name, version: SERVER_INFO.version },
  };
}
