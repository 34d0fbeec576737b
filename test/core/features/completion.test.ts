import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
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
const RICH: ClientFormat = { markdown: true, snippets: true, deprecatedTag: true };

/** Completion at the `<|>` marker. */
function complete(
  language: 'haproxy' | 'keepalived',
  input: string,
  format: ClientFormat = RICH,
  settings: ServiceSettings = DEFAULT_SETTINGS,
): CompletionItem[] {
  const { text, cursors } = mark(input);
  const document = service.parse(language, 'file:///x', text);
  return service.getCompletions(document, cursors[0] ?? 0, { settings, format });
}

const labels = (items: CompletionItem[]): string[] => items.map((item) => item.label);
const item = (items: CompletionItem[], label: string): CompletionItem => {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item ${label} in ${labels(items).slice(0, 20).join(', ')}`);
  return found;
};
const edit = (completion: CompletionItem): TextEdit => completion.textEdit as TextEdit;

test('haproxy: sections and section keywords at the start of a line', () => {
  const items = complete('haproxy', 'global\n  maxconn 10\n\nbackend app\n  bal<|>\n');
  assert.ok(labels(items).includes('balance'));
  assert.ok(labels(items).includes('frontend'));
  assert.ok(!labels(items).includes('maxconn'), 'a global keyword is not offered in a backend');
  const balance = item(items, 'balance');
  assert.equal(balance.detail, 'Load-balancing algorithm of the backend.');
  assert.deepEqual(edit(balance).range, {
    start: { line: 4, character: 2 },
    end: { line: 4, character: 5 },
  });
  assert.equal(balance.insertTextFormat, 2);
  assert.match(edit(balance).newText, /^balance \$\{1\|roundrobin,/);
  assert.equal(typeof balance.documentation, 'object');
  assert.match(JSON.stringify(balance.documentation), /docs\.haproxy\.org/);
});

test('haproxy: plain-text clients get no snippets and plain documentation', () => {
  const items = complete('haproxy', 'backend app\n  bal<|>\n', PLAIN_FORMAT);
  const balance = item(items, 'balance');
  assert.equal(edit(balance).newText, 'balance');
  assert.equal(balance.insertTextFormat, undefined);
  assert.deepEqual((balance.documentation as { kind: string }).kind, 'plaintext');
});

test('haproxy: the rest of multi-word keywords replaces only the partial word', () => {
  const items = complete('haproxy', 'defaults\n  timeout conn<|>\n');
  const connect = item(items, 'connect');
  assert.deepEqual(edit(connect).range, {
    start: { line: 1, character: 10 },
    end: { line: 1, character: 14 },
  });
  const options = complete('haproxy', 'defaults\n  option htt<|>\n');
  assert.ok(labels(options).includes('httplog'));
  const tcp = complete('haproxy', 'frontend f\n  tcp-request <|>\n');
  assert.ok(labels(tcp).includes('content'));
  assert.ok(labels(tcp).includes('connection'));
});

test('haproxy: rule set actions, enum values and version filtering', () => {
  const actions = labels(complete('haproxy', 'frontend f\n  http-request <|>\n'));
  assert.ok(actions.includes('set-header'));
  assert.ok(actions.includes('deny'));
  const balance = labels(complete('haproxy', 'backend b\n  balance <|>\n'));
  assert.ok(balance.includes('roundrobin'));
  assert.ok(balance.includes('sticky'));
  const old = resolveSettings({ haproxy: { version: '2.6' } });
  const balance26 = labels(complete('haproxy', 'backend b\n  balance <|>\n', RICH, old));
  assert.ok(!balance26.includes('sticky'), 'sticky appeared in 3.0');
  const mode = labels(complete('haproxy', 'defaults\n  mode <|>\n'));
  assert.ok(mode.includes('http') && mode.includes('tcp'));
});

test('haproxy: bind and server options after the address, with option values', () => {
  const bind = labels(complete('haproxy', 'frontend f\n  bind :443 <|>\n'));
  assert.ok(bind.includes('ssl') && bind.includes('crt'));
  assert.deepEqual(labels(complete('haproxy', 'backend b\n  server s1 <|>\n')), []);
  const server = labels(complete('haproxy', 'backend b\n  server s1 10.0.0.1:80 <|>\n'));
  assert.ok(server.includes('check') && server.includes('weight'));
  const track = labels(
    complete(
      'haproxy',
      'backend a\n  server x 10.0.0.1:80\nbackend b\n  server s1 10.0.0.2:80 track <|>\n',
    ),
  );
  assert.ok(track.includes('a/x'));
});

test('haproxy: fetches, converters, ACL names and backend names', () => {
  const fetches = labels(complete('haproxy', 'frontend f\n  acl is_api pa<|>\n'));
  assert.ok(fetches.includes('path'));
  const converters = complete('haproxy', 'frontend f\n  acl h req.hdr(host),low<|>\n');
  const lower = item(converters, 'lower');
  assert.deepEqual(edit(lower).range.start, { line: 1, character: 22 });
  const text = [
    'frontend f',
    '  acl is_api path_beg /api',
    '  use_backend api if !<|>',
    'backend api',
    '  server s 10.0.0.1:80',
  ].join('\n');
  const names = complete('haproxy', text);
  const isApi = item(names, 'is_api');
  assert.deepEqual(edit(isApi).range.start, { line: 2, character: 22 });
  assert.ok(labels(names).includes('TRUE'), 'predefined ACLs are offered');
  const braces = labels(complete('haproxy', 'frontend f\n  http-request deny if { <|>\n'));
  assert.ok(braces.includes('src'));
  const backends = labels(
    complete('haproxy', 'frontend f\n  default_backend <|>\nbackend api\nlisten l\n  bind :1\n'),
  );
  assert.deepEqual(backends.sort(), ['api', 'l']);
  const auth = complete(
    'haproxy',
    'userlist admins\n  user a insecure-password x\nfrontend f\n  http-request auth unless { http_auth(<|>\n',
  );
  assert.deepEqual(labels(auth), ['admins']);
});

test('haproxy: comments get nothing; deprecated keywords are tagged', () => {
  assert.deepEqual(complete('haproxy', 'frontend f\n  # bal<|>\n'), []);
  const items = complete('haproxy', 'global\n  <|>\n');
  const deprecated = items.filter((i) => i.tags?.includes(1));
  for (const entry of deprecated) assert.equal(entry.deprecated, undefined);
  const plain = complete('haproxy', 'global\n  <|>\n', PLAIN_FORMAT);
  assert.equal(
    plain.filter((i) => i.deprecated === true).length,
    deprecated.length,
    'clients without tag support get the deprecated flag instead',
  );
});

test('keepalived: top-level blocks, block keywords and enum values', () => {
  const top = complete('keepalived', 'vrrp<|>\n');
  const instance = item(top, 'vrrp_instance');
  assert.match(edit(instance).newText, /\{\n\t\$0\n\}/);
  const keywords = labels(complete('keepalived', 'vrrp_instance VI_1 {\n    sta<|>\n}\n'));
  assert.ok(keywords.includes('state') && keywords.includes('priority'));
  assert.ok(!keywords.includes('router_id'), 'global_defs keywords stay in global_defs');
  const state = labels(complete('keepalived', 'vrrp_instance VI_1 {\n    state <|>\n}\n'));
  assert.deepEqual(state.sort(), ['BACKUP', 'MASTER']);
});

test('keepalived: scripts in track_script, instances in group, interfaces', () => {
  const text = [
    'vrrp_script chk_haproxy {',
    '    script "/usr/bin/killall -0 haproxy"',
    '}',
    'vrrp_sync_group G {',
    '    group {',
    '        VI_1 <|>',
    '    }',
    '}',
    'vrrp_instance VI_1 {',
    '    interface eth0',
    '    virtual_ipaddress {',
    '        10.0.0.10/24 dev eth1',
    '    }',
    '    track_script {',
    '        chk<|>',
    '    }',
    '}',
    'vrrp_instance VI_2 {',
    '    interface <|>',
    '}',
  ].join('\n');
  const { text: plain, cursors } = mark(text);
  const document = service.parse('keepalived', 'file:///k', plain);
  const at = (i: number): string[] =>
    labels(
      service.getCompletions(document, cursors[i] ?? 0, {
        settings: DEFAULT_SETTINGS,
        format: RICH,
      }),
    );
  assert.deepEqual(at(0).sort(), ['VI_1', 'VI_2']);
  assert.deepEqual(at(1), ['chk_haproxy']);
  assert.deepEqual(at(2), ['eth0', 'eth1']);
});

test('a 15,000-line file is answered from the enclosing section', () => {
  // Speed is measured by the benchmark scripts, not here; this checks the big-file path is right.
  const lines: string[] = ['global', '  maxconn 10'];
  for (let i = 0; lines.length < 15_000; i++) {
    lines.push(`backend b${i}`, '  balance roundrobin', `  server s${i} 10.0.0.1:80 check`, '');
  }
  lines.push('frontend f', '  acl a path /x', '  use_backend b1 if <|>');
  const { text, cursors } = mark(lines.join('\n'));
  const document = service.parse('haproxy', 'file:///big', text);
  const names = labels(
    service.getCompletions(document, cursors[0] ?? 0, { settings: DEFAULT_SETTINGS, format: RICH }),
  );
  assert.ok(names.includes('a'), 'the frontend ACL is offered');
  assert.ok(names.includes('TRUE'), 'predefined ACLs are offered');
  assert.ok(!names.includes('s1'), 'server names are not ACLs');
});
