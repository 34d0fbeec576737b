/**
 * `textDocument/semanticTokens/full` and `textDocument/semanticTokens/full/delta`. Each answer
 * carries a result id; the server keeps the last token data it sent per document, so that the
 * next request after an edit is answered with the few integers that changed instead of the whole
 * array (close to two million integers for a 75,000-line file).
 */
import {
  SemanticTokensDeltaRequest,
  SemanticTokensRequest,
  type RequestType,
  type SemanticTokens,
  type SemanticTokensDelta,
  type TextDocumentIdentifier,
} from 'vscode-languageserver';
import {
  semanticTokensEdits,
  tokenDataArray,
  type LanguageService,
  type ParsedDocument,
} from '../core/index.js';
import type { SettingsProvider } from './settings.js';

/** The part of the handler registry this module uses (the registry's module imports this one). */
export interface DocumentRequestRegistry {
  documentRequest<P extends { readonly textDocument: TextDocumentIdentifier }, R>(
    type: RequestType<P, R, void>,
    work: (document: ParsedDocument, params: P) => R | Promise<R>,
    fallback: R,
  ): void;
}

/** What the two requests read. */
export interface SemanticTokensContext {
  readonly service: LanguageService;
  readonly settings: Pick<SettingsProvider, 'forDocument'>;
}

interface Sent {
  readonly resultId: string;
  readonly data: Uint32Array;
}

/** The last token data sent for each open document, by URI. */
export class SentTokens {
  private readonly last = new Map<string, Sent>();
  private counter = 0;

  /** Remembers `data` as the answer for `document` and gives it a new result id. */
  private remember(document: ParsedDocument, data: Uint32Array): string {
    // The document version makes the id readable in a trace; the counter makes it unique even
    // when a settings change gives the same version other tokens.
    const resultId = `${document.version}.${++this.counter}`;
    this.last.set(document.uri, { resultId, data });
    return resultId;
  }

  /** The whole answer, remembered for the next delta. */
  full(document: ParsedDocument, data: Uint32Array): SemanticTokens {
    return { resultId: this.remember(document, data), data: tokenDataArray(data) };
  }

  /**
   * The edits from the answer `previousResultId` to `data`; the whole answer when that one is not
   * the last sent for the document (a lost or cancelled response, a restarted server).
   */
  delta(
    document: ParsedDocument,
    previousResultId: string,
    data: Uint32Array,
  ): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(document.uri);
    if (previous?.resultId !== previousResultId) return this.full(document, data);
    return {
      resultId: this.remember(document, data),
      edits: semanticTokensEdits(previous.data, data),
    };
  }

  /** Drops what was sent for a closed document. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** Registers both requests, answering from and into `sent`. */
export function registerSemanticTokens(
  on: DocumentRequestRegistry,
  { service, settings }: SemanticTokensContext,
  sent: SentTokens,
): void {
  const data = async (document: ParsedDocument): Promise<Uint32Array> =>
    service.getSemanticTokenData(document, { settings: await settings.forDocument(document.uri) });
  on.documentRequest(
    SemanticTokensRequest.type,
    async (document) => sent.full(document, await data(document)),
    { data: [] },
  );
  on.documentRequest(
    SemanticTokensDeltaRequest.type,
    async (document, { previousResultId }) =>
      sent.delta(document, previousResultId, await data(document)),
    // As for the full request: no tokens (and no result id, so the next request is a full one).
    { data: [] },
  );
}
