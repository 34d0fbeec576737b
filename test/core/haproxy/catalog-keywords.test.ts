import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import {
  ALL_KEYWORDS,
  CRT_STORE_LOAD_OPTIONS,
  GLOBAL_KEYWORDS,
  HAPROXY_CATALOG,
  HAPROXY_VERSIONS,
  PROXY_KEYWORDS,
  SECTIONS,
  SECTION_KEYWORDS,
  editDistance,
  isAvailable,
  keywordsForSection,
  lifecycleAt,
  lookupKeyword,
  sectionsAt,
  suggestKeywords,
  valueAvailable,
} from '../../../server/src/core/haproxy/catalog/index.js';
import type { HaproxyKeywordSpec } from '../../../server/src/core/haproxy/catalog/index.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

interface MatrixRow {
  kw: string;
  deprecated: boolean;
  negatable: boolean;
  defaults_fe_listen_be: string[];
}

interface KeywordFile {
  global: Record<string, string[]>;
  global_deprecated: string[];
  proxy_matrix: MatrixRow[];
}

const COLUMNS = ['defaults', 'frontend', 'listen', 'backend'] as const;

/** Data files checked, with the version they stand for. */
const FILES: readonly { file: string; version: string }[] = [
  { file: 'haproxy-v2.6.0-keywords.json', version: '2.6' },
  { file: 'haproxy-deb-2.6.12-keywords.json', version: '2.6' },
  { file: 'haproxy-v2.8.0-keywords.json', version: '2.8' },
  { file: 'haproxy-v3.0.0-keywords.json', version: '3.0' },
  { file: 'haproxy-v3.2.0-keywords.json', version: '3.2' },
  { file: 'haproxy-v3.4.0-keywords.json', version: '3.4' },
];

/**
 * Matrix rows that are no proxy keyword at all, so the catalog must not have them: a server option
 * listed in the 3.0 proxy matrix, which 3.0.11 refuses in a backend as an unknown keyword.
 */
const DOC_ERRATA: Readonly<Record<string, readonly string[]>> = {
  'haproxy-v3.0.0-keywords.json': ['hash-key'],
};
/**
 * Rows where the catalog allows more sections than this matrix: `defaults` missing from the
 * 2.6.0 matrix (fixed in the 2.6 branch), and `unique-id-format`, which 2.6.12 already accepts
 * in backends although the matrix only says so from 3.4 on.
 */
const MATRIX_NARROWER: Readonly<Record<string, readonly string[]>> = {
  'haproxy-v2.6.0-keywords.json': [
    'http-send-name-header',
    'option spop-check',
    'unique-id-format',
  ],
  'haproxy-deb-2.6.12-keywords.json': ['unique-id-format'],
  'haproxy-v2.8.0-keywords.json': ['unique-id-format'],
  'haproxy-v3.0.0-keywords.json': ['unique-id-format'],
  'haproxy-v3.2.0-keywords.json': ['unique-id-format'],
};
/** Sections a matrix allows but the binary ignores with a warning (checked with 2.6.12). */
const IGNORED_BY_BINARY: Readonly<Record<string, readonly string[]>> = {
  'option tcplog': ['backend'],
};

