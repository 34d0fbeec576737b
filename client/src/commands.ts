/**
 * The general commands (the topology preview registers its own), and the code action that opens a
 * rule's documentation.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { COMMANDS, EXTENSION_ID } from './ids.js';
import { restartClient } from './language-client.js';
import { languagePickItems } from './language-picker.js';
import {
  isRuleCode,
  ruleCodeOf,
  ruleCodesFromFiles,
  ruleDocSegments,
  showDocumentationTitle,
} from './rule-docs.js';
import { buildDocumentSelector } from './server-options.js';

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

/** Root of this extension's files (the rule pages ship in it). */
function extensionUri(): vscode.Uri | undefined {
  return vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri;
}

/**
 * Opens the bundled page of `code` in the Markdown preview; asks for the code when none is given
 * (from the Command Palette). Falls back to `webUrl` (the diagnostic's link) when the page is not
 * in the extension, for instance a code newer than this build.
 */
async function openRuleDoc(code?: unknown, webUrl?: unknown): Promise<void> {
  const root = extensionUri();
  if (!root) return;
  let chosen = isRuleCode(code) ? code : undefined;
  if (chosen === undefined) {
    const entries = await vscode.workspace.fs
      .readDirectory(vscode.Uri.joinPath(root, 'docs', 'rules'))
      .then(
        (found) => found.map(([name]) => name),
        () => [],
      );
    chosen = await vscode.window.showQuickPick(ruleCodesFromFiles(entries), {
      placeHolder: 'Rule code',
    });
    if (chosen === undefined) return;
  }
  const page = vscode.Uri.joinPath(root, ...ruleDocSegments(chosen));
  const exists = await vscode.workspace.fs.stat(page).then(
    () => true,
    () => false,
  );
  if (exists) {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } else if (typeof webUrl === 'string' && webUrl.startsWith('https://')) {
    await vscode.env.openExternal(vscode.Uri.parse(webUrl));
  } else {
    void vscode.window.showWarningMessage(`No documentation page for ${chosen}.`);
  }
}

/** An LSP range as the server sends it in a lens command's arguments. */
interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

function isLspRange(value: unknown): value is LspRange {
  const isPosition = (p: unknown): boolean =>
    typeof p === 'object' &&
    p !== null &&
    typeof (p as { line?: unknown }).line === 'number' &&
    typeof (p as { character?: unknown }).character === 'number';
  return (
    typeof value === 'object' &&
    value !== null &&
    isPosition((value as { start?: unknown }).start) &&
    isPosition((value as { end?: unknown }).end)
  );
}

/**
 * Reveals a finding the server's code lens points at: opens its file with the cursor on it and
 * shows the problem inline as F8 does (the marker navigation starts at the marker under the
 * cursor). Without a location it opens the Problems panel.
 */
async function showProblems(uri?: unknown, range?: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isLspRange(range)) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const start = new vscode.Position(range.start.line, range.start.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
    selection: new vscode.Range(start, start),
  });
  await vscode.commands.executeCommand('editor.action.marker.next');
}

/** Offers "Show documentation for <code>" on every diagnostic of ours that has a rule code. */
class RuleDocActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    _document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const code = ruleCodeOf(diagnostic);
      if (code === undefined || seen.has(code)) continue;
      seen.add(code);
      // The diagnostic's web link, for a code whose page this build does not have.
      const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
      const action = new vscode.CodeAction(
        showDocumentationTitle(code),
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      action.command = {
        title: action.title,
        command: COMMANDS.openRuleDoc,
        arguments: [code, target?.toString()],
      };
      actions.push(action);
    }
    return actions;
  }
}

/** Registers the commands; the returned disposables belong in the extension's subscriptions. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restartServer(deps)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => deps.output.show()),
    vscode.commands.registerCommand(COMMANDS.setLanguage, () => setLanguage(deps)),
    vscode.commands.registerCommand(COMMANDS.openRuleDoc, openRuleDoc),
    vscode.commands.registerCommand(COMMANDS.showProblems, showProblems),
    vscode.languages.registerCodeActionsProvider(buildDocumentSelector(), new RuleDocActions(), {
      providedCodeActionKinds: RuleDocActions.kinds,
    }),
  ];
}
