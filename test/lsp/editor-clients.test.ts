// The bundled server as editors other than VS Code drive it: settings pushed instead of pulled,
// one client entry for both languages, no file watching, and the response shapes a client that
// declares few capabilities can read. Real child process, real JSON-RPC over stdio; dist/ built.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from '../helpers/lsp-harness.js';
import { BROKEN_HAPROXY, vrrpNodeConfig } from '../helpers/sample-configs.js';

// A folder that exists on no machine, so that fake documents find no `.halint.json` on the way up.
const VIRTUAL_ROOT = 'file:///nonexistent-ha-editor-clients';

const quoteSeverity = (published: PublishedDiagnostics): number | undefined =>
  published.diagnostics.find((d) => d.code === 'unterminated-quote')?.severity;

void describe('settings from a client without workspace/configuration', () => {
  void it('honours initializationOptions, then the settings of didChangeConfiguration', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    // As lspconfig's `init_options`, eglot's `:initializationOptions` or Helix's `config`.
    await client.initialize({
      capabilities: {},
      initializationOptions: { haproxy: { diagnostics: { 'unterminated-quote': 'warning' } } },
    });
    const uri = `${VIRTUAL_ROOT}/pushed/haproxy.cfg`;
    await client.open(uri, 'haproxy', BROKEN_HAPROXY);
    const first = await client.waitForDiagnostics(uri, (p) => quoteSeverity(p) !== undefined);
    assert.equal(quoteSeverity(first), 2, 'warning, from initializationOptions');
    assert.deepEqual(
      client.configurationRequests,
      [],
      'a client without the capability is not asked',
    );

    // As lspconfig's `settings` and eglot's `eglot-workspace-configuration` arrive.
    const before = client.history(uri).length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { haproxy: { diagnostics: { 'unterminated-quote': 'hint' } } },
    });
    const hinted = await client.waitForDiagnostics(
      uri,
      () => client.history(uri).length > before,
      'diagnostics after the pushed settings',
    );
    assert.equal(quoteSeverity(hinted), 4);

    // A push without our sections leaves the last pushed settings in force.
    const again = client.history(uri).length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { unrelated: true },
    });
    const kept = await client.waitForDiagnostics(
      uri,
      () => client.history(uri).length > again,
      'diagnostics after an unrelated push',
    );
    assert.equal(quoteSeverity(kept), 4);

    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { haproxy: { diagnostics: { 'unterminated-quote': 'off' } } },
    });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'rule switched off');
  });
});

/** A valid keepalived.conf: no finding in Keepalived, a flood of them read as HAProxy. */
const KEEPALIVED = [
  'vrrp_instance VI_1 {',
  '    state MASTER',
  '    interface eth0',
  '    virtual_router_id 51',
  '    priority 100',
  '    advert_int 1',
  '    virtual_ipaddress {',
  '        192.0.2.10/24',
  '    }',
  '}',
  '',
].join('\n');

void describe('one client entry for both languages', () => {
  const sources = (published: PublishedDiagnostics): string[] => [
    ...new Set(published.diagnostics.map((d) => String(d.source))),
  ];

  void it('analyses keepalived.conf sent as haproxy by its name', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ capabilities: {} });
    const uri = `${VIRTUAL_ROOT}/eglot/keepalived.conf`;
    await client.open(uri, 'haproxy', KEEPALIVED);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(published.diagnostics, []);
    await client.waitFor(
      () => client.logs.find((log) => log.message.includes('its name makes it keepalived')),
      'a log line saying the name decided',
    );
  });

  void it('keeps the id when the client says its ids are explicit (VS Code)', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({
      capabilities: {},
      initializationOptions: { explicitLanguageIds: true },
    });
    const uri = `${VIRTUAL_ROOT}/chosen/keepalived.conf`;
    await client.open(uri, 'haproxy', KEEPALIVED);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(sources(published), ['haproxy']);
    assert.ok(published.diagnostics.length > 0);
  });
});

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A cluster folder with lb1/ and lb2/, lb2's VRID differing from lb1's. */
function mismatchedPair(): { root: string; lb1: string; lb2File: string } {
  const root = mkdtempSync(join(tmpdir(), 'ha-editor-cluster-'));
  folders.push(root);
  mkdirSync(join(root, 'lb1'));
  mkdirSync(join(root, 'lb2'));
  writeFileSync(join(root, 'lb1', 'keepalived.conf'), vrrpNodeConfig('MASTER', 101, 51));
  const lb2File = join(root, 'lb2', 'keepalived.conf');
  writeFileSync(lb2File, vrrpNodeConfig('BACKUP', 100, 52));
  return { root, lb1: pathToFileURL(join(root, 'lb1', 'keepalived.conf')).href, lb2File };
}

