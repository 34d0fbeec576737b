// Semantic tokens through the bundled server over stdio: full answers carry a result id, and a
// delta request after an edit answers the edits from the previous answer. Assumes dist/ is built
// (`npm test` builds first; while iterating run `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { SemanticTokensEdit } from 'vscode-languageserver-types';
import { LspTestClient } from '../helpers/lsp-harness.js';

const URI = 'file:///nonexistent-ha-semantic-tokens/haproxy.cfg';

const lines = ['frontend fe', '    bind :80', '    default_backend be_0', ''];
for (let b = 0; b < 100; b++) {
  lines.push(`backend be_${b}`, `    server s1 192.0.2.${b + 1}:80 check inter 2s`, '');
}
const TEXT = lines.join('\n');

interface Full {
  readonly resultId?: string;
  readonly data: number[];
}
interface Delta {
  readonly resultId?: string;
  readonly edits: SemanticTokensEdit[];
}

/** `data` with `edits` applied, as a client applies a delta. */
function applyEdits(data: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const out = [...data];
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  }
  return out;
}

describe('semantic tokens over stdio', () => {
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;

  before(async () => {
    client = LspTestClient.stdio();
    const result = await client.initialize();
    capabilities = result['capabilities'] as Record<string, unknown>;
    await client.open(URI, 'haproxy', TEXT);
  });

  after(async () => {
    await client.dispose();
  });

  const full = (): Promise<Full> =>
    client.connection.sendRequest<Full>('textDocument/semanticTokens/full', {
      textDocument: { uri: URI },
    });
  const delta = (previousResultId: string): Promise<Full | Delta> =>
    client.connection.sendRequest<Full | Delta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: URI },
      previousResultId,
    });

  it('announces deltas', () => {
    assert.deepEqual(
      (capabilities['semanticTokensProvider'] as { full?: unknown } | undefined)?.full,
      { delta: true },
    );
  });

  it('answers a delta after an edit that, applied to the previous data, gives the new data', async () => {
    const first = await full();
    assert.ok(first.resultId);
    assert.ok(first.data.length > 1_000);
    // Insert a backend after the frontend (line 4).
    await client.change(URI, 2, [
      {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
        text: 'backend extra\n    timeout server 5s\n\n',
      },
    ]);
    const changed = await delta(first.resultId);
    assert.ok('edits' in changed, 'a delta, not the whole array');
    assert.ok(changed.resultId && changed.resultId !== first.resultId);
    const sent = changed.edits.reduce((sum, edit) => sum + (edit.data?.length ?? 0), 0);
    assert.ok(sent > 0 && sent < 50, `${sent} integers`);
    const afterEdit = applyEdits(first.data, changed.edits);

    // Nothing changed since: an empty delta.
    const same = await delta(changed.resultId);
    assert.ok('edits' in same);
    assert.deepEqual(same.edits, []);

    // The full answer for the same text is what the client now holds.
    const fresh = await full();
    assert.deepEqual(afterEdit, fresh.data);
  });

  it('answers the whole array when the previous result is not the last one sent', async () => {
    const answer = await delta('no-such-result');
    assert.ok('data' in answer && answer.resultId);
    assert.deepEqual(answer.data, (await full()).data);
  });
});
