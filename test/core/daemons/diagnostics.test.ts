// The facade's side of the daemon checks: what a daemon said of a document joins its diagnostics
// merged with ours, shaped by the same settings and directives, and named with its version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService, resolveSettings } from '../../../server/src/core/index.js';
import type { Issue } from '../../../server/src/core/common/issue.js';
import { parseHaproxyOutput } from '../../../server/src/core/daemons/output.js';
import { placeFindings } from '../../../server/src/core/daemons/place.js';

const URI = 'file:///ws/lb1/haproxy.cfg';
const TEXT = `frontend fe
  bind :8080
  frobnicate on
  # halint-disable-next-line haproxy-check
  bind :8443 ssl crt /missing.pem
  bind :9443 ssl crt /other.pem
  default_backend be
backend be
  server s1 192.0.2.10:80 check
backend be
`;
const OUTPUT = `[NOTICE]   (1) : haproxy version is 3.0.11-1
[ALERT]    (1) : config : parsing [/ws/lb1/haproxy.cfg:3] : unknown keyword 'frobnicate' in 'frontend' section
[ALERT]    (1) : config : parsing [/ws/lb1/haproxy.cfg:5] : 'bind :8443' : unable to stat SSL certificate from file '/missing.pem'
[ALERT]    (1) : config : parsing [/ws/lb1/haproxy.cfg:6] : 'bind :9443' : unable to stat SSL certificate from file '/other.pem'
`;

const service = createLanguageService();
const document = service.parse('haproxy', URI, TEXT);
const report = parseHaproxyOutput(OUTPUT);
const theirs: Issue[] = placeFindings(report.findings, {
  daemon: 'haproxy',
  files: [{ uri: URI, path: '/ws/lb1/haproxy.cfg', text: TEXT }],
  daemonDirectory: '/ws/lb1',
  ...(report.version !== undefined ? { version: report.version } : {}),
});

test('merged with ours, honouring directives, with the version in the source', () => {
  const diagnostics = service.getDiagnostics(document, { daemonFindings: theirs });
  const unknown = diagnostics.filter((d) => d.range.start.line === 2);
  assert.deepEqual(
    unknown.map((d) => d.code),
    ['unknown-keyword'],
    'the daemon says what ours says: one finding',
  );
  assert.match(unknown[0]?.relatedInformation?.[0]?.message ?? '', /^haproxy -c: unknown keyword/);
  const daemon = diagnostics.filter((d) => d.code === 'haproxy-check');
  assert.deepEqual(
    daemon.map((d) => d.range.start.line),
    [5],
    'line 5 is silenced by its directive, line 6 is not',
  );
  assert.equal(daemon[0]?.source, 'haproxy -c 3.0.11-1');
});

test('a severity set to off in the settings drops the daemon’s findings too', () => {
  const settings = resolveSettings({ haproxy: { diagnostics: { 'haproxy-check': 'off' } } });
  const diagnostics = service.getDiagnostics(document, { settings, daemonFindings: theirs });
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'haproxy-check'),
    [],
  );
});

test('related places of our own findings in the same file reach the editor', () => {
  const duplicate = service
    .getDiagnostics(document)
    .find((d) => d.range.start.line === 9 && /be/.test(d.message));
  assert.ok(duplicate, 'the second backend be is reported');
  assert.equal(duplicate.relatedInformation?.[0]?.location.range.start.line, 7);
});
