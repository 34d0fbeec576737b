/**
 * The checks that run inside VS Code's extension host (see run.ts): the extension activates, an
 * HAProxy buffer gets diagnostics with rule codes, hover answers, the rule documentation code
 * action is offered and opens the bundled page, and the client's commands are registered.
 *
 * The extension host loads this file through `--extensionTestsPath` and calls `run()`; a failure
 * rejects and makes VS Code exit with a non-zero status. No test framework is needed for a few
 * sequential checks, and none has to be bundled. `npm test` also compiles this file and loads it
 * under `node --test`, where `vscode` does not exist: hence the module is only required in `run()`.
 */
import * as assert from 'node:assert/strict';
import type * as Vscode from 'vscode';

const EXTENSION_ID = 'ha-tooling.haproxy-keepalived';

const HAPROXY = [
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  'backend be_app',
  '    balance roundrobin',
  // Two servers without `check`: missing-check on each.
  '    server s1 10.0.0.1:80',
  '    server s2 10.0.0.2:80',
  '',
].join('\n');

/** Polls `probe` until it returns a value, for the server's asynchronous answers. */
async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Entry point called by the extension host. */
export async function run(): Promise<void> {
  // Only the extension host provides this module (see the file comment).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof Vscode;
  const checks: [string, () => Promise<void>][] = [];
  const check = (name: string, body: () => Promise<void>): void => {
    checks.push([name, body]);
  };
  let document: Vscode.TextDocument | undefined;

  check('the extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test instance`);
    await extension.activate();
    assert.ok(extension.isActive);
  });

  check('an HAProxy buffer gets diagnostics with rule codes', async () => {
    document = await vscode.workspace.openTextDocument({ language: 'haproxy', content: HAPROXY });
    await vscode.window.showTextDocument(document);
    const uri = document.uri;
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    }, 'diagnostics');
    const codes = diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    assert.ok(codes.includes('missing-check'), `codes: ${codes.join(', ')}`);
  });

  check('hover on a keyword returns its documentation', async () => {
    assert.ok(document);
    const position = new vscode.Position(6, 6); // inside `balance`
    const hovers = await eventually(async () => {
      const found = await vscode.commands.executeCommand<Vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document?.uri,
        position,
      );
      return found.length > 0 ? found : undefined;
    }, 'a hover');
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((part) => (typeof part === 'string' ? part : part.value))
      .join('\n');
    assert.match(text, /balance/);
  });

  check('a problem offers its bundled documentation', async () => {
    assert.ok(document);
    const range = new vscode.Range(7, 4, 7, 26);
    const actions = await vscode.commands.executeCommand<Vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
    );
    assert.ok(
      actions.some((action) => action.title === 'Show documentation for missing-check'),
      actions.map((action) => action.title).join(', '),
    );
  });

  check('a rule page opens from the extension folder in the Markdown preview', async () => {
    await vscode.commands.executeCommand('haKeepalived.openRuleDoc', 'missing-check');
    const tab = await eventually(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((candidate) => candidate.label.includes('missing-check')),
      'the preview tab of missing-check.md',
      15_000,
    );
    assert.match(tab.label, /preview/i);
  });

  check('the lens command reveals a finding', async () => {
    assert.ok(document);
    const diagnostic = vscode.languages
      .getDiagnostics(document.uri)
      .find((d) => d.range.start.line === 7);
    assert.ok(diagnostic, 'no problem on the line of server s1');
    const { start, end } = diagnostic.range;
    // The arguments as the server's cluster lens sends them: an URI string and an LSP range.
    await vscode.commands.executeCommand('haKeepalived.showProblems', document.uri.toString(), {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), document.uri.toString());
    assert.equal(editor.selection.active.line, 7);
  });

  check('the client registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'haKeepalived.restartServer',
      'haKeepalived.showOutput',
      'haKeepalived.setLanguage',
      'haKeepalived.openRuleDoc',
      'haKeepalived.showProblems',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  const failures: string[] = [];
  for (const [name, body] of checks) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (error) {
      console.log(`not ok - ${name}`);
      console.log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      failures.push(name);
    }
  }
  // The summary is what code-server.ts reads: a remote extension host exits with 0 either way.
  console.log(`# checks: passed ${checks.length - failures.length}, failed ${failures.length}`);
  if (failures.length > 0) {
    throw new Error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
  }
}
