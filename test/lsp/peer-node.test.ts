// "Create the Peer Node from This Folder…" through the bundled server over stdio: the request
// `ha/createPeerNode` on a node folder of a workspace read from disk. Assumes dist/ is built
// (`npm test` builds first).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CreatePeerNodeResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from '../helpers/lsp-harness.js';
import { mark } from '../helpers/markers.js';
import { MASTER_HAPROXY, masterKeepalived } from '../helpers/written-configs.js';

describe('ha/createPeerNode over stdio', () => {
  let client: LspTestClient;
  let folder: string;

  const request = (folderUri: string): Promise<CreatePeerNodeResult> =>
    client.connection.sendRequest<CreatePeerNodeResult>('ha/createPeerNode', { folderUri });

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-peer-node-'));
    mkdirSync(join(folder, 'lb1'));
    writeFileSync(join(folder, 'lb1', 'keepalived.conf'), mark(masterKeepalived()).text);
    writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), MASTER_HAPROXY);
    mkdirSync(join(folder, 'notes'));
    writeFileSync(join(folder, 'notes', 'readme.txt'), 'nothing here\n');
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({ rootUri: root, workspaceFolders: [{ uri: root, name: 'pair' }] });
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes lb2 beside lb1, every file created without overwriting', async () => {
    // A trailing slash, as some pickers give folders, names the same folder.
    const result = await request(`${pathToFileURL(join(folder, 'lb1')).href}/`);
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.name, 'lb2');
    assert.match(result.summary, /^VI_1 BACKUP, priority \d+$/);
    const lb2 = pathToFileURL(join(folder, 'lb2')).href;
    const created = (result.edit.documentChanges ?? []).flatMap((change) =>
      'kind' in change && change.kind === 'create' ? [[change.uri, change.options]] : [],
    );
    assert.deepEqual(created, [
      [`${lb2}/keepalived.conf`, { overwrite: false, ignoreIfExists: false }],
      [`${lb2}/haproxy.cfg`, { overwrite: false, ignoreIfExists: false }],
    ]);
  });

  it('says why when the folder is no node', async () => {
    const notes = await request(pathToFileURL(join(folder, 'notes')).href);
    assert.deepEqual(notes, {
      error:
        'notes is not a node folder: it holds no keepalived.conf of a cluster (node folders sit side by side, lb1/ and lb2/).',
    });
  });
});
