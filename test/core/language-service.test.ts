import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, RULE_CODES, resolveSettings } from '../../server/src/core/index.js';

const service = createLanguageService();

test('validate reports syntax issues of both languages with registered codes', () => {
  const haproxy = service.parse(
    'haproxy',
    'h.cfg',
    'frontend fe\n  mode http\n  bind :80\n  timeout client 5s\n  http-request set-header X "abc\n',
  );
  const keepalived = service.parse(
    'keepalived',
    'k.conf',
    'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1/24\n  }\n',
  );
  const issues = [...service.validate(haproxy), ...service.validate(keepalived)];
  assert.deepEqual(
    issues.map((issue) => issue.code),
    ['unterminated-quote', 'missing-close-brace'],
  );
  for (const issue of issues) assert.ok(RULE_CODES.has(issue.code), issue.code);
});

test('severity settings change or silence a code, and comments silence one line', () => {
  const text =
    'frontend fe\n  mode http\n  bind :80\n  timeout client 5s\n  http-request set-header X "abc\n';
  const document = service.parse('haproxy', 'h.cfg', text);
  const warning = resolveSettings({ rules: { 'unterminated-quote': 'warning' } });
  assert.equal(service.validate(document, { settings: warning })[0]?.severity, 'warning');
  assert.deepEqual(
    service.validate(document, {
      settings: resolveSettings({ haproxy: { diagnostics: { 'unterminated-quote': 'off' } } }),
    }),
    [],
  );
  const silenced = service.parse(
    'haproxy',
    'h.cfg',
    'frontend fe\n  mode http\n  bind :80\n  timeout client 5s\n  # halint-disable-next-line unterminated-quote\n  http-request set-header X "abc\n',
  );
  assert.deepEqual(service.validate(silenced), []);
});

test('update applies edits in order and matches a fresh parse', () => {
  const text = 'backend be\n  server s1 10.0.0.1:80 check\n';
  let document = service.parse('haproxy', 'h.cfg', text, 1);
  document = service.update(
    document,
    [
      { start: text.indexOf('s1'), end: text.indexOf('s1') + 2, text: 'web1' },
      { start: 0, end: 0, text: 'global\n' },
    ],
    2,
  );
  const fresh = service.parse('haproxy', 'h.cfg', document.text, 2);
  assert.equal(document.text, 'global\nbackend be\n  server web1 10.0.0.1:80 check\n');
  assert.equal(document.version, 2);
  assert.deepEqual(document.parse, fresh.parse);
});

test('diagnostics link to the rule page and use 0-based UTF-16 positions', () => {
  const document = service.parse('haproxy', 'h.cfg', 'frontend fe\n  # é\n  errorfile 503 "x\n');
  const [diagnostic] = service.getDiagnostics(document);
  assert.ok(diagnostic);
  assert.equal(diagnostic.range.start.line, 2);
  assert.equal(diagnostic.code, 'unterminated-quote');
  assert.match(diagnostic.codeDescription?.href ?? '', /docs\/rules\/unterminated-quote\.md$/);
});
