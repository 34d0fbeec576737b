// The server's own log (window/logMessage) through the bundled server over stdio: what a user
// pastes into a bug report must say what ran, with which settings, on which files, and how long
// the cluster analysis took. Assumes dist/ is built (`npm test` builds first).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../helpers/lsp-harness.js';

const KEEPALIVED = (priority: number): string =>
  [
    'vrrp_instance VI_1 {',
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${priority}`,
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '}',
    '',
  ].join('\n');

describe('server log', () => {
  let client: LspTestClient;
  let folder: string;
  let root: string;
  let lb1: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-log-'));
    for (const [name, priority] of [
      ['lb1', 101],
      ['lb2', 100],
    ] as const) {
      mkdirSync(join(folder, name));
      writeFileSync(join(folder, name, 'keepalived.conf'), KEEPALIVED(priority));
    }
    writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), 'defaults\n    mode http\n');
    root = pathToFileURL(folder).href;
    lb1 = pathToFileURL(join(folder, 'lb1', 'keepalived.conf')).href;
    client = LspTestClient.stdio();
    client.configuration = () => [
      { version: '2.8', diagnostics: { 'missing-check': 'off' } },
      { version: '2.4', diagnostics: {} },
    ];
    await client.initialize({
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'log' }],
      capabilities: { workspace: { configuration: true } },
    });
    await client.open(lb1, 'keepalived', KEEPALIVED(101));
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const line = (pattern: RegExp, what: string): Promise<string> =>
    client.waitFor(() => client.logs.find((entry) => pattern.test(entry.message))?.message, what);

  it('starts with the server version, Node version, pid and transport', async () => {
    await line(/started/, 'the start line');
    const first = client.logs[0]?.message ?? '';
    assert.match(
      first,
      /^ha-language-server \S+ started \(Node v\d+\.\d+\.\d+, pid \d+, transport stdio\)$/,
    );
    assert.equal(client.logs[0]?.type, 3);
  });

  it('tells the workspace folders and what the scan found', async () => {
    const scan = await line(/^Workspace folders: /, 'the scan line');
    assert.equal(
      scan.replace(/in \d+ ms$/, 'in N ms'),
      `Workspace folders: ${root}; scan found 3 configuration files (1 HAProxy, 2 Keepalived) and 0 .halint.json in N ms`,
    );
  });

  it('tells the settings in effect once they are known', async () => {
    const settings = await line(/^Settings in effect: /, 'the settings line');
    assert.equal(
      settings,
      'Settings in effect: HAProxy 2.8 (1 severity override), Keepalived 2.4 (0 severity overrides)',
    );
  });

  it('writes one line per cluster analysis with nodes, duration and findings', async () => {
    const analysis = await line(/^Cluster analysis /, 'a cluster analysis line');
    assert.match(analysis, /^Cluster analysis \S+: 2 nodes, \d+ ms, \d+ findings$/);
  });

  it('logs errors with their stack trace', async () => {
    // Bogus params make the handler throw (see server.test.ts); the log keeps the stack.
    await client.connection.sendRequest('ha/detectLanguage', { uri: 42, text: null });
    const error = await line(/^ha\/detectLanguage failed/, 'the error line');
    assert.match(error, /\n\s+at /);
  });
});
