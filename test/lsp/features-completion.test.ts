// Completion, hover and signature help through the bundled server over stdio, with the client
// capabilities deciding Markdown, snippets and tags. They assume dist/ is built (`npm test`
// builds first; while iterating run `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  Hover,
  MarkupContent,
  SignatureHelp,
} from 'vscode-languageserver-types';
import { LspTestClient } from '../helpers/lsp-harness.js';

// A folder that exists on no machine, so that no `.halint.json` is found on the way up.
const ROOT = 'file:///nonexistent-ha-completion-test';
const HAPROXY_URI = `${ROOT}/haproxy.cfg`;
const KEEPALIVED_URI = `${ROOT}/keepalived.conf`;

const HAPROXY = [
  'defaults',
  '    timeout conn',
  '',
  'frontend fe_web',
  '    bind :80',
  '    acl is_api path_beg /api',
  '    use_backend be_api if is_api',
  '',
  'backend be_api',
  '    balance roundrobin',
  '    server a1 10.0.0.2:80 check',
  '',
].join('\n');

const KEEPALIVED = [
  'vrrp_script chk_haproxy {',
  '    script "/usr/bin/pgrep haproxy"',
  '    interval 2',
  '}',
  'vrrp_instance VI_1 {',
  '    state ',
  '    track_script {',
  '        chk_haproxy',
  '    }',
  '}',
  '',
].join('\n');

const RICH_CAPABILITIES = {
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        tagSupport: { valueSet: [1] },
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    signatureHelp: { signatureInformation: { documentationFormat: ['markdown'] } },
  },
};

const items = (result: CompletionItem[] | CompletionList | null): CompletionItem[] =>
  Array.isArray(result) ? result : (result?.items ?? []);

function suite(name: string, capabilities: object, markdown: boolean): void {
  describe(name, () => {
    let client: LspTestClient;
    let initialized: Record<string, unknown>;

    before(async () => {
      client = LspTestClient.stdio();
      initialized = await client.initialize({ capabilities });
      await client.open(HAPROXY_URI, 'haproxy', HAPROXY);
      await client.open(KEEPALIVED_URI, 'keepalived', KEEPALIVED);
    });

    after(async () => {
      await client.dispose();
    });

    const request = <R>(method: string, uri: string, line: number, character: number) =>
      client.connection.sendRequest<R>(method, {
        textDocument: { uri },
        position: { line, character },
      });

    it('announces the providers with their trigger characters', () => {
      const caps = initialized['capabilities'] as Record<string, unknown>;
      assert.deepEqual(caps['completionProvider'], { triggerCharacters: [' ', '(', ',', '.'] });
      assert.equal(caps['hoverProvider'], true);
      assert.deepEqual(caps['signatureHelpProvider'], { triggerCharacters: [' '] });
    });

    it('completes the rest of a multi-word keyword', async () => {
      const result = items(
        await request<CompletionItem[] | null>('textDocument/completion', HAPROXY_URI, 1, 16),
      );
      const connect = result.find((item) => item.label === 'connect');
      assert.ok(connect, JSON.stringify(result.map((item) => item.label)));
      assert.deepEqual(connect.textEdit && 'range' in connect.textEdit && connect.textEdit.range, {
        start: { line: 1, character: 12 },
        end: { line: 1, character: 16 },
      });
      assert.equal(connect.insertTextFormat === 2, markdown);
      assert.equal(
        (connect.documentation as MarkupContent).kind,
        markdown ? 'markdown' : 'plaintext',
      );
    });

    it('completes enum values and script names in keepalived.conf', async () => {
      const state = items(
        await request<CompletionItem[] | null>('textDocument/completion', KEEPALIVED_URI, 5, 10),
      );
      assert.deepEqual(state.map((item) => item.label).sort(), ['BACKUP', 'MASTER']);
      const scripts = items(
        await request<CompletionItem[] | null>('textDocument/completion', KEEPALIVED_URI, 7, 8),
      );
      assert.deepEqual(
        scripts.map((item) => item.label),
        ['chk_haproxy'],
      );
    });

    it('hovers a backend name with its servers', async () => {
      const hover = await request<Hover | null>('textDocument/hover', HAPROXY_URI, 6, 18);
      assert.ok(hover);
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, markdown ? 'markdown' : 'plaintext');
      assert.match(contents.value, /be_api/);
      assert.match(contents.value, /a1 10\.0\.0\.2:80 check/);
    });

    it('gives signature help for a keepalived keyword', async () => {
      const help = await request<SignatureHelp | null>(
        'textDocument/signatureHelp',
        KEEPALIVED_URI,
        5,
        10,
      );
      assert.equal(help?.signatures[0]?.label, 'state <MASTER|BACKUP>');
      assert.equal(help.activeParameter, 0);
    });
  });
}

suite('completion features over stdio, rich client', RICH_CAPABILITIES, true);
suite('completion features over stdio, minimal client', {}, false);
