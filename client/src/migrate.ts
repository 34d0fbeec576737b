/**
 * "Migrate the Workspace to a HAProxy Version…" and "…Keepalived Version…": the user picks a
 * version, the server computes the workspace edit and the list of what it could not migrate
 * (`ha/migrate`), VS Code shows the edit for confirmation, and the list opens as Markdown.
 */
import * as vscode from 'vscode';
import type {
  MigrateMethod,
  MigrateParams,
  MigrateResult,
  MigrationTargetsMethod,
  MigrationTargetsParams,
  MigrationTargetsResult,
} from '../../server/src/lsp/protocol.js';
import { COMMANDS, LANGUAGE_LABELS, type ConfigLanguageId } from './ids.js';
import { migrationPickItems } from './migrate-items.js';
import type { ServerCommandDeps } from './language-client.js';
import { chooseHowToApply, entryMetadata } from './apply-choice.js';

const MIGRATE_METHOD = 'ha/migrate' satisfies MigrateMethod;
const TARGETS_METHOD = 'ha/migrationTargets' satisfies MigrationTargetsMethod;

async function migrate(deps: ServerCommandDeps, languageId: ConfigLanguageId): Promise<void> {
  const label = LANGUAGE_LABELS[languageId];
  await deps.ensureStarted();
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const targetsParams: MigrationTargetsParams = active ? { uri: active } : {};
  const targets = await deps.client.sendRequest<MigrationTargetsResult>(
    TARGETS_METHOD,
    targetsParams,
  );
  const picked = await vscode.window.showQuickPick(
    migrationPickItems(targets[languageId], targets.configured[languageId]),
    { placeHolder: `Migrate every ${label} file of the workspace to` },
  );
  if (picked === undefined) return;
  const params: MigrateParams = { languageId, version: picked.version };
  const result = await deps.client.sendRequest<MigrateResult>(MIGRATE_METHOD, params);
  if (result === null) {
    void vscode.window.showErrorMessage(`The migration to ${label} ${picked.version} failed.`);
    return;
  }
  const edit = await deps.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (result.migrated > 0) {
    const files = edit.entries().length;
    const choice = await chooseHowToApply(
      `Migrate ${result.migrated} line${result.migrated === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} to ${label} ${result.version}?`,
      result.notMigrated.length > 0
        ? `${result.notMigrated.length} more need a person: the report lists them.`
        : 'Every removed or deprecated keyword has a mechanical replacement.',
    );
    if (choice === undefined) return;
    const metadata = entryMetadata(choice, `Migrate to ${label} ${result.version}`);
    const chosen = new vscode.WorkspaceEdit();
    for (const [uri, edits] of edit.entries()) {
      for (const change of edits) chosen.replace(uri, change.range, change.newText, metadata);
    }
    await vscode.workspace.applyEdit(chosen, { isRefactoring: true });
  }
  if (result.migrated === 0 && result.notMigrated.length === 0) {
    void vscode.window.showInformationMessage(
      `Nothing to migrate: no ${label} file uses a keyword removed or deprecated in ${result.version}.`,
    );
    return;
  }
  const report = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: result.report,
  });
  await vscode.window.showTextDocument(report, { preview: true });
}

/** Registers the two migration commands. */
export function registerMigrate(deps: ServerCommandDeps): vscode.Disposable[] {
  const run = (languageId: ConfigLanguageId) => (): Promise<void> =>
    migrate(deps, languageId).catch((error: unknown) => {
      deps.output.appendLine(`Migration failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`The migration failed: ${String(error)}`);
    });
  return [
    vscode.commands.registerCommand(COMMANDS.migrateHaproxy, run('haproxy')),
    vscode.commands.registerCommand(COMMANDS.migrateKeepalived, run('keepalived')),
  ];
}
