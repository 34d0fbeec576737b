// Document links, code lenses and inlay hints: the read-only annotations of a document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, type LanguageId } from '../../../server/src/core/index.js';

const service = createLanguageService();
const parse = (language: LanguageId, lines: string[]) =>
  service.parse(language, 'file:///etc/x/doc', lines.join('\n'));

test('document links: file words with crt-base and ca-base applied', () => {
  const document = parse('haproxy', [
    'global',
    '    crt-base /etc/ssl/private',
    '    ca-base certs',
    '    lua-load /etc/haproxy/a.lua',
    'frontend fe',
    '    bind :443 ssl crt site.pem ca-file ca.pem crl-file /abs/crl.pem',
    '    acl bad src -f blocked.lst',
    '    http-request set-header X %[req.hdr(host),map_str(hosts.map)]',
    '    errorfile 503 "errors/503.http"',
    'backend be',
    '    server s a:1 ssl ca-file ca.pem crt client.pem',
    '',
  ]);
  const links = service
    .getDocumentLinks(document)
    .map((link) => [document.text.slice(link.start, link.end), link.path]);
  assert.deepEqual(links, [
    ['/etc/haproxy/a.lua', '/etc/haproxy/a.lua'],
    ['site.pem', '/etc/ssl/private/site.pem'],
    ['ca.pem', 'certs/ca.pem'],
    ['/abs/crl.pem', '/abs/crl.pem'],
    ['blocked.lst', 'blocked.lst'],
    ['hosts.map', 'hosts.map'],
    ['"errors/503.http"', 'errors/503.http'],
    ['ca.pem', 'certs/ca.pem'],
    ['client.pem', '/etc/ssl/private/client.pem'],
  ]);
  const keepalived = parse('keepalived', ['include conf.d/*.conf', 'global_defs {', '}', '']);
  assert.deepEqual(
    service.getDocumentLinks(keepalived).map((link) => link.path),
    ['conf.d/*.conf'],
  );
});

test('code lenses: server counts per backend, routes per frontend', () => {
  const document = parse('haproxy', [
    'defaults',
    '    default-server check',
    'frontend fe',
    '    use_backend be_api if { path_beg /api }',
    '    default_backend be_app',
    'backend be_app',
    '    server s1 a:1',
    '    server s2 b:1 no-check backup',
    '    server-template web 3 c:1',
    'backend be_api',
    '',
  ]);
  const lenses = service
    .getCodeLenses(document)
    .map((lens) => [lens.range.start.line, lens.command?.title]);
  assert.deepEqual(lenses, [
    [2, 'routes to be_api, be_app'],
    [5, '5 servers · 4 checked · 1 backup'],
    [9, '0 servers · 0 checked · 0 backup'],
    [2, 'Show in topology'],
  ]);
  // Keepalived has its own single-document lenses (keepalived-code-lens.test.ts).
  assert.deepEqual(
    service
      .getCodeLenses(parse('keepalived', ['vrrp_instance V {', '}']))
      .map((lens) => lens.command?.title),
    ['BACKUP · priority 100 · 0 tracked checks', 'Show in topology'],
  );
});

test('inlay hints: inherited default-server options and implicit milliseconds', () => {
  const document = parse('haproxy', [
    'defaults',
    '    timeout connect 5000',
    '    timeout client 30s',
    '    default-server inter 3000 fall 3',
    'backend be',
    '    default-server check',
    '    server s1 a:1 fall 5',
    '    server s2 b:1 no-check',
    '',
  ]);
  const hints = service.getInlayHints(document, {
    start: { line: 0, character: 0 },
    end: { line: 8, character: 0 },
  });
  assert.deepEqual(
    hints.map((hint) => [hint.position.line, hint.position.character, hint.label]),
    [
      [1, 24, 'ms'],
      [3, 29, 'ms'],
      [6, 24, 'inherits inter 3000 check'],
      [7, 26, 'inherits inter 3000 fall 3'],
    ],
  );
  const later = service.getInlayHints(document, {
    start: { line: 6, character: 0 },
    end: { line: 6, character: 10 },
  });
  assert.equal(later.length, 1);
  assert.deepEqual(
    service.getInlayHints(parse('keepalived', ['global_defs {', '}']), {
      start: { line: 0, character: 0 },
      end: { line: 1, character: 0 },
    }),
    [],
  );
});
