// Definition, references, highlights and rename share one name index; they are tested together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import {
  createLanguageService,
  type LanguageId,
  type ParsedDocument,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();

interface Case {
  readonly document: ParsedDocument;
  readonly cursor: number;
  /** The marked ranges as `[start, end]` offsets. */
  readonly ranges: Array<[number, number]>;
}

function prepare(language: LanguageId, input: string): Case {
  const marked = mark(input);
  return {
    document: service.parse(language, 'file:///doc', marked.text),
    cursor: marked.cursors[0] ?? 0,
    ranges: marked.ranges.map((range) => [range.start, range.end]),
  };
}

function offsets(
  document: ParsedDocument,
  locations: readonly Location[],
): Array<[number, number]> {
  return locations
    .map((location): [number, number] => [
      document.lineIndex.offsetAt(location.range.start),
      document.lineIndex.offsetAt(location.range.end),
    ])
    .sort((a, b) => a[0] - b[0]);
}

test('haproxy: a backend is found from use_backend, default_backend and track', () => {
  const { document, cursor, ranges } = prepare(
    'haproxy',
    [
      'frontend fe',
      '    use_backend <|be_<|>app|> if { path /x }',
      '    default_backend <|be_app|>',
      'backend <|be_app|>',
      '    server s1 10.0.0.1:80 check',
      'backend other',
      '    server s2 10.0.0.2:80 track <|be_app|>/s1',
      '',
    ].join('\n'),
  );
  const definition = service.getDefinition(document, cursor);
  assert.deepEqual(offsets(document, definition), [ranges[2]]);
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), ranges);
  assert.deepEqual(
    offsets(document, service.getReferences(document, cursor, false)),
    ranges.filter((_, at) => at !== 2),
  );
  const highlights = service.getDocumentHighlights(document, cursor);
  assert.deepEqual(
    highlights.map((highlight) => highlight.kind),
    [2, 2, 3, 2],
  );
});

test('haproxy: ACLs and servers are local to their section', () => {
  const { document, cursor, ranges } = prepare(
    'haproxy',
    [
      'frontend a',
      '    acl <|is_api|> path_beg /api',
      '    http-request deny if !<|is_<|>api|> || { src 10.0.0.1 }',
      'frontend b',
      '    acl is_api path_beg /v2',
      'backend be',
      '    use-server <|s1|> if { always_true }',
      '    server <|s1|> 10.0.0.1:80 check',
      '    server s2 10.0.0.2:80 track <|s1|>',
      'backend be2',
      '    server x 10.0.0.3:80 track be/<|s1|>',
      '',
    ].join('\n'),
  );
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), [
    ranges[0],
    ranges[1],
  ]);
  const server = ranges[3]![0];
  assert.deepEqual(offsets(document, service.getDefinition(document, server)), [ranges[3]]);
  assert.deepEqual(
    offsets(document, service.getReferences(document, ranges[5]![0] + 1, true)),
    ranges.slice(2),
  );
});

test('haproxy: rename edits every occurrence, or refuses when a dynamic name may hide one', () => {
  const { document, cursor } = prepare(
    'haproxy',
    'frontend fe\n    default_backend app\nbackend a<|>pp\n    server s a:1\n',
  );
  const prepared = service.prepareRename(document, cursor);
  assert.deepEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : prepared, 'app');
  const result = service.rename(document, cursor, 'web');
  assert.ok(result && 'edit' in result);
  const edits = result.edit.changes?.['file:///doc'] ?? [];
  assert.deepEqual(
    edits.map((edit) => [edit.range.start.line, edit.newText]),
    [
      [1, 'web'],
      [2, 'web'],
    ],
  );
  assert.deepEqual(service.rename(document, cursor, 'two words'), {
    error: "'two words' is not a valid backend name.",
  });

  const dynamic = prepare(
    'haproxy',
    'frontend fe\n    use_backend be_%[req.hdr(host)]\n    default_backend a<|>pp\nbackend app\n',
  );
  const refused = service.prepareRename(dynamic.document, dynamic.cursor);
  assert.ok(refused && 'error' in refused);
  assert.match(refused.error, /computed name 'be_%\[req.hdr\(host\)\]'/);
  // Other kinds are still renamed.
  assert.equal(
    service.prepareRename(dynamic.document, dynamic.document.text.indexOf('fe')) !== undefined,
    true,
  );
});

