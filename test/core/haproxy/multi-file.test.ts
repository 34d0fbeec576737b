import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, type HaproxyDocument } from '../../../server/src/core/index.js';

const service = createLanguageService();

function haproxy(uri: string, text: string): HaproxyDocument {
  const document = service.parse('haproxy', uri, text);
  assert.equal(document.languageId, 'haproxy');
  return document;
}

const MAIN = `global
    maxconn 100

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_web
    bind :80
    use_backend be_app if { path_beg /app }
    default_backend be_static
`;

const EXTRA = `backend be_app
    server app1 10.0.0.1:8080 check

backend be_static
    balance roundrobbin
    server web1 10.0.0.2:8080 check`;

test('files of one node are one configuration: no false undefined or missing findings', () => {
  const main = haproxy('/n/haproxy.cfg', MAIN);
  const extra = haproxy('/n/conf.d/20-apps.cfg', EXTRA);
  // Alone, each file gets findings HAProxy would never print for the pair.
  const alone = service.validate(main).map((issue) => issue.code);
  assert.ok(alone.includes('undefined-backend'), alone.join());
  assert.ok(service.validate(extra).some((issue) => issue.code === 'missing-timeouts'));

  const byFile = service.validateNode({
    name: 'n',
    haproxy: [main, extra],
    haproxyConfig: [main, extra],
    keepalived: [],
  });
  assert.deepEqual(byFile.get(main.uri), []);
  const found = byFile.get(extra.uri) ?? [];
  assert.deepEqual(
    found.map((issue) => [issue.code, extra.text.slice(issue.start, issue.end)]),
    [['invalid-argument', 'roundrobbin']],
  );
  // Moved findings belong to the file they are listed under.
  assert.equal(found[0]?.uri, undefined);
});

test('diagnostics of one file of a node use the whole node; a lone file is validated alone', () => {
  const main = haproxy('/n/haproxy.cfg', MAIN);
  const extra = haproxy('/n/conf.d/20-apps.cfg', EXTRA);
  const node = (files: readonly HaproxyDocument[]) => ({
    name: 'n',
    haproxy: files,
    ...(files.length > 1 ? { haproxyConfig: files } : {}),
    keepalived: [],
  });
  assert.deepEqual(service.getDiagnostics(main, { nodes: [node([main, extra])] }), []);
  const lone = service.getDiagnostics(main, { nodes: [node([main])] }).map((d) => d.code);
  assert.ok(lone.includes('undefined-backend'));
  const [diagnostic] = service.getDiagnostics(extra, { nodes: [node([main, extra])] });
  assert.equal(diagnostic?.range.start.line, 4);
});
