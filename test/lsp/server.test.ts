// Integration tests of the bundled language server: a real child process, real JSON-RPC. They
// assume dist/ is built (`npm test` builds first; while iterating run `node scripts/build.mjs`).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CONFIGURATION_CAPABILITIES,
  LspTestClient,
  type PublishedDiagnostics,
} from '../helpers/lsp-harness.js';
import { seededRandom } from '../helpers/random.js';

const DOCS_BASE = 'https://github.com/ha-tooling/haproxy-keepalived/blob/main/docs/rules';

// A folder that exists on no machine, so that fake documents find no `.halint.json` on the way up.
const VIRTUAL_ROOT = 'file:///nonexistent-ha-lsp-test';
const virtualUri = (path: string): string => `${VIRTUAL_ROOT}/${path}`;

const BROKEN_LINE = 11;
const BROKEN_TEXT = '  http-request set-header X-Env "prod';
const QUOTE_COLUMN = BROKEN_TEXT.indexOf('"');

/** A complete, valid haproxy.cfg; `broken` drops the closing quote on line {@link BROKEN_LINE}. */
function haproxyConfig(broken: boolean): string {
  return [
    'global',
    '  maxconn 2000',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout client 30s',
    '  timeout server 30s',
    '',
    'frontend web',
    '  bind :80',
    broken ? BROKEN_TEXT : `${BROKEN_TEXT}"`,
    '  default_backend app',
    '',
    'backend app',
    '  server s1 127.0.0.1:8080 check',
    '',
  ].join('\n');
}

/** A keepalived.conf whose `vrrp_instance` block is never closed. */
const KEEPALIVED_UNCLOSED = [
  'global_defs {',
  '    router_id LB1',
  '}',
  '',
  'vrrp_instance VI_1 {',
  '    state MASTER',
  '    interface eth0',
  '    virtual_router_id 51',
  '    priority 100',
  '    advert_int 1',
  '    virtual_ipaddress {',
  '        192.168.1.10/24',
  '    }',
  '',
].join('\n');

const codes = (published: PublishedDiagnostics): string[] =>
  published.diagnostics.map((diagnostic) => String(diagnostic.code));

const hasQuoteIssue = (published: PublishedDiagnostics): boolean =>
  codes(published).includes('unterminated-quote');

const quoteIssue = (published: PublishedDiagnostics) => {
  const diagnostic = published.diagnostics.find((d) => d.code === 'unterminated-quote');
  assert.ok(diagnostic, `no unterminated-quote in ${JSON.stringify(published)}`);
  return diagnostic;
};

