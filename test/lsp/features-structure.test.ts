// Structure and navigation features through the bundled server over stdio. They assume dist/ is
// built (`npm test` builds first; while iterating run `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspTestClient } from '../helpers/lsp-harness.js';

// A folder that exists on no machine, so that no `.halint.json` is found on the way up.
const ROOT = 'file:///nonexistent-ha-structure-test';
const HAPROXY_URI = `${ROOT}/haproxy.cfg`;
const KEEPALIVED_URI = `${ROOT}/keepalived.conf`;

const HAPROXY = [
  'global',
  '    maxconn 100',
  '',
  'frontend fe_web',
  '    bind :80',
  '    acl is_api path_beg /api',
  '    use_backend be_api if is_api',
  '    default_backend be_app',
  '',
  'backend be_app',
  '    server s1 10.0.0.1:80 check',
  '',
  'backend be_api',
  '    server a1 10.0.0.2:80',
  '',
].join('\n');

const KEEPALIVED = [
  'vrrp_script chk_haproxy {',
  '    script "/usr/bin/pgrep haproxy"',
  '}',
  'vrrp_instance VI_1 {',
  '    state MASTER',
  '    track_script {',
  '        chk_haproxy',
  '    }',
  '',
].join('\n');

describe('structure features over stdio', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.stdio();
    // Nested symbols and code action literals are only sent to clients that declare them.
    await client.initialize({
      capabilities: {
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await client.open(HAPROXY_URI, 'haproxy', HAPROXY);
    await client.open(KEEPALIVED_URI, 'keepalived', KEEPALIVED);
  });

  after(async () => {
    await client.dispose();
  });

  const request = <T>(method: string, params: Record<string, unknown>): Promise<T> =>
    client.connection.sendRequest<T>(method, params);

  it('offers to disable a rule on the line of a diagnostic it sends back', async () => {
    const published = await client.waitForDiagnostics(
      KEEPALIVED_URI,
      (entry) => entry.diagnostics.length > 0,
    );
    const diagnostic: Diagnostic | undefined = published.diagnostics[0];
    assert.ok(diagnostic);
    const actions = await request<Array<{ title: string; kind: string }>>(
      'textDocument/codeAction',
      {
        textDocument: { uri: KEEPALIVED_URI },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      },
    );
    assert.ok(
      actions.some((action) => action.title === `Disable ${String(diagnostic.code)} on this line`),
    );
    assert.ok(actions.every((action) => action.kind === 'quickfix'));
  });

  it('answers the outline, workspace symbols and folding ranges', async () => {
    const symbols = await request<Array<{ name: string; children?: Array<{ name: string }> }>>(
      'textDocument/documentSymbol',
      { textDocument: { uri: HAPROXY_URI } },
    );
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      ['global', 'frontend fe_web', 'backend be_app', 'backend be_api'],
    );
    assert.deepEqual(
      symbols[1]?.children?.map((child) => child.name),
      ['bind :80', 'is_api'],
    );
    const found = await request<Array<{ name: string; location: { uri: string } }>>(
      'workspace/symbol',
      { query: 'CHK' },
    );
    assert.deepEqual(
      found.map((symbol) => [symbol.name, symbol.location.uri]),
      [['vrrp_script chk_haproxy', KEEPALIVED_URI]],
    );
    const folds = await request<Array<{ startLine: number; endLine: number }>>(
      'textDocument/foldingRange',
      { textDocument: { uri: KEEPALIVED_URI } },
    );
    assert.deepEqual(
      folds.map((fold) => [fold.startLine, fold.endLine]),
      [
        [0, 1],
        [3, 7],
        [5, 6],
      ],
    );
  });

  it('formats a document with the client options', async () => {
    const edits = await request<Array<{ range: { start: { line: number } }; newText: string }>>(
      'textDocument/formatting',
      { textDocument: { uri: HAPROXY_URI }, options: { tabSize: 2, insertSpaces: true } },
    );
    assert.deepEqual(edits[0], {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } },
      newText: '  maxconn 100',
    });
    const ranged = await request<unknown[]>('textDocument/rangeFormatting', {
      textDocument: { uri: HAPROXY_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.deepEqual(ranged, []);
  });

  it('navigates and renames, and refuses a rename it cannot complete', async () => {
    const position = { line: 7, character: 22 }; // default_backend be_app
    const definition = await request<Array<{ uri: string; range: { start: { line: number } } }>>(
      'textDocument/definition',
      { textDocument: { uri: HAPROXY_URI }, position },
    );
    assert.deepEqual(
      definition.map((location) => [location.uri, location.range.start.line]),
      [[HAPROXY_URI, 9]],
    );
    const references = await request<unknown[]>('textDocument/references', {
      textDocument: { uri: HAPROXY_URI },
      position,
      context: { includeDeclaration: true },
    });
    assert.equal(references.length, 2);
    const highlights = await request<unknown[]>('textDocument/documentHighlight', {
      textDocument: { uri: HAPROXY_URI },
      position,
    });
    assert.equal(highlights.length, 2);
    const prepared = await request<{ placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: HAPROXY_URI },
      position,
    });
    assert.equal(prepared.placeholder, 'be_app');
    const edit = await request<{ changes: Record<string, unknown[]> }>('textDocument/rename', {
      textDocument: { uri: HAPROXY_URI },
      position,
      newName: 'be_web',
    });
    assert.equal(edit.changes[HAPROXY_URI]?.length, 2);

    const dynamicUri = `${ROOT}/dynamic.cfg`;
    await client.open(
      dynamicUri,
      'haproxy',
      'frontend fe\n    use_backend be_%[req.hdr(host)]\n    default_backend app\nbackend app\n',
    );
    await assert.rejects(
      request('textDocument/rename', {
        textDocument: { uri: dynamicUri },
        position: { line: 3, character: 9 },
        newName: 'web',
      }),
      /computed name/,
    );
  });

  it('announces the semantic tokens legend and answers full-document tokens', async () => {
    const probe = LspTestClient.stdio();
    try {
      const result = await probe.initialize();
      const capabilities = result['capabilities'] as {
        semanticTokensProvider?: { legend: { tokenTypes: string[]; tokenModifiers: string[] } };
      };
      const legend = capabilities.semanticTokensProvider?.legend;
      assert.ok(legend?.tokenTypes.includes('namespace'));
      assert.deepEqual(legend?.tokenModifiers, ['declaration', 'deprecated']);
    } finally {
      await probe.dispose();
    }
    const tokens = await request<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri: HAPROXY_URI },
    });
    assert.equal(tokens.data.length % 5, 0);
    // The first token is `global` at line 0, column 0, six characters long, a keyword.
    assert.deepEqual(tokens.data.slice(0, 4), [0, 0, 6, 1]);
  });

  it('shows code lenses and inlay hints', async () => {
    const lenses = await request<
      Array<{ range: { start: { line: number } }; command: { title: string } }>
    >('textDocument/codeLens', { textDocument: { uri: HAPROXY_URI } });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command.title]),
      [
        [3, 'routes to be_api, be_app'],
        [9, '1 server · 1 checked · 0 backup'],
        [12, '1 server · 0 checked · 0 backup'],
        [3, 'Show in topology'],
      ],
    );
    const hintsUri = `${ROOT}/hints.cfg`;
    await client.open(
      hintsUri,
      'haproxy',
      'backend b\n    default-server check\n    server s a:1 inter 500\n',
    );
    const hints = await request<Array<{ label: string }>>('textDocument/inlayHint', {
      textDocument: { uri: hintsUri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['ms', 'inherits check'],
    );
  });

  it('links only the files that exist, resolved from the document folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ha-links-'));
    try {
      writeFileSync(join(dir, 'site.pem'), '');
      const uri = pathToFileURL(join(dir, 'haproxy.cfg')).href;
      await client.open(
        uri,
        'haproxy',
        'frontend fe\n    bind :443 ssl crt site.pem ca-file missing.pem\n',
      );
      const links = await request<
        Array<{ target: string; range: { start: { character: number } } }>
      >('textDocument/documentLink', { textDocument: { uri } });
      assert.deepEqual(
        links.map((link) => [link.range.start.character, link.target]),
        [[22, pathToFileURL(join(dir, 'site.pem')).href]],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
