import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/core/index.js';
import { MAX_OUTLINE_CHILDREN } from '../../../server/src/core/features/document-symbols.js';
import { generateHaproxy } from '../../../scripts/bench/inputs.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();

function outline(symbols: readonly DocumentSymbol[]): unknown[] {
  return symbols.map((symbol) =>
    symbol.children?.length ? [symbol.name, outline(symbol.children)] : symbol.name,
  );
}

test('haproxy: sections named by kind and name, with servers, ACLs and binds', () => {
  const { text, ranges } = mark(
    [
      'global',
      '    maxconn 10',
      'frontend <|fe|>',
      '    bind :80',
      '    acl is_api path_beg /api',
      '.if defined(X)',
      '    acl is_x path /x',
      '.endif',
      'backend be_app',
      '    server s1 10.0.0.1:80 check',
      '    server-template web 3 app.local:80',
      '',
    ].join('\n'),
  );
  const document = service.parse('haproxy', 'file:///h.cfg', text);
  const symbols = service.getDocumentSymbols(document);
  assert.deepEqual(outline(symbols), [
    'global',
    ['frontend fe', ['bind :80', 'is_api', 'is_x']],
    ['backend be_app', ['s1', 'web']],
  ]);
  const fe = symbols[1]!;
  const at = document.lineIndex.positionAt.bind(document.lineIndex);
  assert.deepEqual(fe.selectionRange, { start: at(ranges[0]!.start), end: at(ranges[0]!.end) });
  assert.equal(fe.range.start.line, 2);
  assert.equal(fe.range.end.line, 7, 'the range stops at the last line of the section');
  assert.equal(symbols[2]?.children?.[0]?.detail, '10.0.0.1:80');
});

test('keepalived: blocks with their names and nested blocks', () => {
  const text = [
    'global_defs {',
    '    router_id LB1',
    '}',
    'vrrp_instance VI_1 {',
    '    state MASTER',
    '    virtual_ipaddress {',
    '        10.0.0.100/24',
    '    }',
    '}',
    'virtual_server 10.0.0.100 80 {',
    '    real_server 10.0.0.1 80 {',
    '        weight 1',
    '    }',
    '}',
    '',
  ].join('\n');
  const document = service.parse('keepalived', 'file:///k.conf', text);
  const symbols = service.getDocumentSymbols(document);
  assert.deepEqual(outline(symbols), [
    'global_defs',
    ['vrrp_instance VI_1', ['virtual_ipaddress']],
    ['virtual_server 10.0.0.100 80', ['real_server 10.0.0.1 80']],
  ]);
  assert.deepEqual(symbols[1]?.range, {
    start: { line: 3, character: 0 },
    end: { line: 8, character: 1 },
  });
});

test('workspace symbols: case-insensitive substring over several documents', () => {
  const h = service.parse('haproxy', 'file:///h.cfg', 'backend BE_App\n    server s1 a:1\n');
  const k = service.parse('keepalived', 'file:///k.conf', 'vrrp_instance be_app_vip {\n}\n');
  const found = service.getWorkspaceSymbols('be_app', { documents: [h, k] });
  assert.deepEqual(
    found.map((symbol) => [symbol.name, 'uri' in symbol.location ? symbol.location.uri : '']),
    [
      ['backend BE_App', 'file:///h.cfg'],
      ['vrrp_instance be_app_vip', 'file:///k.conf'],
    ],
  );
  assert.equal(
    service.getWorkspaceSymbols('S1', { documents: [h] })[0]?.containerName,
    'backend BE_App',
  );
  assert.equal(service.getWorkspaceSymbols('', { documents: [h, k] }).length, 3);
});

test('haproxy: user and group are entries of a userlist, not of global; no detail repeating the keyword', () => {
  const text = [
    'global',
    '    user haproxy',
    '    group haproxy',
    'userlist admins',
    '    group ops',
    '    user alice insecure-password secret groups ops',
    'frontend fe',
    '    bind :80',
    '',
  ].join('\n');
  const symbols = service.getDocumentSymbols(service.parse('haproxy', 'file:///h.cfg', text));
  assert.deepEqual(outline(symbols), [
    'global',
    ['userlist admins', ['ops', 'alice']],
    ['frontend fe', ['bind :80']],
  ]);
  assert.equal(symbols[2]?.children?.[0]?.detail, undefined);
  assert.equal(symbols[0]?.children, undefined, 'a leaf has no empty list of children');
});

test('a large outline stays small: sections all listed, servers cut to a fair share, counts in the detail', () => {
  // 5,000 backends of ten servers, an ACL and a use_backend each over four frontends: about
  // 85,000 lines (13 MB of outline before).
  const big = service.parse('haproxy', 'file:///big.cfg', generateHaproxy(5_000));
  assert.ok(big.lineIndex.lineCount >= 75_000);
  const symbols = service.getDocumentSymbols(big);
  const bytes = Buffer.byteLength(JSON.stringify(symbols));
  assert.ok(bytes <= 2_000_000, `${bytes} bytes`);
  assert.equal(symbols.length, 2 + 4 + 5_000, 'every section is listed');
  const children = symbols.reduce((sum, symbol) => sum + (symbol.children?.length ?? 0), 0);
  assert.ok(children <= MAX_OUTLINE_CHILDREN, `${children} children`);
  // The frontends keep their binds and a fair share of their ACLs; the 50,000 servers give way.
  const frontend = symbols.find((symbol) => symbol.name === 'frontend fe_0');
  assert.deepEqual(
    frontend?.children?.slice(0, 3).map((child) => child.name),
    ['bind 192.0.2.1:80', 'bind 192.0.2.1:8080', 'host_0'],
  );
  assert.equal(frontend?.children?.length, 2 + 624);
  assert.equal(frontend?.detail, '1250 ACLs (first 624)');
  const backend = symbols.find((symbol) => symbol.name === 'backend be_4999');
  assert.equal(backend?.children, undefined);
  assert.equal(backend?.detail, '10 servers');

  // A smaller excess: every backend lists the same first few servers, and says so.
  const mid = service.getDocumentSymbols(
    service.parse('haproxy', 'file:///mid.cfg', generateHaproxy(1_000)),
  );
  const be = mid.find((symbol) => symbol.name === 'backend be_999');
  assert.deepEqual(
    be?.children?.map((child) => child.name),
    ['s0', 's1', 's2'],
  );
  assert.equal(be?.detail, '10 servers (first 3)');
  assert.equal(be?.children?.[0]?.detail, '203.0.113.238:8010');
});
