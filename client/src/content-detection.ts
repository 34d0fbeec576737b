/**
 * Content-based language detection for `.cfg` / `.conf` files that VS Code opened in another
 * language because their names match none of the associations. The client only chooses the
 * candidates; the server reads the text and answers through `ha/detectLanguage`.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
  associationsFromManifest,
  associationsFromSetting,
  detectionText,
  isDetectionCandidate,
  parseDetectedLanguage,
  type DocumentInfo,
} from './detection.js';
import {
  DETECT_LANGUAGE_METHOD,
  type DetectLanguageParams,
  type DetectLanguageResult,
} from './ids.js';

/** What the detector needs from the rest of the extension. */
export interface ContentDetectionDeps {
  readonly client: LanguageClient;
  /** Starts the server if needed; detection is what may start it in a plain workspace. */
  readonly ensureStarted: () => Promise<void>;
  readonly output: vscode.OutputChannel;
  /** This extension's package.json, for its own file name associations. */
  readonly manifest: unknown;
  /** URIs already asked about or set by hand; shared with the Set Language command. */
  readonly handled: Set<string>;
}

function documentInfo(document: vscode.TextDocument): DocumentInfo {
  return {
    uri: document.uri.toString(),
    scheme: document.uri.scheme,
    path: document.uri.path,
    languageId: document.languageId,
  };
}

/** Watches opened documents (and those already open) and switches the language the server names. */
export function registerContentDetection(deps: ContentDetectionDeps): vscode.Disposable {
  const ownAssociations = associationsFromManifest(deps.manifest);

  const detect = async (document: vscode.TextDocument): Promise<void> => {
    // The user's files.associations are read on each open so that edits apply without a reload.
    const associations = [
      ...ownAssociations,
      ...associationsFromSetting(vscode.workspace.getConfiguration('files').get('associations')),
    ];
    const info = documentInfo(document);
    if (!isDetectionCandidate(info, associations, deps.handled)) return;
    // Marked before the request: a document is asked about once per session, so reopening it or
    // switching it back by hand never triggers a second, surprising change.
    deps.handled.add(info.uri);
    const params: DetectLanguageParams = { uri: info.uri, text: detectionText(document.getText()) };
    let language;
    try {
      await deps.ensureStarted();
      language = parseDetectedLanguage(
        // Typed as the protocol says, but still checked: a newer server may answer something else.
        await deps.client.sendRequest<DetectLanguageResult>(DETECT_LANGUAGE_METHOD, params),
      );
    } catch (error) {
      deps.output.appendLine(`Language detection failed for ${info.uri}: ${String(error)}`);
      return;
    }
    // The answer is only applied if nothing changed while the server was thinking.
    if (language === undefined || document.isClosed) return;
    if (document.languageId !== info.languageId) return;
    deps.output.appendLine(`Detected ${language} content in ${info.uri}`);
    await vscode.languages.setTextDocumentLanguage(document, language);
  };

  const run = (document: vscode.TextDocument): void => {
    detect(document).catch((error: unknown) => {
      deps.output.appendLine(
        `Could not switch the language of ${document.uri.toString()}: ${String(error)}`,
      );
    });
  };

  vscode.workspace.textDocuments.forEach(run);
  return vscode.workspace.onDidOpenTextDocument(run);
}
