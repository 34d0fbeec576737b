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
