// Through the bundled server over stdio: a Keepalived file a .halint.json maps to a node is
// validated with that node's config-id, as halint validates it, so an `@id` line for another node
// gives no finding while the same line read by its own node does. Assumes dist/ is built.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from '../helpers/lsp-harness.js';

/** Valid for either node, except that the priority line read by lb2 is out of range. */
const KEEPALIVED = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    @lb1 priority 100
    @lb2 priority 300
    advert_int 1
    virtual_ipaddress {
        10.0.0.100/24
    }
}
`;

const codes = (published: PublishedDiagnostics | undefined): string[] =>
  (published?.diagnostics ?? []).map((diagnostic) => String(diagnostic.code));

describe('node validation over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let lb1: string;
  let lb2: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-config-id-'));
    mkdirSync(join(folder, 'a'));
    mkdirSync(join(folder, 'b'));
    writeFileSync(join(folder, 'a', 'keepalived.conf'), KEEPALIVED);
    writeFileSync(join(folder, 'b', 'keepalived.conf'), KEEPALIVED);
    writeFileSync(
      join(folder, '.halint.json'),
      JSON.stringify({
        nodes: {
          lb1: { files: ['a/keepalived.conf'], configId: 'lb1' },
          lb2: { files: ['b/keepalived.conf'], configId: 'lb2' },
        },
      }),
    );
    lb1 = pathToFileURL(join(folder, 'a', 'keepalived.conf')).href;
    lb2 = pathToFileURL(join(folder, 'b', 'keepalived.conf')).href;
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({ rootUri: root, workspaceFolders: [{ uri: root, name: 'pair' }] });
    await client.open(lb1, 'keepalived', KEEPALIVED);
    await client.open(lb2, 'keepalived', KEEPALIVED);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the same @id lines differently on each node', async () => {
    await client.waitFor(
      () =>
        client.latest(lb1) !== undefined &&
        !codes(client.latest(lb1)).includes('invalid-argument') &&
        codes(client.latest(lb2)).includes('invalid-argument')
          ? true
          : undefined,
      "lb1's file without the finding of lb2's priority line, lb2's with it",
    );
    const [finding] = (client.latest(lb2)?.diagnostics ?? []).filter(
      (diagnostic) => diagnostic.code === 'invalid-argument',
    );
    assert.equal(finding?.range.start.line, 5);
  });

  it('keeps the config-id across edits', async () => {
    await client.change(lb1, 2, [{ text: `# edited\n${KEEPALIVED}` }]);
    const published = await client.waitFor(() => {
      const latest = client.latest(lb1);
      return latest?.version === 2 ? latest : undefined;
    }, 'lb1 published after the edit');
    assert.ok(!codes(published).includes('invalid-argument'), codes(published).join());
  });
});
