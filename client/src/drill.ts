/**
 * "Run failover drill": runs the failover lab (`halint lab`, carried by the bundled language
 * server) on a cluster's folder in a terminal, so that the user sees the drills as they happen
 * and answers `sudo` themselves. Offered by the server's code lens above each shared
 * `vrrp_instance` (with the folder) and from the Command Palette (asking for the folder).
 */
import * as vscode from 'vscode';
import { drillLine } from './drill-command.js';
import { COMMANDS } from './ids.js';

async function runDrill(context: vscode.ExtensionContext, folderArg?: unknown): Promise<void> {
  if (process.platform !== 'linux') {
    void vscode.window.showInformationMessage(
      'The failover drill needs Linux: it runs the cluster in network namespaces.',
    );
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'The failover drill starts HAProxy, Keepalived and their check scripts from this workspace as root: trust the workspace first.',
    );
    return;
  }
  let folder = typeof folderArg === 'string' ? vscode.Uri.parse(folderArg) : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: 'Run failover drill on this cluster',
    });
    folder = picked?.[0];
  }
  if (!folder || folder.scheme !== 'file') return;
  const server = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.cjs').fsPath;
  const terminal = vscode.window.createTerminal({ name: 'Failover drill', cwd: folder.fsPath });
  terminal.show();
  terminal.sendText(
    drillLine({
      runtime: process.execPath,
      server,
      folder: folder.fsPath,
      root: process.getuid?.() === 0,
    }),
  );
}

/** Registers the command. */
export function registerDrill(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.runFailoverDrill, (folder?: unknown) =>
      runDrill(context, folder),
    ),
  ];
}