/** About `length` UTF-16 units of noise rich in the characters parsers care about. */
function noise(length: number, seed: number): string {
  const next = seededRandom(seed);
  const interesting = ['\n', '\r\n', '"', "'", '{', '}', '\\', '#', ' ', '\t', '$', 'frontend '];
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const roll = next();
    const part =
      roll < 0.3
        ? (interesting[Math.floor(next() * interesting.length)] ?? ' ')
        : String.fromCharCode(Math.floor(next() * 0x10000));
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

void describe('stdio server, minimal client (no workspace, no configuration capability)', () => {
  let client: LspTestClient;
  let initializeResult: Record<string, unknown>;

  before(async () => {
    client = LspTestClient.stdio();
    initializeResult = await client.initialize({
      processId: null,
      rootUri: null,
      capabilities: {},
    });
  });
  after(() => client.dispose());

  void it('announces incremental document sync and names itself', () => {
    // Feature providers are checked by their own suites; this one is about document sync.
    assert.deepEqual(
      (initializeResult['capabilities'] as Record<string, unknown>)['textDocumentSync'],
      { openClose: true, change: 2, save: { includeText: false } },
    );
    assert.equal(
      (initializeResult['serverInfo'] as { name?: unknown } | undefined)?.name,
      'ha-language-server',
    );
    // Without the capability the server must not ask for configuration or registrations.
    assert.deepEqual(client.configurationRequests, []);
    assert.deepEqual(client.registrations, []);
  });

  void it('reports an unterminated quote on open, with a 0-based range and a rule link', async () => {
    const uri = virtualUri('open/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(true));
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const diagnostic = quoteIssue(published);
    assert.deepEqual(diagnostic.range, {
      start: { line: BROKEN_LINE, character: QUOTE_COLUMN },
      end: { line: BROKEN_LINE, character: BROKEN_TEXT.length },
    });
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.source, 'haproxy');
    assert.deepEqual(diagnostic.codeDescription, { href: `${DOCS_BASE}/unterminated-quote.md` });
  });

  void it('follows incremental edits, applying the changes of one notification in order', async () => {
    const uri = virtualUri('edit/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(true));
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && hasQuoteIssue(p));

    // Typing the missing quote at the end of the broken line fixes the file.
    const end = { line: BROKEN_LINE, character: BROKEN_TEXT.length };
    await client.change(uri, 2, [{ range: { start: end, end }, text: '"' }]);
    const fixed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(fixed.diagnostics, []);

    // Two changes in one notification: a line inserted above, then the quote deleted on the line
    // that has moved down. Resolving the second range against the original text would delete the
    // wrong character and leave the file valid.
    const moved = BROKEN_LINE + 1;
    await client.change(uri, 3, [
      {
        range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } },
        text: '  # inserted\n',
      },
      {
        range: {
          start: { line: moved, character: BROKEN_TEXT.length },
          end: { line: moved, character: BROKEN_TEXT.length + 1 },
        },
        text: '',
      },
    ]);
    const broken = await client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.equal(quoteIssue(broken).range.start.line, moved);

    // A whole-text replacement (no range) is also accepted.
    await client.change(uri, 4, [{ text: haproxyConfig(false) }]);
    assert.deepEqual(
      (await client.waitForDiagnostics(uri, (p) => p.version === 4)).diagnostics,
      [],
    );
  });

  void it('publishes the latest version after a burst of edits and never goes back', async () => {
    const uri = virtualUri('burst/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(false));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    for (let version = 2; version <= 8; version++) {
      await client.change(uri, version, [{ text: haproxyConfig(version % 2 === 0) }]);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 8);
    assert.ok(hasQuoteIssue(last), 'version 8 is the broken text');
    const versions = client.history(uri).map((p) => p.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'diagnostics of an older version arrived after a newer one',
    );
  });

  void it('clears diagnostics when a document closes', async () => {
    const uri = virtualUri('close/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(true));
    await client.waitForDiagnostics(uri, hasQuoteIssue);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'cleared diagnostics');
  });

  void it('reports a keepalived block that is never closed', async () => {
    const uri = virtualUri('lb/keepalived.conf');
    await client.open(uri, 'keepalived', KEEPALIVED_UNCLOSED);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const diagnostic = published.diagnostics.find((d) => d.code === 'missing-close-brace');
    assert.ok(diagnostic, `no missing-close-brace in ${JSON.stringify(published)}`);
    assert.equal(diagnostic.source, 'keepalived');
    assert.deepEqual(diagnostic.codeDescription, { href: `${DOCS_BASE}/missing-close-brace.md` });
  });

  void it('recognises documents a minimal client opens as plaintext, and ignores the rest', async () => {
    const byName = virtualUri('plain/haproxy.cfg');
    const byContent = virtualUri('plain/edge.cfg');
    const other = virtualUri('plain/notes.txt');
    await client.open(other, 'plaintext', 'shopping list\n- milk\n');
    await client.open(byName, 'plaintext', haproxyConfig(true));
    await client.open(byContent, 'plaintext', haproxyConfig(true));
    await client.waitForDiagnostics(byName, hasQuoteIssue);
    await client.waitForDiagnostics(byContent, hasQuoteIssue);
    assert.deepEqual(client.history(other), []);

    // Once the ignored document turns into a keepalived config it is validated.
    await client.change(other, 2, [{ text: KEEPALIVED_UNCLOSED }]);
    const published = await client.waitForDiagnostics(other, (p) => p.version === 2);
    assert.ok(codes(published).includes('missing-close-brace'), JSON.stringify(published));
  });

  void it('answers ha/detectLanguage by name, then by content', async () => {
    assert.equal(await client.detectLanguage('file:///etc/haproxy/haproxy.cfg', ''), 'haproxy');
    assert.equal(await client.detectLanguage('file:///srv/keepalived.conf', ''), 'keepalived');
    assert.equal(
      await client.detectLanguage('file:///srv/lb/main.cfg', haproxyConfig(false)),
      'haproxy',
    );
    assert.equal(
      await client.detectLanguage('untitled:Untitled-1', KEEPALIVED_UNCLOSED),
      'keepalived',
    );
    assert.equal(await client.detectLanguage('file:///srv/app.conf', 'listen = 8080\n'), null);
  });

  void it('validates 50 documents opened at once', async () => {
    const uris = Array.from({ length: 50 }, (_, i) => virtualUri(`many/${i}/haproxy.cfg`));
    await Promise.all(
      uris.map((uri, i) => client.open(uri, 'haproxy', haproxyConfig(i % 2 === 0))),
    );
    await client.waitFor(
      () => (uris.every((uri) => client.latest(uri)?.version === 1) ? true : undefined),
      'diagnostics of all 50 documents',
    );
    uris.forEach((uri, i) => {
      const latest = client.latest(uri);
      assert.ok(latest);
      assert.equal(hasQuoteIssue(latest), i % 2 === 0, uri);
    });
  });

  void it('survives binary text, lone surrogates and 2 MB of noise', async () => {
    const binary = virtualUri('garbage/binary.haproxy.cfg');
    let bytes = '';
    for (let code = 0; code < 256; code++) bytes += String.fromCharCode(code);
    await client.open(binary, 'haproxy', `frontend ${bytes}\n  bind ${bytes}\n\uFFFE\uFFFF`);

    const surrogates = virtualUri('garbage/surrogates.conf');
    const text = 'vrrp_instance \uD800 {\n  state \uDC00\uD800 "\uDFFF\n  # 😀 smile\n';
    await client.open(surrogates, 'keepalived', text);
    // An edit that lands between the two halves of the emoji's surrogate pair.
    const inside = { line: 2, character: '  # '.length + 1 };
    await client.change(surrogates, 2, [{ range: { start: inside, end: inside }, text: 'x' }]);

    const huge = virtualUri('garbage/huge.haproxy.cfg');
    const hugeKeepalived = virtualUri('garbage/huge-keepalived.conf');
    await client.open(huge, 'haproxy', noise(2 * 1024 * 1024, 1));
    await client.open(hugeKeepalived, 'keepalived', noise(256 * 1024, 2));

    await client.waitForDiagnostics(binary, (p) => p.version === 1);
    await client.waitForDiagnostics(surrogates, (p) => p.version === 2);
    const noisy = await client.waitForDiagnostics(huge, (p) => p.version === 1, 'noise', 120_000);
    // Tens of thousands of findings are capped rather than flooding the client.
    assert.ok(noisy.diagnostics.length > 0 && noisy.diagnostics.length <= 1000);
    await client.waitForDiagnostics(hugeKeepalived, (p) => p.version === 1, 'noise', 120_000);
    // An edit in the middle of the noise goes through the incremental re-parse.
    const middle = { line: 5000, character: 3 };
    await client.change(huge, 2, [{ range: { start: middle, end: middle }, text: '\n}"{\uD800' }]);
    await client.waitForDiagnostics(huge, (p) => p.version === 2, 'edited noise', 120_000);
    assert.equal(await client.detectLanguage('file:///x/haproxy.cfg', ''), 'haproxy');
  });

  void it('survives framed garbage on its input', async () => {
    const frame = (body: Buffer): Buffer =>
      Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    await client.writeRaw(frame(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0xc3, 0x7b, 0x22])));
    await client.writeRaw(frame(Buffer.from('[1,2,3]')));
    await client.writeRaw(frame(Buffer.from('{"jsonrpc":"2.0","id":"x","method":null}')));
    assert.equal(await client.detectLanguage('file:///x/keepalived.conf', ''), 'keepalived');
  });

  void it('logs an exception inside a handler and keeps serving', async () => {
    const errorsBefore = client.logs.filter((log) => log.type === 1).length;
    // Bogus params make the handler throw; the answer is null rather than a dead server.
    const answer = await client.connection.sendRequest('ha/detectLanguage', {
      uri: 42,
      text: null,
    });
    assert.equal(answer, null);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    const uri = virtualUri('bogus/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(false));
    await client.change(uri, 2, [{ range: null, text: 'x' } as never]);
    await client.waitFor(
      () =>
        client.logs.filter((log) => log.type === 1).length >= errorsBefore + 3 ? true : undefined,
      'three error log lines',
    );
    const errors = client.logs.filter((log) => log.type === 1).map((log) => log.message);
    assert.ok(
      errors.some((message) => message.startsWith('ha/detectLanguage failed')),
      errors.join('\n'),
    );
    assert.ok(errors.some((message) => message.startsWith('textDocument/didOpen failed')));
    assert.ok(errors.some((message) => message.startsWith('textDocument/didChange failed')));

    await assert.rejects(client.connection.sendRequest('ha/noSuchMethod', {}), { code: -32601 });
    assert.equal(await client.detectLanguage('file:///x/haproxy.cfg', ''), 'haproxy');
    assert.ok(client.running);
  });
});

