/**
 * Custom messages between the extension client and this server, beyond the LSP specification.
 *
 * The client imports this module with `import type` only, so nothing here may be needed at run
 * time on its side: it names methods through the {@link HaRequests} map and writes the method
 * string literally, which the type checker then holds against this file.
 *
 * @packageDocumentation
 */
import { RequestType } from 'vscode-languageserver';

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

/** Every custom request by method, for a typed `sendRequest` wrapper on the client. */
export interface HaRequests {
  'ha/detectLanguage': { params: DetectLanguageParams; result: DetectLanguageResult };
}
