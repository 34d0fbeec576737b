import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeResult,
} from 'vscode-languageserver';
import { FIX_ALL_KIND, SEMANTIC_TOKENS_LEGEND } from '../core/index.js';
import { APPLY_EDIT_COMMAND } from './shapes.js';
import type { ClientFormat, CodeActionClient } from '../core/index.js';

/** What the connected client can do, reduced to the questions this server asks. */
export interface ClientFeatures {
  /** The client answers `workspace/configuration` (the pull model of settings). */
  readonly configuration: boolean;
  /** The client accepts a dynamic registration for `workspace/didChangeConfiguration`. */
  readonly configurationChangeRegistration: boolean;
  /** The client can watch files for us, so `.halint.json` edits are noticed. */
  readonly watchedFilesRegistration: boolean;
  /** The client re-asks for code lenses on `workspace/codeLens/refresh` (cluster lenses move). */
  readonly codeLensRefresh: boolean;
  /** How completion items may be shaped (Markdown documentation, snippets, deprecated tags). */
  readonly completionFormat: ClientFormat;
  /** Whether hover contents may be Markdown. */
  readonly hoverFormat: ClientFormat;
  /** Whether signature documentation may be Markdown. */
  readonly signatureFormat: ClientFormat;
  /** Nested `DocumentSymbol`s are understood; otherwise a flat `SymbolInformation` list. */
  readonly hierarchicalSymbols: boolean;
  /** `CodeAction` literals are understood; otherwise plain `Command`s. */
  readonly codeActionLiterals: boolean;
  /** What the client does with the workspace edits of code actions (creating files). */
  readonly codeActions: CodeActionClient;
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
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    hierarchicalSymbols:
      capabilities?.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    codeActionLiterals:
      capabilities?.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    codeActions: {
      createFiles:
        workspace?.workspaceEdit?.documentChanges === true &&
        (workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
      disabledActions: capabilities?.textDocument?.codeAction?.disabledSupport === true,
    },
    ...documentationFormats(capabilities),
  };
}

/** Reads the formats a client renders; anything missing means plain text and no extras. */
function documentationFormats(
  capabilities: ClientCapabilities | undefined,
): Pick<ClientFeatures, 'completionFormat' | 'hoverFormat' | 'signatureFormat'> {
  const text = capabilities?.textDocument;
  const item = text?.completion?.completionItem;
  const markdown = (formats: unknown): boolean =>
    Array.isArray(formats) && formats.includes('markdown');
  const plain = { snippets: false, deprecatedTag: false };
  return {
    completionFormat: {
      markdown: markdown(item?.documentationFormat),
      snippets: item?.snippetSupport === true,
      deprecatedTag:
        Array.isArray(item?.tagSupport?.valueSet) && item.tagSupport.valueSet.includes(1),
    },
    hoverFormat: { ...plain, markdown: markdown(text?.hover?.contentFormat) },
    signatureFormat: {
      ...plain,
      markdown: markdown(text?.signatureHelp?.signatureInformation?.documentationFormat),
    },
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
      // `save` tells the server when a node's files are saved: the daemons' checks run then.
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      // `source.fixAll.halint` is what `editor.codeActionsOnSave: { "source.fixAll": … }` runs.
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: [' ', '(', ',', '.'] },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: [' '] },
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      // Deltas: after an edit only the tokens that moved are sent, not the whole array again.
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true } },
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      // Runs the `Command` form of a code action, for clients without code action literals.
      executeCommandProvider: { commands: [APPLY_EDIT_COMMAND] },
    },
    serverInfo: { name: SERVER_INFO.name, version: SERVER_INFO.version },
  };
}