void describe('stdio server, client with workspace/configuration', () => {
  let client: LspTestClient;

  before(async () => {
    client = LspTestClient.stdio();
    await client.initialize({ capabilities: CONFIGURATION_CAPABILITIES });
  });
  after(() => client.dispose());

  void it('registers for configuration and settings file changes', async () => {
    const methods = await client.waitFor(() => {
      const all = client.registrations.flatMap(
        (params) => (params as { registrations: { method: string }[] }).registrations,
      );
      return all.length >= 2 ? all.map((registration) => registration.method).sort() : undefined;
    }, 'two dynamic registrations');
    assert.deepEqual(methods, [
      'workspace/didChangeConfiguration',
      'workspace/didChangeWatchedFiles',
    ]);
  });

  void it('uses the defaults when the client answers null or garbage', async () => {
    const uri = virtualUri('config/haproxy.cfg');
    client.configuration = () => null;
    await client.open(uri, 'haproxy', haproxyConfig(true));
    assert.equal(quoteIssue(await client.waitForDiagnostics(uri, hasQuoteIssue)).severity, 1);
    assert.deepEqual(client.configurationRequests.at(-1), {
      items: [
        { scopeUri: uri, section: 'haproxy' },
        { scopeUri: uri, section: 'keepalived' },
      ],
    });

    for (const answer of ['garbage', 42, [null, null], [42, 'x'], [{ diagnostics: 'nope' }], {}]) {
      client.configuration = () => answer;
      const before = client.history(uri).length;
      await client.configurationChanged();
      const published = await client.waitForDiagnostics(
        uri,
        () => client.history(uri).length > before,
        `re-validation with ${JSON.stringify(answer)}`,
      );
      assert.equal(quoteIssue(published).severity, 1, JSON.stringify(answer));
    }
  });

  void it('applies severity overrides and re-validates open documents when they change', async () => {
    const uri = virtualUri('override/haproxy.cfg');
    client.configuration = () => null;
    await client.open(uri, 'haproxy', haproxyConfig(true));
    await client.waitForDiagnostics(uri, hasQuoteIssue);

    client.configuration = () => [{ diagnostics: { 'unterminated-quote': 'off' } }, null];
    await client.configurationChanged();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'silenced rule');

    const other = virtualUri('override/second.haproxy.cfg');
    await client.open(other, 'haproxy', haproxyConfig(true));
    assert.deepEqual((await client.waitForDiagnostics(other, () => true)).diagnostics, []);

    client.configuration = () => [{ diagnostics: { 'unterminated-quote': 'warning' } }, {}];
    await client.configurationChanged();
    const published = await client.waitForDiagnostics(uri, hasQuoteIssue, 'rule back as warning');
    assert.equal(quoteIssue(published).severity, 2);
  });
});

