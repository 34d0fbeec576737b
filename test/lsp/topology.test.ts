// The topology request and its change notification through the bundled server over stdio: the
// graph of the cluster a file belongs to, unsaved edits included, and a notification after every
// analysis so that an open preview draws again. Assumes dist/ is built (`npm test` builds first).
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { TopologyChangedParams, TopologyResult } from '../../server/src/lsp/protocol.js';
import { LspTestClient, waitFor } from '../helpers/lsp-harness.js';
import { projectRoot } from '../helpers/paths.js';

describe('ha/topology over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let lb1: string;
  let lb2: string;
  const changes: TopologyChangedParams[] = [];

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-topology-'));
    cpSync(join(projectRoot, 'examples'), folder, { recursive: true });
    lb1 = pathToFileURL(join(folder, 'lb1', 'keepalived.conf')).href;
    lb2 = pathToFileURL(join(folder, 'lb2', 'keepalived.conf')).href;
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    client.connection.onNotification('ha/topologyChanged', (params: TopologyChangedParams) => {
      changes.push(params);
    });
    await client.initialize({ rootUri: root, workspaceFolders: [{ uri: root, name: 'pair' }] });
    await client.open(
      lb1,
      'keepalived',
      readFileSync(join(folder, 'lb1', 'keepalived.conf'), 'utf8'),
    );
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const topology = (uri: string, limit?: number): Promise<TopologyResult> =>
    client.connection.sendRequest<TopologyResult>('ha/topology', {
      uri,
      ...(limit !== undefined ? { limit } : {}),
    });

  it('answers with the graph of the whole pair, unopened peer included', async () => {
    const graph = await topology(lb1);
    assert.ok(graph);
    assert.deepEqual(graph.nodes, ['lb1', 'lb2']);
    const ids = graph.elements.map((element) => element.id);
    for (const id of ['clients', 'vip:192.168.10.100', 'node:lb1', 'node:lb2']) {
      assert.ok(ids.includes(id), id);
    }
    assert.ok(ids.includes('haproxy:lb1+lb2/be/be_api/srv/api1'));
    // Locations are the editor's URIs, so a click can open the right node's file.
    const lb2Node = graph.elements.find((element) => element.id === 'node:lb2');
    assert.equal(lb2Node?.location?.uri, lb2);
    assert.equal(graph.groups[0]?.members.length, 2);
  });

  it('a file outside every cluster gets null', async () => {
    assert.equal(await topology('file:///nowhere/else.cfg'), null);
  });

  it('an unsaved edit changes the graph and is announced', async () => {
    const before = changes.length;
    // virtual_router_id 51 → 52 on lb1 (line 19, "    virtual_router_id 51").
    const text = readFileSync(join(folder, 'lb1', 'keepalived.conf'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('virtual_router_id'));
    const character = text.split('\n')[line]?.indexOf('51') ?? 0;
    await client.change(lb1, 2, [
      {
        range: { start: { line, character }, end: { line, character: character + 2 } },
        text: '52',
      },
    ]);
    await waitFor(
      () => (changes.slice(before).some((c) => c.uris.includes(lb1)) ? true : undefined),
      'ha/topologyChanged for lb1',
    );
    const graph = await topology(lb2);
    assert.equal(graph?.groups[0]?.split?.code, 'vrid-mismatch');
    const vip = graph?.elements.find((element) => element.id === 'vip:192.168.10.100');
    assert.match(vip?.details[0] ?? '', /VRID 52 \/ 51|VRID 51 \/ 52/);
  });
});
