// Fix-all through the bundled server over stdio: `source.fixAll` code actions (what VS Code's
// codeActionsOnSave runs) and `ha/fixAllWorkspace`, the edit of the workspace command. Assumes
// dist/ is built (`npm test` builds first).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import type { FixAllWorkspaceResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from '../helpers/lsp-harness.js';

const OLD = (name: string): string => `defaults
    mode http
    contimeout 5s
    clitimeout 30s
    srvtimeout 30s

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server ${name} 127.0.0.1:8081 check
`;

describe('fix-all over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let lb1: string;
  let lb2: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-fix-all-'));
    for (const node of ['lb1', 'lb2']) {
      mkdirSync(join(folder, node));
      writeFileSync(join(folder, node, 'haproxy.cfg'), OLD(node));
    }
    lb1 = pathToFileURL(join(folder, 'lb1', 'haproxy.cfg')).href;
    lb2 = pathToFileURL(join(folder, 'lb2', 'haproxy.cfg')).href;
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'pair' }],
      capabilities: {
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] },
            },
          },
        },
      },
    });
    // The open buffer differs from the disk: its text is the one fixed, at its version.
    await client.open(
      lb1,
      'haproxy',
      OLD('lb1').replace('mode http', 'mode http\n    retries 3'),
      7,
    );
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('advertises source.fixAll.halint', async () => {
    // initialize already ran; ask a second server to see the capabilities.
    const probe = LspTestClient.stdio();
    try {
      const result = await probe.initialize();
      const provider = (result['capabilities'] as Record<string, unknown>)['codeActionProvider'];
      assert.deepEqual(provider, { codeActionKinds: ['quickfix', 'source.fixAll.halint'] });
    } finally {
      await probe.dispose();
    }
  });

  it('answers a source.fixAll request with the edits of every safe fix of the file', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: lb1 },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.fixAll.halint');
    const edits = actions[0]?.edit?.changes?.[lb1] ?? [];
    assert.deepEqual(
      edits.map((edit) => [edit.range.start.line, edit.range.end.line, edit.newText]),
      [[3, 6, '    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n']],
    );
  });

  it('ha/fixAllWorkspace gives one edit over every file of the cluster', async () => {
    const result = await client.connection.sendRequest<FixAllWorkspaceResult>(
      'ha/fixAllWorkspace',
      {},
    );
    assert.equal(result.files, 2);
    assert.deepEqual(result.fixed, { 'removed-keyword': 6 });
    const changes = (result.edit.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(
      changes.map((change) => [change.textDocument.uri, change.textDocument.version]),
      [
        [lb1, 7],
        [lb2, null],
      ],
    );
    // lb2 is read from disk: its lines are where the file has them.
    assert.deepEqual(
      changes[1]?.edits.map((edit) => [edit.range.start.line, edit.range.end.line]),
      [[2, 5]],
    );
  });
});
