// The migration through the bundled server over stdio: the "Migrate this file to HAProxy X.Y"
// code action for the settings' version, and `ha/migrate` over a workspace folder whose files
// are on disk. Assumes dist/ is built (`npm test` builds first; while iterating run
// `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import type { MigrateResult, MigrationTargetsResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from '../helpers/lsp-harness.js';

const HAPROXY = ['defaults', '    contimeout 5s', '    option http-use-htx', ''].join('\n');
const KEEPALIVED = [
  'vrrp_instance VI_1 {',
  '    interface eth0',
  '    lvs_sync_daemon_interface eth0',
  '    native_ipv6',
  '}',
  '',
].join('\n');

describe('migration over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let cfg: string;
  let conf: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-migrate-lsp-'));
    mkdirSync(join(folder, 'lb1'));
    writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), HAPROXY);
    writeFileSync(join(folder, 'lb1', 'keepalived.conf'), KEEPALIVED);
    cfg = pathToFileURL(join(folder, 'lb1', 'haproxy.cfg')).href;
    conf = pathToFileURL(join(folder, 'lb1', 'keepalived.conf')).href;
    writeFileSync(join(folder, '.halint.json'), JSON.stringify({ haproxy: { version: '2.8' } }));
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'w' }],
      capabilities: {
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } },
          },
        },
      },
    });
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const actions = (uri: string, only?: string[]) =>
    client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });

  it('offers the file migration to the configured version, only when there is something', async () => {
    await client.open(cfg, 'haproxy', HAPROXY);
    const [migrate] = (await actions(cfg, ['refactor'])).filter(
      (action) => action.kind === 'refactor.rewrite',
    );
    assert.equal(migrate?.title, 'Migrate this file to HAProxy 2.8');
    assert.deepEqual(
      migrate?.edit?.changes?.[cfg]?.map((edit) => edit.newText),
      ['timeout connect', ''],
    );
    assert.deepEqual(await actions(cfg, ['quickfix']), []);
    const clean = `${cfg}.clean.cfg`;
    await client.open(clean, 'haproxy', 'defaults\n    timeout connect 5s\n');
    assert.deepEqual(await actions(clean, ['refactor']), []);
  });

  it('lists the versions and migrates the workspace, listing what it left', async () => {
    const targets = await client.connection.sendRequest<MigrationTargetsResult>(
      'ha/migrationTargets',
      { uri: cfg },
    );
    assert.ok(targets.haproxy.includes('3.0'));
    assert.deepEqual(targets.keepalived, ['2.2', '2.3', '2.4']);
    assert.equal(targets.configured.haproxy, '2.8');

    const result = await client.connection.sendRequest<MigrateResult>('ha/migrate', {
      languageId: 'keepalived',
      version: '2.3',
    });
    assert.ok(result);
    assert.deepEqual(Object.keys(result.edit.changes ?? {}), [conf]);
    assert.equal(result.migrated, 1);
    assert.deepEqual(
      result.notMigrated.map((item) => [item.uri, item.line, item.keyword]),
      [[conf, 3, 'native_ipv6']],
    );
    assert.match(result.report, /# Migration to Keepalived 2\.3/);
    assert.match(result.report, /line 4, `native_ipv6`/);

    await assert.rejects(
      client.connection.sendRequest('ha/migrate', { languageId: 'haproxy', version: '1.8' }),
      /Unknown haproxy version 1\.8/,
    );
  });
});
