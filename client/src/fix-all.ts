/**
 * "Fix All Safe Problems in the Workspace": the server computes the safe fixes of every file of
 * the workspace clusters (`ha/fixAllWorkspace`); this applies them through VS Code's refactor
 * preview, each change marked as needing confirmation, so nothing is written unseen. The client
 * only moves the server's edit into the editor: it reads no configuration.
 */
import * as vscode from 'vscode';
import type {
  FixAllWorkspaceMethod,
  FixAllWorkspaceParams,
  FixAllWorkspaceResult,
} from '../../server/src/lsp/protocol.js';
import { COMMANDS } from './ids.js';
import type { ServerCommandDeps } from './language-client.js';
import { chooseHowToApply, entryMetadata } from './apply-choice.js';

const FIX_ALL_METHOD = 'ha/fixAllWorkspace' satisfies FixAllWorkspaceMethod;

/** `3 removed-keyword, 1 missing-final-newline`. */
function describeFixed(fixed: Readonly<Record<string, number>>): string {
  return Object.entries(fixed)
    .map(([code, count]) => `${count} ${code}`)
    .join(', ');
}

async function fixWorkspace(deps: ServerCommandDeps): Promise<void> {
  await deps.ensureStarted();
  const params: FixAllWorkspaceParams = {};
  const result = await deps.client.sendRequest<FixAllWorkspaceResult>(FIX_ALL_METHOD, params);
  const changes = result.edit.documentChanges ?? [];
  const edit = new vscode.WorkspaceEdit();
  const fixes = Object.values(result.fixed).reduce((sum, count) => sum + count, 0);
  const files = changes.filter((change) => 'textDocument' in change).length;
  const choice =
    files === 0
      ? 'apply'
      : await chooseHowToApply(
          `Apply ${fixes} safe fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}?`,
          describeFixed(result.fixed),
        );
  if (choice === undefined) return;
  const metadata = entryMetadata(choice, 'Fix all safe problems', describeFixed(result.fixed));
  let stale = 0;
  for (const change of changes) {
    if (!('textDocument' in change)) continue;
    const uri = vscode.Uri.parse(change.textDocument.uri);
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === change.textDocument.uri,
    );
    // The edit was computed on one version of the buffer; a later keystroke moves its offsets.
    const version = change.textDocument.version;
    if (open && version !== null && open.version !== version) {
      stale++;
      continue;
    }
    for (const text of change.edits) {
      const { start, end } = text.range;
      edit.replace(
        uri,
        new vscode.Range(start.line, start.character, end.line, end.character),
        text.newText,
        metadata,
      );
    }
  }
  if (edit.size === 0) {
    void vscode.window.showInformationMessage(
      stale > 0
        ? 'Files changed while the fixes were computed: run the command again.'
        : `No safe fixes in the ${result.files} files of the workspace clusters.`,
    );
    return;
  }
  deps.output.appendLine(`Fix All Safe Problems in the Workspace: ${describeFixed(result.fixed)}`);
  // With entries needing confirmation (Preview…), VS Code opens the refactor preview first.
  await vscode.workspace.applyEdit(edit, { isRefactoring: true });
}

/** Registers the workspace fix-all command. */
export function registerFixAll(deps: ServerCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.fixAllInWorkspace, () =>
      fixWorkspace(deps).catch((error: unknown) => {
        deps.output.appendLine(`Fix All Safe Problems in the Workspace failed: ${String(error)}`);
        void vscode.window.showErrorMessage(`Fix all failed: ${String(error)}`);
      }),
    ),
  ];
}