/** Keywords of the non-proxy sections, from the 2.6, 3.2 and 3.4 manuals. */
const EXPECTED_SECTION_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  userlist: ['group', 'user'],
  peers: [
    'bind',
    'default-bind',
    'default-server',
    'disabled',
    'enabled',
    'log',
    'peer',
    'server',
    'shards',
    'table',
  ],
  resolvers: [
    'accepted_payload_size',
    'hold',
    'nameserver',
    'parse-resolv-conf',
    'resolution_pool_size',
    'resolve_retries',
    'timeout',
  ],
  mailers: ['mailer', 'timeout mail'],
  program: ['command', 'group', 'option start-on-reload', 'user'],
  'http-errors': ['errorfile'],
  ring: [
    'backing-file',
    'description',
    'format',
    'maxlen',
    'server',
    'size',
    'timeout connect',
    'timeout server',
  ],
  'log-forward': [
    'backlog',
    'bind',
    'dgram-bind',
    'log',
    'maxconn',
    'option assume-rfc6587-ntf',
    'option dont-parse-log',
    'option host',
    'timeout client',
  ],
  'fcgi-app': [
    'acl',
    'docroot',
    'index',
    'log-stderr',
    'option get-values',
    'option keep-conn',
    'option max-reqs',
    'option mpxs-conns',
    'pass-header',
    'path-info',
    'set-param',
  ],
  cache: ['max-age', 'max-object-size', 'max-secondary-entries', 'process-vary', 'total-max-size'],
  traces: ['trace'],
  'log-profile': ['log-tag', 'on'],
  'crt-store': ['crt-base', 'key-base', 'load'],
  acme: [
    'account-key',
    'acme-vars',
    'bits',
    'challenge',
    'challenge-ready',
    'contact',
    'curves',
    'directory',
    'dns-delay',
    'dns-timeout',
    'eab-key-id',
    'eab-mac-alg',
    'eab-mac-key',
    'keytype',
    'map',
    'profile',
    'provider-name',
    'reuse-key',
  ],
  healthcheck: [
    'http-check comment',
    'http-check connect',
    'http-check disable-on-404',
    'http-check expect',
    'http-check send',
    'http-check send-state',
    'tcp-check comment',
    'tcp-check connect',
    'tcp-check expect',
    'tcp-check send',
    'tcp-check send-binary',
    'tcp-check send-binary-lf',
    'tcp-check send-lf',
    'type',
  ],
};

const VERSION_RE = /^\d+\.\d+$/;

function findIn(list: readonly HaproxyKeywordSpec[], name: string): HaproxyKeywordSpec | undefined {
  return list.find((spec) => spec.name === name);
}

function loadFile(file: string): KeywordFile | undefined {
  if (sharedDir === undefined) return undefined;
  const path = join(sharedDir, 'data', file);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as KeywordFile;
}

void describe('HAProxy catalog: coverage of the per-version keyword lists', () => {
  for (const { file, version } of FILES) {
    void it(`${file}: every global keyword and proxy-matrix row, at ${version}`, (t) => {
      const data = loadFile(file);
      if (!data) {
        reportSharedMissing('HAProxy catalog keyword coverage');
        t.skip('../shared is not present');
        return;
      }
      const problems: string[] = [];
      const globals = Object.values(data.global).flat();
      for (const name of globals) {
        const spec = findIn(GLOBAL_KEYWORDS, name);
        if (!spec) problems.push(`global '${name}' missing`);
        else if (!isAvailable(spec, version)) {
          problems.push(`global '${name}' is ${lifecycleAt(spec, version)} at ${version}`);
        }
      }
      for (const name of data.global_deprecated) {
        const spec = findIn(GLOBAL_KEYWORDS, name);
        if (spec && lifecycleAt(spec, version) !== 'deprecated') {
          problems.push(`global '${name}' should be deprecated at ${version}`);
        }
      }
      const errata = DOC_ERRATA[file] ?? [];
      const narrower = MATRIX_NARROWER[file] ?? [];
      for (const row of data.proxy_matrix) {
        const spec = findIn(PROXY_KEYWORDS, row.kw);
        if (errata.includes(row.kw)) {
          if (spec) problems.push(`proxy '${row.kw}' is a matrix erratum, not a proxy keyword`);
          continue;
        }
        if (!spec) {
          problems.push(`proxy '${row.kw}' missing`);
          continue;
        }
        if (!isAvailable(spec, version)) {
          problems.push(`proxy '${row.kw}' is ${lifecycleAt(spec, version)} at ${version}`);
        }
        const ignored = IGNORED_BY_BINARY[row.kw] ?? [];
        const expected = COLUMNS.filter(
          (c, i) => row.defaults_fe_listen_be[i] === 'X' && !ignored.includes(c),
        );
        const actual = sectionsAt(spec, version);
        if (narrower.includes(row.kw)) {
          for (const s of expected) {
            if (!actual.includes(s)) problems.push(`proxy '${row.kw}' not allowed in ${s}`);
          }
        } else if ([...actual].sort().join(',') !== [...expected].sort().join(',')) {
          problems.push(`proxy '${row.kw}' sections ${actual.join(',')} ≠ ${expected.join(',')}`);
        }
        if (row.negatable && !spec.negatable) problems.push(`proxy '${row.kw}' not negatable`);
        if (row.deprecated && lifecycleAt(spec, version) !== 'deprecated') {
          problems.push(`proxy '${row.kw}' should be deprecated at ${version}`);
        }
      }
      const available = (list: readonly HaproxyKeywordSpec[]): number =>
        list.filter((spec) => isAvailable(spec, version)).length;
      console.log(
        `${file}: data ${globals.length} global / ${data.proxy_matrix.length} proxy rows; ` +
          `catalog at ${version}: ${available(GLOBAL_KEYWORDS)} global, ` +
          `${available(PROXY_KEYWORDS)} proxy, ${available(SECTION_KEYWORDS)} other-section keywords`,
      );
      assert.deepEqual(problems, []);
    });
  }
});

