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

// A folder that exists on no machine, so that fake documents find no `.halint.json` on the way up.
const VIRTUAL_ROOT = 'file:///nonexistent-ha-editor-clients';

/** A valid haproxy.cfg but for the quote never closed on the `http-request` line. */
const BROKEN_HAPROXY = [
  'defaults',
  '  mode http',
  '  timeout connect 5s',
  '  timeout client 30s',
  '  timeout server 30s',
  '',
  'frontend web',
  '  bind :80',
  '  http-request set-header X-Env "prod',
  '  default_backend app',
  '',
  'backend app',
  '  server s1 127.0.0.1:8080 check',
  '',
].join('\n');

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

/** One node's keepalived.conf; two nodes with different `vrid`s are a `vrid-mismatch`. */
function nodeConfig(state: 'MASTER' | 'BACKUP', priority: number, vrid: number): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${state}`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    `    priority ${priority}`,
    '    advert_int 1',
    '    virtual_ipaddress {',
    '        192.0.2.10/24',
    '    }',
    '}',
    '',
  ].join('\n');
}

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
  writeFileSync(join(root, 'lb1', 'keepalived.conf'), nodeConfig('MASTER', 101, 51));
  const lb2File = join(root, 'lb2', 'keepalived.conf');
  writeFileSync(lb2File, nodeConfig('BACKUP', 100, 52));
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
    await client.open(lb1, 'keepalived', nodeConfig('MASTER', 101, 51));
    await client.waitForDiagnostics(lb1, hasMismatch, 'vrid-mismatch from the peer on disk');
    writeFileSync(lb2File, nodeConfig('BACKUP', 100, 51));
    await client.waitForDiagnostics(lb1, (p) => !hasMismatch(p), 'the finding gone');
    assert.ok(client.logs.some((log) => log.message.includes('checked on disk every')));
  });

  void it('finds the cluster root above the file when the client sends no folder', async (t) => {
    const { root, lb1 } = mismatchedPair();
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ rootUri: null, capabilities: {} });
    await client.open(lb1, 'keepalived', nodeConfig('MASTER', 101, 51));
    await client.waitForDiagnostics(lb1, hasMismatch, 'vrid-mismatch with no workspace folder');
    const chose = client.logs.find((log) => log.message.includes('as the cluster root'));
    assert.ok(chose?.message.includes(pathToFileURL(root).href), JSON.stringify(client.logs));
    assert.match(chose.message, /lb1\/, lb2\/ each hold keepalived\.conf/);
  });

  void it("says why the checks are off with no root, or with one node's folder as root", async (t) => {
    const lone = mkdtempSync(join(tmpdir(), 'ha-editor-lone-'));
    folders.push(lone);
    const loneUri = pathToFileURL(join(lone, 'keepalived.conf')).href;
    writeFileSync(join(lone, 'keepalived.conf'), nodeConfig('MASTER', 101, 51));
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize({ rootUri: null, capabilities: {} });
    await client.open(loneUri, 'keepalived', nodeConfig('MASTER', 101, 51));
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
