import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  PLAIN_FORMAT,
  resolveSettings,
  type ClientFormat,
  type ServiceSettings,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

function hoverAt(
  language: 'haproxy' | 'keepalived',
  input: string,
  format: ClientFormat = MARKDOWN,
  settings: ServiceSettings = DEFAULT_SETTINGS,
): Hover | null {
  const { text, cursors } = mark(input);
  const document = service.parse(language, 'file:///x', text);
  return service.getHover(document, cursors[0] ?? 0, settings, format);
}

const value = (hover: Hover | null): string => {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
};

test('haproxy: multi-word keyword hover covers the whole name', () => {
  const hover = hoverAt('haproxy', 'defaults\n  timeout con<|>nect 5s\n');
  assert.match(value(hover), /timeout connect <timeout>/);
  assert.match(value(hover), /\[Documentation\]\(https:\/\/docs\.haproxy\.org/);
  assert.deepEqual(hover?.range, {
    start: { line: 1, character: 2 },
    end: { line: 1, character: 17 },
  });
});

test('haproxy: plain text has no Markdown', () => {
  const hover = hoverAt('haproxy', 'defaults\n  timeout con<|>nect 5s\n', PLAIN_FORMAT);
  assert.equal((hover?.contents as MarkupContent).kind, 'plaintext');
  assert.doesNotMatch(value(hover), /```|\]\(/);
  assert.match(value(hover), /Documentation: https:/);
});

test('haproxy: version facts at the target version', () => {
  const text = 'backend b\n  balance st<|>icky\n';
  assert.match(value(hoverAt('haproxy', text)), /`sticky`: a value of `algorithm`/);
  const v34 = resolveSettings({ haproxy: { version: '3.4' } });
  const deprecated = value(hoverAt('haproxy', 'global\n  master-wor<|>ker\n', MARKDOWN, v34));
  assert.match(deprecated, /Deprecated in 3\.3; use -W or -Ws/);
  assert.match(deprecated, /The target version warns about it\. \(target: HAProxy 3\.4\)/);
  const old = resolveSettings({ haproxy: { version: '2.6' } });
  const algo = value(hoverAt('haproxy', 'backend b\n  balance r<|>andom\n', MARKDOWN, old));
  assert.match(algo, /balance <algorithm>/);
});

test('haproxy: actions, options, fetches and converters', () => {
  assert.match(
    value(hoverAt('haproxy', 'frontend f\n  http-request set-hea<|>der X v\n')),
    /set-header <name> <fmt>/,
  );
  assert.match(value(hoverAt('haproxy', 'frontend f\n  bind :443 ss<|>l crt /x.pem\n')), /ssl/);
  assert.match(value(hoverAt('haproxy', 'backend b\n  server s 1.1.1.1:80 che<|>ck\n')), /check/);
  const fetch = hoverAt('haproxy', 'frontend f\n  acl h req.h<|>dr(host),lower -m str a\n');
  assert.match(value(fetch), /^```\nreq\.hdr/);
  const converter = hoverAt('haproxy', 'frontend f\n  acl h req.hdr(host),low<|>er -m str a\n');
  assert.match(value(converter), /lower \(string → string\)/);
});

test('haproxy: names summarise their definition', () => {
  const text = [
    'frontend f',
    '  acl is_api path_beg /api',
    '  use_backend app if is_a<|>pi',
    '  default_backend a<|>pp',
    'backend app',
    '  balance roundrobin',
    '  server s1 10.0.0.1:80 check',
    '  server s2 10.0.0.2:80 check',
    '  http-request auth unless { http_auth(adm<|>ins) }',
    'userlist admins',
    '  user a insecure-password x',
  ].join('\n');
  const { text: plain, cursors } = mark(text);
  const document = service.parse('haproxy', 'file:///x', plain);
  const at = (i: number): string =>
    value(service.getHover(document, cursors[i] ?? 0, DEFAULT_SETTINGS, MARKDOWN));
  assert.match(at(0), /ACL `is_api` of frontend `f`:\n\n- line 2: `path_beg \/api`/);
  assert.match(at(1), /backend `app`, defined on line 5/);
  assert.match(at(1), /balance: `roundrobin`/);
  assert.match(at(1), /2 servers/);
  assert.match(at(2), /userlist `admins`/);
  assert.match(value(hoverAt('haproxy', 'frontend f\n  use_backend x if TR<|>UE\n')), /TRUE/);
});

test('keepalived: keywords, scripts and instances', () => {
  const text = [
    'vrrp_script chk {',
    '  script "/bin/true"',
    '  interval 2',
    '  weight -20',
    '}',
    'vrrp_sync_group G {',
    '  group {',
    '    VI<|>_1',
    '  }',
    '}',
    'vrrp_instance VI_1 {',
    '  sta<|>te MASTER',
    '  track_script {',
    '    ch<|>k',
    '  }',
    '}',
  ].join('\n');
  const { text: plain, cursors } = mark(text);
  const document = service.parse('keepalived', 'file:///k', plain);
  const at = (i: number, format = MARKDOWN): string =>
    value(service.getHover(document, cursors[i] ?? 0, DEFAULT_SETTINGS, format));
  assert.match(at(0), /vrrp_instance `VI_1`, defined on line 11/);
  assert.match(at(1), /state <MASTER\|BACKUP>/);
  assert.match(at(2), /vrrp_script `chk`, defined on line 1/);
  assert.match(at(2), /`interval 2`/);
  assert.match(at(2), /`weight -20`/);
  assert.doesNotMatch(at(2, PLAIN_FORMAT), /`/);
});

test('nothing to say on blank space', () => {
  assert.equal(hoverAt('haproxy', 'frontend f\n<|>\n'), null);
  assert.equal(hoverAt('keepalived', '<|>\n'), null);
});
