// The validation delays and the order and freshness of what the server publishes, through the
// bundled server over stdio: the `haproxy.validation.*` settings, the edited document published
// before the other nodes' files, and no publication after an edit that still shows the cluster
// findings from before it (a 10-node cluster). Assumes dist/ is built (`node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from '../helpers/lsp-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A backend without servers: one warning of the file's own, whatever the delay. */
const HAPROXY = ['defaults', '    mode http', '', 'backend app', '    balance roundrobin', ''].join(
  '\n',
);

void describe('validation delays over stdio', () => {
  const clients: LspTestClient[] = [];
  after(async () => {
    for (const client of clients) await client.dispose();
  });

  const start = async (validation: Record<string, number>): Promise<LspTestClient> => {
    const client = LspTestClient.stdio();
    clients.push(client);
    await client.initialize({ initializationOptions: { haproxy: { validation } } });
    return client;
  };
  const uri = pathToFileURL(join(tmpdir(), 'halint-debounce', 'haproxy.cfg')).href;
  const edit = { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 13 } } };

  void it('waits haproxy.validation.delayMs after an edit', async () => {
    const slow = await start({ delayMs: 5000 });
    await slow.open(uri, 'haproxy', HAPROXY);
    await slow.waitForDiagnostics(uri, (p) => p.version === 1, 'the opened file');
    await slow.change(uri, 2, [{ ...edit, text: 'tcp' }]);
    // Not a timing assertion: at the default 200 ms the edit would long have been published.
    await sleep(1000);
    assert.deepEqual(
      slow.history(uri).map((p) => p.version),
      [1],
      'nothing published within 1 s of the edit',
    );

    const fast = await start({ delayMs: 0 });
    await fast.open(uri, 'haproxy', HAPROXY);
    await fast.waitForDiagnostics(uri, (p) => p.version === 1, 'the opened file');
    await fast.change(uri, 2, [{ ...edit, text: 'tcp' }]);
    await fast.waitForDiagnostics(uri, (p) => p.version === 2, 'the edit');
  });

  void it('takes a pushed change of the delay', async () => {
    const client = await start({ delayMs: 0 });
    await client.open(uri, 'haproxy', HAPROXY);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 'the opened file');
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { haproxy: { validation: { delayMs: 5000 } } },
    });
    // The change re-validates the open file; the edit after it waits for the new delay.
    await client.waitFor(
      () => (client.history(uri).length === 2 ? true : undefined),
      'the re-validation after the change',
    );
    await client.change(uri, 2, [{ ...edit, text: 'tcp' }]);
    await sleep(1000);
    assert.deepEqual(
      client.history(uri).map((p) => p.version),
      [1, 1],
      'nothing published within 1 s of the edit',
    );
  });
});

/** One node's Keepalived file: one VRRP instance, the group's VRID 51 on line 4. */
function node(index: number): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${index === 1 ? 'MASTER' : 'BACKUP'}`,
    '    interface eth0',
    `    priority ${200 - index}`,
    '    virtual_router_id 51',
    '    advert_int 1',
    '    virtual_ipaddress {',
    '        192.0.2.100/24',
    '    }',
    '}',
    '',
  ].join('\n');
}
const VRID = { start: { line: 4, character: 22 }, end: { line: 4, character: 24 } };
const NODES = 10;
/** The node whose file is edited; lb1…lb5 are open, lb6…lb10 only on disk. */
const EDITED = 3;
const OPEN = 5;

const mismatch = (published: PublishedDiagnostics) =>
  published.diagnostics.find((d) => d.code === 'vrid-mismatch');

/**
 * A 10-node cluster in which an edit of lb3 makes its VRID differ: every node then has a
 * `vrid-mismatch` finding, none had one before. Returns every publication after the edit, once
 * all ten files show the new state and the delays have passed twice over.
 */
async function editCluster(validation: Record<string, number>): Promise<{
  after: PublishedDiagnostics[];
  uris: string[];
}> {
  const folder = mkdtempSync(join(tmpdir(), 'halint-ten-'));
  const client = LspTestClient.stdio();
  try {
    const uris: string[] = [];
    for (let i = 1; i <= NODES; i++) {
      mkdirSync(join(folder, `lb${i}`));
      const file = join(folder, `lb${i}`, 'keepalived.conf');
      writeFileSync(file, node(i));
      uris.push(pathToFileURL(file).href);
    }
    const root = pathToFileURL(folder).href;
    await client.initialize({
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'ten' }],
      initializationOptions: { haproxy: { validation } },
    });
    for (let i = 1; i <= OPEN; i++) await client.open(uris[i - 1]!, 'keepalived', node(i));
    for (const uri of uris.slice(0, OPEN)) {
      await client.waitForDiagnostics(uri, (p) => p.version === 1, uri);
    }
    for (const uri of uris) {
      assert.equal(client.history(uri).some(mismatch), false, `${uri} starts without a mismatch`);
    }
    // Whatever the opening scheduled (the cluster pass, includers) is over before the edit.
    await sleep(1000);
    const mark = client.published.length;
    const edited = uris[EDITED - 1]!;
    await client.change(edited, 2, [{ range: VRID, text: '52' }]);
    await client.waitFor(
      () =>
        uris.every((uri) => client.latest(uri) && mismatch(client.latest(uri)!)) ? true : undefined,
      'the mismatch on all ten nodes',
    );
    // Anything still due after the edit (both delays) would arrive in this time.
    await sleep(
      2 * Math.max(validation['delayMs'] ?? 200, validation['clusterDelayMs'] ?? 120) + 500,
    );
    return { after: client.published.slice(mark), uris };
  } finally {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

void describe('publications after an edit on a 10-node cluster', () => {
  for (const [name, validation] of [
    ['the default delays', {}],
    // The order the race needed: files due before the cluster is analysed again.
    ['files due long before the cluster pass', { delayMs: 0, clusterDelayMs: 300 }],
    ['the delays of the old race (200 / 300 ms)', { delayMs: 200, clusterDelayMs: 300 }],
  ] as const) {
    void it(`publishes the edited file first and nothing stale, with ${name}`, async () => {
      const { after: published, uris } = await editCluster(validation);
      const edited = uris[EDITED - 1]!;
      assert.ok(published.length >= NODES, 'every node published again');
      const stale = published.filter((p) => !mismatch(p));
      assert.deepEqual(
        stale.map((p) => `${p.uri.slice(p.uri.indexOf('/lb'))} v${p.version ?? '-'}`),
        [],
        'publications after the edit without the new cluster finding',
      );
      assert.equal(published[0]?.uri, edited, 'the edited file comes first');
      for (const p of published) {
        if (p.uri === edited) assert.equal(p.version, 2, 'the edited file at its latest version');
        assert.match(mismatch(p)?.message ?? '', /lb3 uses (virtual_router_id )?52/);
      }
    });
  }
});