const hasMismatch = (published: PublishedDiagnostics): boolean =>
  published.diagnostics.some((d) => d.code === 'vrid-mismatch');

void describe('cross-node checks without client file watching', () => {
  void it('clears a finding when the unopened peer is fixed on disk', async (t) => {
    const { root, lb1, lb2File } = mismatchedPair();
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    const rootUri = pathToFileURL(root).href;
    // Neovim 0.7: a root, no didChangeWatchedFiles registration.
    await client.initialize({ rootUri, workspaceFolders: [{ uri: rootUri, name: 'c' }] });
    await client.open(lb1, 'keepalived', vrrpNodeConfig('MASTER', 101, 51));
    await client.waitForDiagnostics(lb1, hasMismatch, 'vrid-mismatch from the peer on disk');
    writeFileSync(lb2File, vrrpNodeConfig('BACKUP', 100, 51));
    await client.waitForDiagnostics(lb1, (p) => !hasMismatch(p), 'the finding gone');
    assert.ok(client.logs.some((log) => log.message.includes('checked on disk every')));
  });

  void it('finds the cluster root above the file when the client sends no folder', async (t) => {
    const { root, lb1 } = mismatchedPair();
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ rootUri: null, capabilities: {} });
    await client.open(lb1, 'keepalived', vrrpNodeConfig('MASTER', 101, 51));
    await client.waitForDiagnostics(lb1, hasMismatch, 'vrid-mismatch with no workspace folder');
    const chose = await client.waitFor(
      () => client.logs.find((log) => log.message.includes('as the cluster root')),
      'the chosen cluster root in the log',
    );
    assert.ok(chose.message.includes(pathToFileURL(root).href), chose.message);
    assert.match(chose.message, /lb1\/, lb2\/ each hold keepalived\.conf/);
  });

  void it("says why the checks are off with no root, or with one node's folder as root", async (t) => {
    // Nested in a folder of its own: the folder above must not be shared (other tests' folders in
    // the temporary directory may each hold a keepalived.conf).
    const parent = mkdtempSync(join(tmpdir(), 'ha-editor-lone-'));
    folders.push(parent);
    const lone = join(parent, 'lb1');
    mkdirSync(lone);
    const loneUri = pathToFileURL(join(lone, 'keepalived.conf')).href;
    writeFileSync(join(lone, 'keepalived.conf'), vrrpNodeConfig('MASTER', 101, 51));
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ rootUri: null, capabilities: {} });
    await client.open(loneUri, 'keepalived', vrrpNodeConfig('MASTER', 101, 51));
    await client.waitFor(
      () =>
        client.logs.find((log) =>
          log.message.startsWith(`Cross-node checks are off for ${loneUri}`),
        ),
      'the reason the checks are off',
    );

    const { root } = mismatchedPair();
    const nodeRoot = pathToFileURL(join(root, 'lb1')).href;
    const second = LspTestClient.stdio();
    t.after(() => second.dispose());
    await second.initialize({
      rootUri: nodeRoot,
      workspaceFolders: [{ uri: nodeRoot, name: 'lb1' }],
    });
    const message = await second.waitFor(
      () =>
        second.logs.find((log) =>
          log.message.startsWith(`Cross-node checks are off in ${nodeRoot}`),
        ),
      'the single-node root explained',
    );
    assert.match(message.message, /one node's files \(keepalived\.conf\)/);
    assert.equal(message.type, 3, 'a log line, not a popup');
  });
});

