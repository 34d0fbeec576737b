// A node whose HAProxy configuration spans haproxy.cfg and conf.d/: through the bundled server
// over stdio, the main file is validated together with the folder's files (no false
// undefined-backend), and an edit in one file re-validates the other. Assumes dist/ is built.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../helpers/lsp-harness.js';

const MAIN = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_web
    bind :80
    default_backend be_app
`;

const APPS = `backend be_app
    server app1 10.0.0.1:8080 check
`;

describe('HAProxy files of one node over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let main: string;
  let apps: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-multi-'));
    mkdirSync(join(folder, 'lb1', 'conf.d'), { recursive: true });
    writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), MAIN);
    writeFileSync(join(folder, 'lb1', 'conf.d', '20-apps.cfg'), APPS);
    main = pathToFileURL(join(folder, 'lb1', 'haproxy.cfg')).href;
    apps = pathToFileURL(join(folder, 'lb1', 'conf.d', '20-apps.cfg')).href;
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({ rootUri: root, workspaceFolders: [{ uri: root, name: 'multi' }] });
    await client.open(main, 'haproxy', MAIN);
    await client.open(apps, 'haproxy', APPS);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('sees the backend of conf.d from haproxy.cfg, and its removal', async () => {
    // Alone, haproxy.cfg names an undefined backend; once the node is known it does not.
    await client.waitFor(() => {
      const latest = client.latest(main);
      return latest && !latest.diagnostics.some((d) => d.code === 'undefined-backend')
        ? latest
        : undefined;
    }, 'haproxy.cfg validated with conf.d');
    await client.change(apps, 2, [{ text: APPS.replace('be_app', 'be_other') }]);
    const published = await client.waitFor(() => {
      const latest = client.latest(main);
      return latest?.diagnostics.some((d) => d.code === 'undefined-backend') ? latest : undefined;
    }, 'haproxy.cfg re-validated after the edit in conf.d');
    assert.equal(
      published.diagnostics.find((d) => d.code === 'undefined-backend')?.range.start.line,
      8,
    );
  });
});