test('haproxy: named sections (userlist, cache, resolvers, peers, ring, defaults)', () => {
  const { document, ranges } = prepare(
    'haproxy',
    [
      'userlist <|admins|>',
      'cache <|c1|>',
      'resolvers <|dns|>',
      'peers <|mypeers|>',
      'ring <|logs|>',
      'defaults <|base|>',
      'frontend fe from <|base|>',
      '    log ring@<|logs|> local0',
      '    http-request auth if !{ http_auth(<|admins|>) }',
      '    http-request cache-use <|c1|>',
      'backend be from <|base|>',
      '    stick-table type ip size 1m peers <|mypeers|>',
      '    server s a:1 resolvers <|dns|>',
      '',
    ].join('\n'),
  );
  const text = document.text;
  for (const name of ['admins', 'c1', 'dns', 'mypeers', 'logs', 'base']) {
    const expected = ranges.filter(([start, end]) => text.slice(start, end) === name);
    const first = expected[0]!;
    assert.deepEqual(
      offsets(document, service.getReferences(document, first[0], true)),
      expected,
      name,
    );
  }
});

test('keepalived: scripts, instances and virtual server groups', () => {
  const { document, cursor, ranges } = prepare(
    'keepalived',
    [
      'vrrp_script <|chk_<|>haproxy|> {',
      '    script "/bin/true"',
      '}',
      'vrrp_instance <|VI_1|> {',
      '    track_script {',
      '        <|chk_haproxy|> weight 10',
      '    }',
      '}',
      'vrrp_sync_group G {',
      '    group {',
      '        <|VI_1|>',
      '    }',
      '    track_script {',
      '        <|chk_haproxy|>',
      '    }',
      '}',
      'virtual_server_group <|web|> {',
      '    10.0.0.1 80',
      '}',
      'virtual_server group <|web|> {',
      '}',
      '',
    ].join('\n'),
  );
  const [scriptDef, instanceDef, scriptUse, instanceUse, scriptUse2, vsgDef, vsgUse] = ranges;
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), [
    scriptDef,
    scriptUse,
    scriptUse2,
  ]);
  assert.deepEqual(offsets(document, service.getDefinition(document, instanceUse![0])), [
    instanceDef,
  ]);
  assert.deepEqual(offsets(document, service.getDefinition(document, vsgUse![1])), [vsgDef]);
  const renamed = service.rename(document, instanceDef![0], 'VI_WEB');
  assert.ok(renamed && 'edit' in renamed);
  assert.equal(renamed.edit.changes?.['file:///doc']?.length, 2);
});

test('definitions are also searched in the other documents given', () => {
  const a = service.parse('keepalived', 'file:///a.conf', 'vrrp_script chk {\n}\n');
  const b = service.parse(
    'keepalived',
    'file:///b.conf',
    'vrrp_instance V {\n    track_script {\n        chk\n    }\n}\n',
  );
  const found = service.getDefinition(b, b.text.indexOf('chk\n'), { documents: [a, b] });
  assert.deepEqual(
    found.map((location) => location.uri),
    ['file:///a.conf'],
  );
});

