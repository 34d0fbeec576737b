/**
 * The daemons' own checks in VS Code: the commands "Check with haproxy -c" and "Check with
 * keepalived -t", the status bar item that shows the last check's daemon version and outcome,
 * and the workspace trust the server is told about (checks run programs: never in a restricted
 * workspace).
 */
import * as vscode from 'vscode';
import type {
  DaemonCheckDaemon,
  DaemonCheckMethod,
  DaemonCheckParams,
  DaemonCheckResult,
  DaemonCheckRun,
  DaemonCheckStatusMethod,
  WorkspaceTrustMethod,
  WorkspaceTrustParams,
} from '../../server/src/lsp/protocol.js';
import { DAEMON_LABELS, daemonStatusText } from './daemon-status.js';
import { COMMANDS } from './ids.js';
import type { ServerCommandDeps } from './language-client.js';

const CHECK_METHOD = 'ha/daemonCheck' satisfies DaemonCheckMethod;
const STATUS_METHOD = 'ha/daemonCheckStatus' satisfies DaemonCheckStatusMethod;
const TRUST_METHOD = 'ha/workspaceTrust' satisfies WorkspaceTrustMethod;

function show(item: vscode.StatusBarItem, run: DaemonCheckRun): void {
  const status = daemonStatusText(run);
  if (status === undefined) return;
  item.text = status.text;
  item.tooltip = status.tooltip;
  item.backgroundColor = status.alert
    ? new vscode.ThemeColor('statusBarItem.warningBackground')
    : undefined;
  item.show();
}

async function checkNow(deps: ServerCommandDeps, daemon: DaemonCheckDaemon): Promise<void> {
  const label = DAEMON_LABELS[daemon];
  const document = vscode.window.activeTextEditor?.document;
  if (document === undefined || !['haproxy', 'keepalived'].includes(document.languageId)) {
    void vscode.window.showInformationMessage(`Open a file of the node to check with ${label}.`);
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      `${label} runs programs from your settings: trust this workspace to use it.`,
    );
    return;
  }
  // The daemon reads the files on disk: what it says is about the saved text.
  if (document.isDirty) await document.save();
  await deps.ensureStarted();
  const params: DaemonCheckParams = { uri: document.uri.toString(), daemon };
  const result = await deps.client.sendRequest<DaemonCheckResult>(CHECK_METHOD, params);
  const notes = result.runs
    .filter((run) => run.state === 'skipped' || (run.note !== undefined && run.state === 'done'))
    .map((run) => `${run.node !== undefined ? `${run.node}: ` : ''}${run.note ?? ''}`);
  if (result.runs.length === 0) {
    void vscode.window.showInformationMessage(`${label}: nothing to check for this file.`);
  } else if (notes.length > 0) {
    deps.output.appendLine(`${label}: ${notes.join('; ')}`);
    void vscode.window.showWarningMessage(`${label}: ${notes.join('; ')}`);
  }
}

/** Registers the commands, the status bar item and the trust notification. */
export function registerDaemonChecks(deps: ServerCommandDeps): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem(
    'haKeepalived.daemonCheck',
    vscode.StatusBarAlignment.Left,
  );
  item.name = 'HAProxy/Keepalived daemon check';
  item.command = 'workbench.actions.view.problems';
  const run = (daemon: DaemonCheckDaemon) => (): Promise<void> =>
    checkNow(deps, daemon).catch((error: unknown) => {
      deps.output.appendLine(`${DAEMON_LABELS[daemon]} failed: ${String(error)}`);
    });
  return [
    item,
    // The client keeps handlers registered before it starts (and across restarts).
    deps.client.onNotification(STATUS_METHOD, (status: DaemonCheckRun) => show(item, status)),
    vscode.commands.registerCommand(COMMANDS.checkWithHaproxy, run('haproxy')),
    vscode.commands.registerCommand(COMMANDS.checkWithKeepalived, run('keepalived')),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const params: WorkspaceTrustParams = { trusted: true };
      if (deps.client.isRunning()) void deps.client.sendNotification(TRUST_METHOD, params);
    }),
  ];
}
