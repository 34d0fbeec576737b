// The cluster editor features through the bundled server over stdio: a workspace folder holding
// two nodes (lb1/, lb2/), hover and code lens from the cluster analysis, and an edit in one
// node's file changing the other node's diagnostics. Assumes dist/ is built (`npm test` builds
// first; while iterating run `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover, Location, MarkupContent } from 'vscode-languageserver-types';
import { LspTestClient } from '../helpers/lsp-harness.js';

function node(state: 'MASTER' | 'BACKUP', priority: number): string {
  return [
    'global_defs {',
    '    enable_script_security',
    '    script_user root',
    '}',
    'vrrp_script chk_haproxy {',
    '    script "/usr/bin/killall -0 haproxy"',
    '    interval 2',
    '    weight 2',
    '}',
    'vrrp_instance VI_1 {',
    `    state ${state}`,
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${priority}`,
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '    track_script {',
    '        chk_haproxy',
    '    }',
    '}',
    '',
  ].join('\n');
}

/** `vrrp_instance VI_1` is on line 9; its name starts at character 14. */
const INSTANCE = { line: 9, character: 15 };
/** `virtual_router_id 51`: the value. */
const VRID = { start: { line: 12, character: 22 }, end: { line: 12, character: 24 } };

describe('cluster features over stdio', () => {
  let client: LspTestClient;
  let folder: string;
  let lb1: string;
  let lb2: string;
  const texts = { lb1: node('MASTER', 101), lb2: node('BACKUP', 100) };

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'halint-cluster-'));
    for (const [name, text] of Object.entries(texts)) {
      mkdirSync(join(folder, name));
      writeFileSync(join(folder, name, 'keepalived.conf'), text);
    }
    lb1 = pathToFileURL(join(folder, 'lb1', 'keepalived.conf')).href;
    lb2 = pathToFileURL(join(folder, 'lb2', 'keepalived.conf')).href;
    const root = pathToFileURL(folder).href;
    client = LspTestClient.stdio();
    await client.initialize({
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'cluster' }],
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    });
    await client.open(lb1, 'keepalived', texts.lb1);
    await client.open(lb2, 'keepalived', texts.lb2);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const hoverText = async (uri: string): Promise<string> => {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: INSTANCE,
    });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  };

  /** Asks again until the analysis (which runs after a quiet period) has answered. */
  const eventually = async <T>(
    ask: () => Promise<T>,
    done: (value: T) => boolean,
    what: string,
  ): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await ask();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('hover on the instance shows both nodes', async () => {
    const text = await eventually(
      () => hoverText(lb2),
      (value) => value.includes('VRRP group'),
      'the cluster hover',
    );
    assert.match(text, /\| lb1 \| MASTER \| 101 \| 103 \(VIP\) \|/);
    assert.match(text, /\| lb2 \| BACKUP \| 100 \| 102 \|/);
  });

  it('code lens above the instance tells the roles and that failover works', async () => {
    const lenses = await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', {
      textDocument: { uri: lb1 },
    });
    // The cluster lens replaces the single-document instance lens; the script lens stays, and
    // the instance also offers the topology preview and, being shared by two nodes, the drill.
    assert.deepEqual(
      lenses?.map((lens) => lens.command?.title),
      [
        'tracked by VI_1 (+2)',
        'MASTER lb1 (103) · BACKUP lb2 (102) · failover OK',
        'Show in topology',
        'Run failover drill',
      ],
    );
  });

  it('definition of the instance name reaches the other node', async () => {
    const locations = await client.connection.sendRequest<Location[] | null>(
      'textDocument/definition',
      { textDocument: { uri: lb2 }, position: INSTANCE },
    );
    assert.deepEqual(locations?.map((location) => location.uri).sort(), [lb1, lb2].sort());
  });

  it("an edit in lb1's file changes the published diagnostics of lb2's file", async () => {
    await client.change(lb1, 2, [{ range: VRID, text: '52' }]);
    const published = await client.waitFor(() => {
      const latest = client.latest(lb2);
      return latest?.diagnostics.some((d) => d.code === 'vrid-mismatch') ? latest : undefined;
    }, 'vrid-mismatch on lb2');
    const diagnostic = published.diagnostics.find((d) => d.code === 'vrid-mismatch');
    assert.equal(diagnostic?.source, 'cluster');
    assert.ok(
      diagnostic?.relatedInformation?.some((info) => info.location.uri === lb1),
      JSON.stringify(diagnostic?.relatedInformation),
    );
    const lenses = await eventually(
      () =>
        client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', {
          textDocument: { uri: lb2 },
        }),
      (value) => value?.some((lens) => lens.command?.title.startsWith('split: ')) === true,
      'the split lens',
    );
    const splits = lenses?.filter((lens) => lens.command?.title.startsWith('split: '));
    assert.equal(splits?.length, 1);
    const split = splits?.[0];
    assert.equal(split?.command?.title, 'split: lb1 MASTER | lb2 MASTER — see vrid-mismatch');
    // Clicking the lens reveals lb2's own finding.
    assert.equal(split?.command?.command, 'haKeepalived.showProblems');
    assert.equal(split?.command?.arguments?.[0], lb2);
  });

  it('closing the edited file brings its disk text back for the cluster', async () => {
    await client.close(lb1);
    await client.waitFor(() => {
      const latest = client.latest(lb2);
      return latest && !latest.diagnostics.some((d) => d.code === 'vrid-mismatch')
        ? latest
        : undefined;
    }, 'vrid-mismatch to go away on lb2');
    const text = await hoverText(lb2);
    assert.match(text, /VRID 51/);
  });
});
