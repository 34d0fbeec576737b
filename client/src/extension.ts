/**
 * Extension entry point. Activation events (package.json):
 * - `onLanguage:haproxy` / `onLanguage:keepalived`: a config file is open;
 * - `workspaceContains:**\/haproxy*.cfg` / `workspaceContains:**\/keepalived*.conf`: the folder
 *   holds configs, so the commands and detection are ready before the first one is opened;
 * - `onStartupFinished`: needed for content detection. A `.cfg`/`.conf` file with an unusual
 *   name opens as `plaintext` or `properties`, which fires no event of ours, so without it the
 *   extension would not be running to ask the server. It fires after start-up, so it costs the
 *   editor no start time, and the server process itself is only started on demand.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { registerCommands } from './commands.js';
import { registerContentDetection } from './content-detection.js';
import { registerDaemonChecks } from './daemon-checks.js';
import { registerMigrate } from './migrate.js';
import { registerPeerNode } from './peer-node.js';
import { registerDrill } from './drill.js';
import { registerFixAll } from './fix-all.js';
import { OUTPUT_CHANNEL_NAME } from './ids.js';
import { createLanguageClient, ensureStarted, startWhenNeeded } from './language-client.js';
import { registerTopology } from './topology-panel.js';

let client: LanguageClient | undefined;

/** Creates the client, the commands and the content detection. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  // The client reports a failed start itself (log and notification); callers only need to know.
  const start = (): Promise<void> => ensureStarted(languageClient);
  const handled = new Set<string>();
  context.subscriptions.push(
    output,
    ...registerCommands({ client: languageClient, output, handled }),
    startWhenNeeded(() => start().catch(() => undefined)),
    ...registerTopology({ context, client: languageClient, ensureStarted: start, output }),
    ...registerDrill(context),
    ...registerDaemonChecks({ client: languageClient, ensureStarted: start, output }),
    ...registerFixAll({ client: languageClient, ensureStarted: start, output }),
    ...registerMigrate({ client: languageClient, ensureStarted: start, output }),
    ...registerPeerNode({ client: languageClient, ensureStarted: start, output }),
    registerContentDetection({
      client: languageClient,
      ensureStarted: start,
      output,
      manifest: context.extension.packageJSON,
      handled,
    }),
  );
}

/** Stops the server; VS Code waits for the returned promise. */
export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