void describe('answers in the shapes a client declared', () => {
  void it('flat symbols and Command code actions for a client that declared neither', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    const applied: unknown[] = [];
    client.connection.onRequest('workspace/applyEdit', (params: { edit: unknown }) => {
      applied.push(params.edit);
      return { applied: true };
    });
    const init = await client.initialize({ capabilities: {} });
    assert.deepEqual(
      (init['capabilities'] as { executeCommandProvider?: unknown }).executeCommandProvider,
      { commands: ['ha-language-server.applyEdit'] },
    );
    const uri = `${VIRTUAL_ROOT}/shapes/haproxy.cfg`;
    await client.open(uri, 'haproxy', BROKEN_HAPROXY);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);

    const symbols = await client.connection.sendRequest<Record<string, unknown>[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
    );
    assert.ok(symbols.length > 2);
    for (const symbol of symbols) {
      assert.equal(symbol['children'], undefined, JSON.stringify(symbol));
      assert.equal((symbol['location'] as { uri?: string } | undefined)?.uri, uri);
    }
    const bind = symbols.find((symbol) => symbol['name'] === 'bind :80');
    assert.equal(bind?.['containerName'], 'frontend web');

    const quote = published.diagnostics.filter((d) => d.code === 'unterminated-quote');
    const commands = await client.connection.sendRequest<Record<string, unknown>[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: quote[0]?.range,
        context: { diagnostics: quote },
      },
    );
    assert.ok(commands.length > 0);
    for (const command of commands) {
      assert.equal(command['command'], 'ha-language-server.applyEdit');
      assert.equal(command['edit'], undefined, 'a Command has no edit of its own');
    }
    const first = commands[0] as { command: string; arguments: unknown[] };
    await client.connection.sendRequest('workspace/executeCommand', {
      command: first.command,
      arguments: first.arguments,
    });
    assert.deepEqual(applied, [first.arguments[0]]);
  });

  void it('nested symbols and code action literals for a client that declared them', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({
      capabilities: {
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    const uri = `${VIRTUAL_ROOT}/literal/haproxy.cfg`;
    await client.open(uri, 'haproxy', BROKEN_HAPROXY);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const symbols = await client.connection.sendRequest<Record<string, unknown>[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
    );
    assert.ok(symbols.some((symbol) => Array.isArray(symbol['children'])));
    const actions = await client.connection.sendRequest<Record<string, unknown>[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: published.diagnostics[0]?.range,
        context: { diagnostics: published.diagnostics.slice(0, 1) },
      },
    );
    assert.ok(actions.length > 0 && actions.every((action) => action['edit'] !== undefined));
  });
});

void describe('.halint.json format', () => {
  /** A file whose section lines are indented by one tab; the formatter re-indents them. */
  const TABBED =
    'frontend web\n\tbind :80\n\tdefault_backend app\nbackend app\n\tserver s1 127.0.0.1:8080\n';

  const indents = async (client: LspTestClient, uri: string): Promise<string[]> => {
    await client.open(uri, 'haproxy', TABBED);
    const edits = await client.connection.sendRequest<{ newText: string }[]>(
      'textDocument/formatting',
      { textDocument: { uri }, options: { tabSize: 8, insertSpaces: false } },
    );
    return [...new Set(edits.map((edit) => /^[ \t]*/.exec(edit.newText)?.[0] ?? ''))];
  };

  void it('wins over the client options when it sets the indentation', async (t) => {
    const project = mkdtempSync(join(tmpdir(), 'ha-editor-format-'));
    folders.push(project);
    writeFileSync(
      join(project, '.halint.json'),
      JSON.stringify({ format: { indentWidth: 2, insertSpaces: true } }),
    );
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ capabilities: {} });
    // With the project setting: two spaces, whatever the client asked for.
    assert.deepEqual(await indents(client, pathToFileURL(join(project, 'haproxy.cfg')).href), [
      '  ',
    ]);
    // Without one: the client's tabs (the file already uses them, so nothing changes).
    assert.deepEqual(await indents(client, `${VIRTUAL_ROOT}/format/haproxy.cfg`), []);
  });
});