test('haproxy: an http-errors rename reaches the errorfiles options of http-error and replies', () => {
  const { document, cursor, ranges } = prepare(
    'haproxy',
    [
      'http-errors <|si<|>te|>',
      '    errorfile 503 /etc/haproxy/errors/503.http',
      'frontend fe',
      '    errorfiles <|site|>',
      '    http-error status 503 errorfiles <|site|>',
      '    http-request return status 503 errorfiles <|site|> if { path /x }',
      '    http-request deny deny_status 403 errorfiles <|site|>',
      '    http-response return errorfiles <|site|>',
      '',
    ].join('\n'),
  );
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), ranges);
  const renamed = service.rename(document, cursor, 'pages');
  assert.ok(renamed && 'edit' in renamed);
  const edits = renamed.edit.changes?.['file:///doc'] ?? [];
  assert.deepEqual(
    edits
      .map((edit): [number, number] => [
        document.lineIndex.offsetAt(edit.range.start),
        document.lineIndex.offsetAt(edit.range.end),
      ])
      .sort((a, b) => a[0] - b[0]),
    ranges,
  );
  // After the rename, validation finds every reference defined.
  let text = document.text;
  for (const [start, end] of [...ranges].reverse()) {
    text = `${text.slice(0, start)}pages${text.slice(end)}`;
  }
  const after = service.validate(service.parse('haproxy', 'file:///doc', text));
  assert.deepEqual(
    after.filter((issue) => issue.code === 'undefined-http-errors'),
    [],
  );
});

test('keepalived: a track_file block and its old vrrp_track_file spelling are definitions', () => {
  const { document, ranges } = prepare(
    'keepalived',
    [
      'track_file <|file_a|> {',
      '    file /tmp/a',
      '}',
      'vrrp_track_file <|file_b|> {',
      '    file /tmp/b',
      '}',
      'vrrp_instance VI_1 {',
      '    track_file {',
      '        <|file_a|>',
      '        <|file_b|> weight 2',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  const [defA, defB, useA, useB] = ranges;
  assert.deepEqual(offsets(document, service.getDefinition(document, useA![0])), [defA]);
  assert.deepEqual(offsets(document, service.getDefinition(document, useB![0])), [defB]);
  assert.deepEqual(offsets(document, service.getReferences(document, defA![0], true)), [
    defA,
    useA,
  ]);
});

test('haproxy: a backend rename reaches its stick table references and sample arguments', () => {
  const { document, cursor, ranges } = prepare(
    'haproxy',
    [
      'frontend fe',
      '    http-request track-sc0 src table <|be|>',
      '    http-request deny if { sc_http_req_rate(0,<|be|>) gt 10 } || { nbsrv(<|be|>) lt 1 }',
      '    http-request set-header X-Up "%[srv_is_up(<|be|>/<|s1|>)]"',
      '    default_backend <|be|>',
      'backend <|b<|>e|>',
      '    stick-table type ip size 1m',
      '    server <|s1|> 10.0.0.1:80',
      '',
    ].join('\n'),
  );
  const text = document.text;
  const backend = ranges.filter(([start, end]) => text.slice(start, end) === 'be');
  const server = ranges.filter(([start, end]) => text.slice(start, end) === 's1');
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), backend);
  assert.deepEqual(offsets(document, service.getReferences(document, server[0]![0], true)), server);
  const renamed = service.rename(document, cursor, 'web');
  assert.ok(renamed && 'edit' in renamed);
  assert.equal(renamed.edit.changes?.['file:///doc']?.length, backend.length);
});

test('haproxy: a use of an ACL of the defaults section leads to it', () => {
  const { document, cursor, ranges } = prepare(
    'haproxy',
    [
      'defaults base',
      '    mode http',
      '    acl <|is_a<|>pi|> path_beg /api',
      'frontend fe from base',
      '    http-request deny if <|is_api|>',
      'frontend other from base',
      '    acl is_api path_beg /v2',
      '    http-request deny if is_api',
      '',
    ].join('\n'),
  );
  assert.deepEqual(offsets(document, service.getReferences(document, cursor, true)), ranges);
  assert.deepEqual(offsets(document, service.getDefinition(document, ranges[1]![0])), [ranges[0]]);
});