void describe('stdio server, workspace folder that does not exist', () => {
  void it('initializes and validates documents inside it', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    const root = virtualUri('missing-workspace');
    const result = await client.initialize({
      rootUri: root,
      rootPath: '/nonexistent-ha-lsp-test/missing-workspace',
      workspaceFolders: [{ uri: root, name: 'missing' }],
      capabilities: CONFIGURATION_CAPABILITIES,
    });
    assert.ok(result['capabilities']);
    const uri = `${root}/haproxy.cfg`;
    await client.open(uri, 'haproxy', haproxyConfig(true));
    await client.waitForDiagnostics(uri, hasQuoteIssue);
  });
});

void describe('stdio server, .halint.json', () => {
  let client: LspTestClient;
  const folders: string[] = [];
  const tempFolder = (): string => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-lsp-'));
    folders.push(folder);
    return folder;
  };

  before(async () => {
    client = LspTestClient.stdio();
    client.configuration = () => null;
    await client.initialize({ capabilities: CONFIGURATION_CAPABILITIES });
  });
  after(async () => {
    await client.dispose();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  void it('applies the nearest file, below the editor settings, and notices when it changes', async () => {
    const project = tempFolder();
    const settingsFile = join(project, '.halint.json');
    writeFileSync(settingsFile, JSON.stringify({ rules: { 'unterminated-quote': 'off' } }));
    // The document's own folders need not exist: the walk goes up through them.
    const uri = pathToFileURL(join(project, 'deep', 'er', 'haproxy.cfg')).href;
    const control = pathToFileURL(join(tempFolder(), 'haproxy.cfg')).href;
    await client.open(uri, 'haproxy', haproxyConfig(true));
    await client.open(control, 'haproxy', haproxyConfig(true));
    await client.waitForDiagnostics(control, hasQuoteIssue, 'the control document');
    assert.deepEqual((await client.waitForDiagnostics(uri, () => true)).diagnostics, []);

    client.configuration = () => [{ diagnostics: { 'unterminated-quote': 'warning' } }, null];
    await client.configurationChanged();
    const overridden = await client.waitForDiagnostics(uri, hasQuoteIssue, 'editor override');
    assert.equal(quoteIssue(overridden).severity, 2);

    client.configuration = () => null;
    await client.configurationChanged();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'file setting again');

    writeFileSync(settingsFile, JSON.stringify({ rules: { 'unterminated-quote': 'hint' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(settingsFile).href, type: 2 }],
    });
    const hinted = await client.waitForDiagnostics(uri, hasQuoteIssue, 'edited settings file');
    assert.equal(quoteIssue(hinted).severity, 4);
  });

  void it('ignores a malformed file with a warning', async () => {
    const project = tempFolder();
    writeFileSync(join(project, '.halint.json'), '{ "rules": ');
    const uri = pathToFileURL(join(project, 'haproxy.cfg')).href;
    await client.open(uri, 'haproxy', haproxyConfig(true));
    assert.equal(quoteIssue(await client.waitForDiagnostics(uri, hasQuoteIssue)).severity, 1);
    await client.waitFor(
      () => client.logs.find((log) => log.type === 2 && log.message.includes('.halint.json')),
      'a warning about the malformed file',
    );
  });
});

