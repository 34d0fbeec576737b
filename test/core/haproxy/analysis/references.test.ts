import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haproxyReferences } from '../../../../server/src/core/haproxy/analysis/references.js';
import { parseHaproxy } from '../../../../server/src/core/haproxy/index.js';
import { keepalivedReferences } from '../../../../server/src/core/keepalived/analysis/references.js';
import { parseKeepalived } from '../../../../server/src/core/keepalived/index.js';
import { mark } from '../../../helpers/markers.js';

/** The reference table of a marked config at a target version, with the marked ranges. */
function sitesOf(input: string, version: string) {
  const { text, ranges } = mark(input);
  const table = haproxyReferences(parseHaproxy(text).ast, version);
  return { text, ranges, table };
}

test('a site in a dead .if branch is kept and flagged, and validation does not resolve to it', () => {
  const input = [
    '.if version_atleast(3.0)',
    'backend <|app|>',
    '    server s1 10.0.0.1:80',
    '.endif',
    'frontend fe',
    '    default_backend <|app|>',
    '',
  ].join('\n');
  for (const [version, dead] of [
    ['2.6', true],
    ['3.2', false],
  ] as const) {
    const { table, ranges } = sitesOf(input, version);
    const backends = table.sites.filter((site) => site.kind === 'backend');
    assert.deepEqual(
      backends.map((site) => [site.start, site.end, site.definition, site.dead]),
      [
        [ranges[0]!.start, ranges[0]!.end, true, dead],
        [ranges[1]!.start, ranges[1]!.end, false, false],
      ],
      version,
    );
    const use = backends[1]!;
    assert.equal(table.resolve(use).length, dead ? 0 : 1, version);
    // Navigation groups them whatever the version: a rename must reach the dead branch too.
    assert.equal(backends[0]!.key, use.key);
  }
});

test('an ACL resolves to the lines above its use, else from 2.7 to the defaults section', () => {
  const { table } = sitesOf(
    [
      'defaults base',
      '    acl inherited path /a',
      'frontend fe from base',
      '    http-request deny if early inherited',
      '    acl early path /b',
      '    http-request deny if early',
      '',
    ].join('\n'),
    '2.6',
  );
  const uses = table.references('acl');
  assert.deepEqual(
    uses.map((site) => [site.name, table.resolve(site).length]),
    [
      ['early', 0],
      ['inherited', 0],
      ['early', 1],
    ],
  );
  const later = haproxyReferences(table.symbols.config, '3.2');
  assert.deepEqual(
    later.references('acl').map((site) => [site.name, later.resolve(site).length]),
    [
      ['early', 0],
      ['inherited', 1],
      ['early', 1],
    ],
  );
  // The inherited use is keyed to the defaults' ACL, the early one to the frontend's.
  const [early, inherited] = later.references('acl');
  assert.equal(inherited!.key, later.definitions('acl', 'inherited')[0]!.key);
  assert.equal(early!.key, later.definitions('acl', 'early')[0]!.key);
});

test('stick tables resolve to the proxy holding them, or to a peers table', () => {
  const { table } = sitesOf(
    [
      'peers mesh',
      '    table shared type ip size 1m',
      'backend counters',
      '    stick-table type ip size 1m',
      'frontend fe',
      '    http-request track-sc0 src table counters',
      '    http-request track-sc1 src table mesh/shared',
      '    http-request track-sc2 src table fe',
      '',
    ].join('\n'),
    '3.2',
  );
  const tables = table.references('table');
  assert.deepEqual(
    tables.map((site) => [site.name, table.resolve(site).map((d) => `${d.kind} ${d.name}`)]),
    [
      ['counters', ['backend counters']],
      ['shared', ['table shared']],
      ['fe', []],
    ],
  );
  // `mesh/shared` also names the peers section.
  assert.deepEqual(
    table.references('peers').map((site) => [site.name, table.resolve(site).length]),
    [['mesh', 1]],
  );
});

test('keepalived: track_file and vrrp_track_file both define a track file', () => {
  const text = [
    'track_file a {',
    '    file /tmp/a',
    '}',
    'vrrp_track_file b {',
    '    file /tmp/b',
    '}',
    'vrrp_instance VI_1 {',
    '    track_file {',
    '        a',
    '        b weight 2',
    '    }',
    '}',
    'virtual_server group web {',
    '}',
    '',
  ].join('\n');
  const table = keepalivedReferences(parseKeepalived(text).ast.items);
  assert.deepEqual(
    table.definitions('track_file').map((site) => site.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    table.references('track_file').map((site) => [site.name, table.resolve(site).length]),
    [
      ['a', 1],
      ['b', 1],
    ],
  );
  assert.deepEqual(
    table.references('virtual_server_group').map((site) => site.name),
    ['web'],
  );
});

test('a section of many sites answers the same lookups as a small one', () => {
  // Sections with more than a few dozen sites index them in maps; smaller ones read their list.
  // Both must give the same answers: a proxy of 3 ACLs and one of 60, each used once.
  for (const count of [3, 60]) {
    const lines = ['frontend fe', '    bind :80'];
    for (let i = 0; i < count; i++) lines.push(`    acl a${i} path_beg /p${i}`);
    for (let i = 0; i < count; i++) lines.push(`    use_backend be if a${i}`);
    lines.push('backend be', '    server s1 192.0.2.1:80', '');
    const config = parseHaproxy(lines.join('\n')).ast;
    const table = haproxyReferences(config, '2.6');
    const frontend = config.sections[0]!;
    const last = `a${count - 1}`;
    assert.deepEqual(
      table.definitionsIn(frontend, 'acl').map((site) => site.name),
      Array.from({ length: count }, (_, i) => `a${i}`),
      `${count} ACLs`,
    );
    assert.deepEqual(
      table.definitionsIn(frontend, 'acl', last).map((site) => site.name),
      [last],
    );
    assert.deepEqual(table.definitionsIn(frontend, 'server'), []);
    assert.equal(table.references('acl').length, count);
    assert.equal(table.references('backend').length, count);
    assert.deepEqual(
      table
        .definitions('acl')
        .map((site) => site.name)
        .slice(-1),
      [last],
    );
    // The use of the last ACL: its word holds one site, which resolves to the definition.
    const use = frontend.items[frontend.items.length - 1]!;
    assert.equal(use.kind, 'statement');
    const word = use.kind === 'statement' ? use.condition?.words[0] : undefined;
    assert.ok(word);
    const sites = table.sitesIn(word);
    assert.deepEqual(
      sites.map((site) => [site.kind, site.name, site.definition]),
      [['acl', last, false]],
    );
    assert.deepEqual(
      table.resolve(sites[0]!).map((site) => site.start),
      table.definitionsIn(frontend, 'acl', last).map((site) => site.start),
    );
    // Sites of the server section are found by kind, and keys group uses with definitions.
    assert.deepEqual(
      table.definitionsIn(config.sections[1]!, 'server').map((s) => s.name),
      ['s1'],
    );
    assert.equal(sites[0]!.key, table.definitionsIn(frontend, 'acl', last)[0]!.key);
  }
});
