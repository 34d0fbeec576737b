/** The three contributed commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { COMMANDS } from './ids.js';
import { restartClient } from './language-client.js';
import { languagePickItems } from './language-picker.js';

/** What the commands act on. */
export interface CommandDeps {
  readonly client: LanguageClient;
  readonly output: vscode.OutputChannel;
  /** URIs whose language was decided; the picked language must not be undone by detection. */
  readonly handled: Set<string>;
}

async function restartServer(deps: CommandDeps): Promise<void> {
  try {
    await restartClient(deps.client);
  } catch (error) {
    deps.output.appendLine(`Restart failed: ${String(error)}`);
    void vscode.window.showErrorMessage(
      'The HAProxy/Keepalived language server failed to restart.',
    );
  }
}

async function setLanguage(deps: CommandDeps): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document === undefined) {
    void vscode.window.showInformationMessage(
      'Open a file to choose HAProxy or Keepalived for it.',
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(languagePickItems(document.languageId), {
    placeHolder: 'Language of this file',
  });
  if (picked === undefined) return;
  deps.handled.add(document.uri.toString());
  await vscode.languages.setTextDocumentLanguage(document, picked.languageId);
}

/** Registers the commands; the returned disposables belong in the extension's subscriptions. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(deps)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => deps.output.show()),
    vscode.commands.registerCommand(COMMANDS.setLanguage, () => setLanguage(deps)),
  ];
}