void describe('server lifecycle', () => {
  void it('exits with code 0 after shutdown and exit', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize();
    await client.open(virtualUri('exit/haproxy.cfg'), 'haproxy', haproxyConfig(true));
    assert.deepEqual(await client.shutdownAndExit(), { code: 0, signal: null });
  });

  void it('refuses requests after shutdown', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize();
    await client.connection.sendRequest('shutdown');
    await assert.rejects(client.detectLanguage('file:///x/haproxy.cfg', ''), { code: -32600 });
    await client.connection.sendNotification('exit');
    assert.deepEqual(await client.exited, { code: 0, signal: null });
  });

  void it('exits with code 1 on exit without shutdown', async (t) => {
    const client = LspTestClient.stdio();
    t.after(() => client.dispose());
    await client.initialize();
    await client.connection.sendNotification('exit');
    assert.equal((await client.exited).code, 1);
  });
});

void describe('node IPC server', () => {
  void it('initializes, publishes diagnostics and shuts down', async (t) => {
    const client = LspTestClient.ipc();
    t.after(() => client.dispose());
    const result = await client.initialize();
    assert.deepEqual((result['capabilities'] as Record<string, unknown>)['textDocumentSync'], {
      openClose: true,
      change: 2,
      save: { includeText: false },
    });
    const uri = virtualUri('ipc/haproxy.cfg');
    await client.open(uri, 'haproxy', haproxyConfig(true));
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.equal(quoteIssue(published).range.start.line, BROKEN_LINE);
    assert.deepEqual(await client.shutdownAndExit(), { code: 0, signal: null });
  });
});
