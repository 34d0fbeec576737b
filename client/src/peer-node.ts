/**
 * "Create the Peer Node from This Folder…" (Explorer context menu on a folder, Command Palette):
 * the server computes the backup node of the folder's node (`ha/createPeerNode`, the same edit as
 * the "Create the peer node" code action); VS Code shows the new files in the refactor preview
 * before anything is written. The client reads no configuration.
 */
import * as vscode from 'vscode';
import type {
  CreatePeerNodeMethod,
  CreatePeerNodeParams,
  CreatePeerNodeResult,
} from '../../server/src/lsp/protocol.js';
import { COMMANDS } from './ids.js';
import { peerNodeAnswer } from './peer-node-files.js';
import type { ServerCommandDeps } from './language-client.js';
import { chooseHowToApply, entryMetadata } from './apply-choice.js';

const CREATE_PEER_NODE_METHOD = 'ha/createPeerNode' satisfies CreatePeerNodeMethod;

/** The folder the command acts on: the Explorer's, else the active file's, else one picked. */
async function targetFolder(clicked: unknown): Promise<vscode.Uri | undefined> {
  if (clicked instanceof vscode.Uri) return clicked;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create Its Peer Node',
    title: 'The node folder to create the peer of',
  });
  return picked?.[0];
}

async function createPeerNode(deps: ServerCommandDeps, clicked: unknown): Promise<void> {
  const folder = await targetFolder(clicked);
  if (folder === undefined) return;
  await deps.ensureStarted();
  const params: CreatePeerNodeParams = { folderUri: folder.toString() };
  const answer = peerNodeAnswer(
    await deps.client.sendRequest<CreatePeerNodeResult>(CREATE_PEER_NODE_METHOD, params),
  );
  if ('message' in answer) {
    void vscode.window.showWarningMessage(answer.message);
    return;
  }
  const choice = await chooseHowToApply(
    `Create the peer node ${answer.name} (${answer.files.length} file${answer.files.length === 1 ? '' : 's'})?`,
    answer.summary,
  );
  if (choice === undefined) return;
  const metadata = entryMetadata(choice, `Create the peer node ${answer.name}`, answer.summary);
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const file of answer.files) {
    // Never over an existing file: VS Code then refuses the whole edit.
    edit.createFile(
      vscode.Uri.parse(file.uri),
      { overwrite: false, ignoreIfExists: false, contents: encoder.encode(file.text) },
      metadata,
    );
  }
  deps.output.appendLine(`Create the peer node ${answer.name}: ${answer.summary}`);
  // With entries needing confirmation (Preview…), VS Code opens the refactor preview first.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    deps.output.appendLine(`The peer node ${answer.name} was not written.`);
  }
}

/** Registers the command. */
export function registerPeerNode(deps: ServerCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.createPeerNode, (clicked: unknown) =>
      createPeerNode(deps, clicked).catch((error: unknown) => {
        deps.output.appendLine(`Create the peer node failed: ${String(error)}`);
        void vscode.window.showErrorMessage(`Creating the peer node failed: ${String(error)}`);
      }),
    ),
  ];
}
