import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareVersions } from '../../../server/src/core/common/catalog.js';
import { BIND_OPTIONS } from '../../../server/src/core/haproxy/catalog/bind-options.js';
import { SERVER_OPTIONS } from '../../../server/src/core/haproxy/catalog/server-options.js';
import {
  sharedOptions,
  TLS_VERSIONS,
} from '../../../server/src/core/haproxy/catalog/shared-options.js';
import type { OptionSpec } from '../../../server/src/core/haproxy/catalog/types.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

const bind = new Map(BIND_OPTIONS.map((o) => [o.name, o]));
const server = new Map(SERVER_OPTIONS.map((o) => [o.name, o]));

function option(table: ReadonlyMap<string, OptionSpec>, name: string): OptionSpec {
  const found = table.get(name);
  assert.ok(found, name);
  return found;
}

test('shared options are in both tables, once, and nowhere else on either side', () => {
  const bindShared = sharedOptions('bind');
  const serverShared = sharedOptions('server');
  assert.deepEqual(
    bindShared.map((o) => o.name),
    serverShared.map((o) => o.name),
  );
  for (const entry of bindShared) assert.equal(option(bind, entry.name).docUrl, entry.docUrl);
  for (const entry of serverShared) assert.equal(option(server, entry.name).docUrl, entry.docUrl);
  // An option of both sides written again in a side table would appear twice.
  assert.equal(new Set(BIND_OPTIONS.map((o) => o.name)).size, BIND_OPTIONS.length);
  assert.equal(new Set(SERVER_OPTIONS.map((o) => o.name)).size, SERVER_OPTIONS.length);
  const onlyBind = BIND_OPTIONS.filter((o) => !server.has(o.name)).map((o) => o.name);
  const onlyServer = SERVER_OPTIONS.filter((o) => !bind.has(o.name)).map((o) => o.name);
  assert.equal(onlyBind.length + bindShared.length, BIND_OPTIONS.length);
  assert.equal(onlyServer.length + serverShared.length, SERVER_OPTIONS.length);
});

test('each side links its own manual section', () => {
  for (const o of BIND_OPTIONS) assert.match(o.docUrl, /#5\.1-/, o.name);
  for (const o of SERVER_OPTIONS) assert.match(o.docUrl, /#5\.2-/, o.name);
  assert.match(option(server, 'quic-cc-algo').docUrl, /\/3\.4\//);
  assert.match(option(bind, 'quic-cc-algo').docUrl, /\/3\.2\//);
});

test('one list of TLS versions names the version range and the no-/force- flags', () => {
  const flags = TLS_VERSIONS.map((v) => v.toLowerCase().replace('.', ''));
  assert.deepEqual(flags, ['sslv3', 'tlsv10', 'tlsv11', 'tlsv12', 'tlsv13']);
  for (const table of [bind, server]) {
    for (const flag of flags) {
      assert.equal(option(table, `no-${flag}`).ssl, true, flag);
      assert.equal(option(table, `force-${flag}`).ssl, true, flag);
    }
    for (const name of ['ssl-min-ver', 'ssl-max-ver']) {
      const arg = option(table, name).args[0];
      assert.deepEqual(arg?.values, TLS_VERSIONS);
      assert.deepEqual(arg?.check, { kind: 'enum', values: TLS_VERSIONS });
    }
  }
  assert.equal(option(bind, 'no-tlsv12').summary, 'Refuse TLS 1.2 on this listener');
  assert.equal(option(server, 'force-sslv3').summary, 'Use only SSLv3 towards the server');
});

// Each difference below was checked with haproxy -c 2.6.12 (and 3.0.11 where the option is newer).
test('the facts that differ per side', () => {
  // "unknown verify method 'optional', only 'none' and 'required' are supported" on servers.
  assert.deepEqual(option(bind, 'verify').args[0]?.values, ['none', 'optional', 'required']);
  assert.deepEqual(option(server, 'verify').args[0]?.values, ['none', 'required']);
  assert.deepEqual(option(server, 'verify').args[0]?.check, {
    kind: 'enum',
    values: ['none', 'required'],
  });
  // bind: "'id' : expects an integer argument, found '7a'"; server: `id 7a` is id 7.
  assert.deepEqual(option(bind, 'id').args[0]?.check, { kind: 'integer', min: 1 });
  assert.deepEqual(option(server, 'id').args[0]?.check, { kind: 'atol', min: 1 });
  assert.equal(option(server, 'id').defaultServer, false);
  assert.equal(option(server, 'ssl').defaultServer, true);
  assert.equal(option(bind, 'id').defaultServer, undefined);
  // bind: "'maxconn' : invalid value -5, must be >= 0"; a server takes `maxconn -5` or none.
  assert.deepEqual(option(bind, 'maxconn').args[0]?.check, { kind: 'atol', min: 0 });
  assert.equal(option(server, 'maxconn').args[0]?.check, undefined);
  // Only servers have no-ssl and no-tfo.
  assert.equal(option(server, 'ssl').negatable, true);
  assert.equal(option(server, 'tfo').negatable, true);
  assert.equal(option(bind, 'ssl').negatable, undefined);
  assert.equal(option(bind, 'tfo').negatable, undefined);
  assert.ok(!bind.has('no-ssl') && !bind.has('no-tfo'));
  // Shared facts stay identical.
  for (const name of [
    'alpn',
    'crt',
    'ca-file',
    'ciphers',
    'curves',
    'sigalgs',
    'tcp-ut',
    'proto',
  ]) {
    assert.deepEqual(option(bind, name).args, option(server, name).args, name);
    assert.equal(option(bind, name).ssl, option(server, name).ssl, name);
  }
});

interface KeywordData {
  readonly bind_options: readonly string[];
  readonly server_options: readonly string[];
}

/** The first version whose keyword list names the option on that side. */
const DATA_VERSIONS: readonly (readonly [string, string])[] = [
  ['v2.6.0', '2.6'],
  ['deb-2.6.12', '2.6'],
  ['v2.8.0', '2.8'],
  ['v3.0.0', '3.0'],
  ['v3.2.0', '3.2'],
  ['v3.4.0', '3.4'],
];

test('per-side versions of shared options follow the keyword lists of each version', () => {
  if (sharedDir === undefined) return reportSharedMissing('shared-options');
  const dir = sharedDir;
  const lists = DATA_VERSIONS.map(([tag, version]) => {
    const data = JSON.parse(
      readFileSync(join(dir, 'data', `haproxy-${tag}-keywords.json`), 'utf8'),
    ) as KeywordData;
    return { version, data };
  });
  const firstListed = (name: string, side: keyof KeywordData): string | undefined =>
    lists.find(({ data }) => data[side].includes(name))?.version;
  for (const [side, table, key] of [
    ['bind', bind, 'bind_options'],
    ['server', server, 'server_options'],
  ] as const) {
    for (const shared of sharedOptions(side)) {
      const entry = option(table, shared.name);
      const first = firstListed(shared.name, key);
      assert.ok(first, `${side} ${shared.name}: in no keyword list`);
      const since = entry.since ?? '2.6';
      // Options older than 2.6 carry no version; newer ones the first list that has them.
      assert.equal(
        compareVersions(since, '2.6') <= 0 ? '2.6' : since,
        first,
        `${side} ${shared.name}`,
      );
    }
  }
});