void describe('HAProxy catalog: entry quality', () => {
  void it('every entry has text, a documentation link and parseable versions', () => {
    const problems: string[] = [];
    for (const spec of [...ALL_KEYWORDS, ...SECTIONS, ...CRT_STORE_LOAD_OPTIONS]) {
      const where = `'${spec.name}'`;
      if (spec.summary.trim() === '') problems.push(`${where}: empty summary`);
      if (spec.description.trim() === '') problems.push(`${where}: empty description`);
      if (
        !/^https:\/\/docs\.haproxy\.org\/\d+\.\d+\/configuration\.html#\d+(\.\d+)*(-\S+)?$/.test(
          spec.docUrl,
        )
      ) {
        problems.push(`${where}: bad docUrl ${spec.docUrl}`);
      }
      for (const v of [spec.since, spec.deprecated?.since, spec.removed?.since]) {
        if (v !== undefined && !VERSION_RE.test(v)) problems.push(`${where}: bad version ${v}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  void it('arguments are well formed', () => {
    const problems: string[] = [];
    for (const spec of ALL_KEYWORDS) {
      spec.args.forEach((arg, i) => {
        if (arg.type === 'enum' && (arg.values ?? []).length === 0) {
          problems.push(`${spec.name}: enum without values`);
        }
        if (arg.variadic && i !== spec.args.length - 1) {
          problems.push(`${spec.name}: variadic argument is not last`);
        }
        if (arg.type === 'reference' && !arg.refers) problems.push(`${spec.name}: no refers`);
        const optionalBefore = spec.args.slice(0, i).some((a) => a.optional);
        if (optionalBefore && !arg.optional) {
          problems.push(`${spec.name}: required argument after an optional one`);
        }
      });
    }
    assert.deepEqual(problems, []);
  });

  void it('every replacement names a catalog keyword or is a phrase', () => {
    const names = new Set(ALL_KEYWORDS.map((spec) => spec.name));
    const problems: string[] = [];
    for (const spec of ALL_KEYWORDS) {
      for (const life of [spec.deprecated, spec.removed]) {
        const r = life?.replacement;
        if (r === undefined) continue;
        if (!r.includes(' ') && !names.has(r)) problems.push(`${spec.name} → ${r}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  void it('names are unique per section', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const spec of ALL_KEYWORDS) {
      for (const section of spec.sections) {
        const key = `${section}/${spec.name}`;
        if (seen.has(key)) duplicates.push(key);
        seen.add(key);
      }
    }
    assert.deepEqual(duplicates, []);
    const sectionNames = SECTIONS.map((s) => s.name);
    assert.equal(new Set(sectionNames).size, sectionNames.length);
  });

  void it('every keyword belongs to known sections', () => {
    const known = new Set(SECTIONS.map((s) => s.name));
    const bad = ALL_KEYWORDS.filter((spec) => spec.sections.some((s) => !known.has(s)));
    assert.deepEqual(
      bad.map((spec) => spec.name),
      [],
    );
  });

  void it('lists the expected keywords of the other sections', () => {
    for (const [section, expected] of Object.entries(EXPECTED_SECTION_KEYWORDS)) {
      const actual = SECTION_KEYWORDS.filter((spec) => spec.sections.includes(section))
        .map((spec) => spec.name)
        .sort();
      assert.deepEqual(actual, [...expected].sort(), section);
    }
    assert.deepEqual(CRT_STORE_LOAD_OPTIONS.map((o) => o.name).sort(), [
      'acme',
      'alias',
      'bits',
      'crt',
      'curves',
      'domains',
      'generate-dummy',
      'ips',
      'issuer',
      'jwt',
      'key',
      'keytype',
      'ocsp',
      'ocsp-update',
      'sctl',
    ]);
    const covered = new Set(Object.keys(EXPECTED_SECTION_KEYWORDS));
    for (const spec of SECTION_KEYWORDS) {
      for (const s of spec.sections) assert.ok(covered.has(s), `${spec.name} in unlisted ${s}`);
    }
  });
});

void describe('HAProxy catalog: lifecycles and lookups', () => {
  void it('knows the removals and deprecations of ground truth §1.3', () => {
    const global = (name: string): HaproxyKeywordSpec => {
      const spec = findIn(GLOBAL_KEYWORDS, name);
      assert.ok(spec, name);
      return spec;
    };
    const proxy = (name: string): HaproxyKeywordSpec => {
      const spec = findIn(PROXY_KEYWORDS, name);
      assert.ok(spec, name);
      return spec;
    };
    assert.equal(lifecycleAt(global('nbproc'), '2.6'), 'removed');
    assert.equal(global('nbproc').removed?.replacement, 'nbthread');
    assert.equal(lifecycleAt(global('debug'), '2.6'), 'removed');
    assert.equal(lifecycleAt(global('tune.chksize'), '2.6'), 'removed');
    assert.equal(lifecycleAt(global('tune.ssl.capture-cipherlist-size'), '2.6'), 'deprecated');
    assert.equal(lifecycleAt(global('tune.quic.frontend.max-idle-timeout'), '3.2'), 'ok');
    assert.equal(lifecycleAt(global('tune.quic.frontend.max-idle-timeout'), '3.4'), 'deprecated');
    assert.equal(lifecycleAt(global('tune.quic.fe.max-idle-timeout'), '3.2'), 'not-yet');
    assert.equal(lifecycleAt(global('grace'), '2.6'), 'ok');
    // unknown to the Debian 2.6.12 build (no QUIC, no 51Degrees): flagged, not removed
    assert.equal(global('tune.quic.retry-threshold').buildOption, 'quic');
    assert.equal(global('51degrees-data-file').buildOption, '51degrees');
    assert.equal(global('maxconn').buildOption, undefined);
    for (const name of [
      'reqadd',
      'rspdeny',
      'block',
      'redispatch',
      'contimeout',
      'option http-tunnel',
    ]) {
      assert.equal(lifecycleAt(proxy(name), '2.6'), 'removed', name);
    }
    for (const name of [
      'monitor-net',
      'grace',
      'option http_proxy',
      'appsession',
      'option forceclose',
    ]) {
      assert.equal(lifecycleAt(proxy(name), '2.6'), 'removed', name);
    }
    assert.equal(lifecycleAt(proxy('bind-process'), '2.6'), 'deprecated');
    assert.equal(lifecycleAt(proxy('bind-process'), '2.8'), 'removed');
    assert.equal(proxy('block').removed?.replacement, 'http-request deny');
    assert.equal(lifecycleAt(proxy('option accept-invalid-http-request'), '3.2'), 'deprecated');
    assert.equal(lifecycleAt(proxy('dispatch'), '3.4'), 'deprecated');
    const program = HAPROXY_CATALOG.section('program');
    assert.equal(program && lifecycleAt(program, '3.2'), 'deprecated');
    assert.equal(program && lifecycleAt(program, '3.4'), 'removed');
    const mode = proxy('mode').args[0];
    assert.ok(mode);
    assert.equal(valueAvailable(mode, 'spop', '3.0'), false);
    assert.equal(valueAvailable(mode, 'http', '2.6'), true);
  });

  void it('resolves the longest multi-word keyword and the `no` prefix', () => {
    const name = (section: string, line: string): string | undefined =>
      lookupKeyword(section, line.split(' '))?.spec.name;
    assert.equal(name('defaults', 'timeout connect 5s'), 'timeout connect');
    assert.equal(name('frontend', 'option httplog clf'), 'option httplog');
    assert.equal(name('listen', 'stats auth admin:secret'), 'stats auth');
    assert.equal(name('frontend', 'http-request deny if bad'), 'http-request');
    assert.equal(name('frontend', 'tcp-request content accept'), 'tcp-request content');
    assert.equal(name('backend', 'capture request header Host len 20'), undefined);
    assert.equal(name('frontend', 'capture request header Host len 20'), 'capture request header');
    assert.equal(name('global', 'stats socket /run/haproxy.sock mode 600'), 'stats socket');
    assert.equal(name('global', 'stats frobnicate'), 'stats');
    assert.equal(name('resolvers', 'timeout resolve 1s'), 'timeout');
    assert.equal(name('userlist', 'user admin password x'), 'user');
    assert.equal(name('backend', 'http-check set-var(check.x) int(1)'), 'http-check set-var');
    assert.equal(name('backend', 'persist rdp-cookie(mstshash)'), 'persist rdp-cookie');
    assert.equal(name('backend', 'http-check set-varx(check.x) int(1)'), undefined);
    const negated = lookupKeyword('defaults', ['no', 'option', 'httplog']);
    assert.equal(negated, undefined, 'option httplog is not negatable');
    const noRedispatch = lookupKeyword('defaults', ['no', 'option', 'redispatch']);
    assert.equal(noRedispatch?.spec.name, 'option redispatch');
    assert.equal(noRedispatch?.negated, true);
    assert.equal(noRedispatch?.length, 3);
    assert.equal(lookupKeyword('backend', ['no', 'log'])?.negated, true);
  });

  void it('lists keywords per section and version, and suggests close names', () => {
    const frontend26 = keywordsForSection('frontend', '2.6').map((s) => s.name);
    assert.ok(frontend26.includes('bind'));
    assert.ok(!frontend26.includes('server'));
    assert.ok(!frontend26.includes('reqadd'));
    const backend34 = keywordsForSection('backend', '3.4').map((s) => s.name);
    assert.ok(backend34.includes('option abortonclose'));
    assert.ok(!backend34.includes('option tcplog'));
    assert.ok(!keywordsForSection('frontend', '3.2').some((s) => s.name === 'option abortonclose'));
    assert.ok(keywordsForSection('frontend', '3.4').some((s) => s.name === 'option abortonclose'));
    assert.equal(editDistance('balanse', 'balance'), 1);
    assert.deepEqual(suggestKeywords('backend', ['balanse', 'roundrobin'], '3.2').slice(0, 1), [
      'balance',
    ]);
    assert.deepEqual(suggestKeywords('defaults', ['timeout', 'conect', '5s'], '3.2').slice(0, 1), [
      'timeout connect',
    ]);
    for (const v of HAPROXY_VERSIONS) {
      const counts = SECTIONS.filter((s) => !s.spoeOnly && isAvailable(s, v)).map(
        (s) => `${s.name}:${keywordsForSection(s.name, v).length}`,
      );
      console.log(`HAProxy ${v}: ${counts.join(' ')}`);
    }
  });
});
