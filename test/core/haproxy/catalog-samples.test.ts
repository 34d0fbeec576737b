import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareVersions } from '../../../server/src/core/common/catalog.js';
import { PREDEFINED_ACLS } from '../../../server/src/core/haproxy/catalog/predefined-acls.js';
import { CONVERTERS, FETCHES } from '../../../server/src/core/haproxy/catalog/samples.js';
import type { EntryBase, SampleSpec } from '../../../server/src/core/haproxy/catalog/types.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

const VERSIONS: readonly (readonly [string, string])[] = [
  ['v2.6.0', '2.6'],
  ['deb-2.6.12', '2.6.12'],
  ['v2.8.0', '2.8'],
  ['v3.0.0', '3.0'],
  ['v3.2.0', '3.2'],
  ['v3.4.0', '3.4'],
];

interface KeywordData {
  readonly converters: readonly string[];
  readonly fetches: Readonly<Record<string, readonly string[]>>;
  readonly predefined_acls: readonly string[];
}

function loadData(tag: string): KeywordData {
  const file = join(sharedDir ?? '', 'data', `haproxy-${tag}-keywords.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as KeywordData;
}

function available(entry: EntryBase, version: string): boolean {
  if (entry.since !== undefined && compareVersions(entry.since, version) > 0) return false;
  if (entry.removed !== undefined && compareVersions(entry.removed.since, version) <= 0) {
    return false;
  }
  return true;
}

const fetchByName = new Map(FETCHES.map((f) => [f.name, f]));
const converterByName = new Map(CONVERTERS.map((c) => [c.name, c]));

const LAYER_OF_SECTION: Readonly<Record<string, SampleSpec['layer']>> = {
  '7.3.2': 'internal',
  '7.3.3': 'l4',
  '7.3.4': 'l5',
  '7.3.5': 'l6',
  '7.3.6': 'l7',
  '7.3.7': 'dev',
};

test('every fetch and converter of each version is catalogued and available', (t) => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-samples');
  for (const [tag, version] of VERSIONS) {
    const data = loadData(tag);
    let fetches = 0;
    for (const names of Object.values(data.fetches)) {
      for (const name of names) {
        const entry = fetchByName.get(name);
        assert.ok(entry, `fetch ${name} (${tag}) missing`);
        assert.ok(available(entry, version), `fetch ${name} not available at ${tag}`);
        fetches++;
      }
    }
    for (const name of data.converters) {
      const entry = converterByName.get(name);
      assert.ok(entry, `converter ${name} (${tag}) missing`);
      assert.ok(available(entry, version), `converter ${name} not available at ${tag}`);
    }
    const catFetches = FETCHES.filter((f) => available(f, version)).length;
    const catConverters = CONVERTERS.filter((c) => available(c, version)).length;
    const line =
      `${tag}: data ${fetches} fetches / ${data.converters.length} converters; ` +
      `catalog ${catFetches} fetches / ${catConverters} converters available`;
    console.log(line);
    t.diagnostic(line);
  }
});

test('everything the 2.6.12 binary registers (haproxy -dKall) is catalogued', () => {
  if (sharedDir === undefined) return reportSharedMissing('catalog-samples');
  const lines = readFileSync(join(sharedDir, 'data', 'haproxy-2.6.12-dKall.txt'), 'utf8').split(
    '\n',
  );
  let section = '';
  let fetches = 0;
  let converters = 0;
  for (const line of lines) {
    if (line.startsWith('# List of registered')) section = line;
    if (line.startsWith('#') || line.trim() === '') continue;
    if (section.includes('sample converter')) {
      const name = /^([^\s(:]+)/.exec(line)?.[1] ?? '';
      const entry = converterByName.get(name);
      assert.ok(entry && available(entry, '2.6.12'), `converter ${name}`);
      converters++;
    } else if (section.includes('sample fetch')) {
      const name = /^\[[^\]]*\] ([^\s(:]+)/.exec(line)?.[1];
      if (name === undefined) continue; // e.g. the service list that follows
      const entry = fetchByName.get(name);
      assert.ok(entry && available(entry, '2.6.12'), `fetch ${name}`);
      fetches++;
    }
  }
  assert.ok(fetches > 400 && converters > 100, `${fetches} fetches, ${converters} converters`);
});

test('predefined ACLs match the data and the manual table', () => {
  const names = PREDEFINED_ACLS.map((a) => a.name);
  assert.equal(new Set(names).size, names.length);
  if (sharedDir === undefined) return reportSharedMissing('catalog-samples');
  for (const [tag, version] of VERSIONS) {
    for (const name of loadData(tag).predefined_acls) {
      const acl = PREDEFINED_ACLS.find((a) => a.name === name);
      assert.ok(acl && available(acl, version), `${name} (${tag})`);
    }
  }
  // The 7.4 table of the 3.4 manual: name, equivalent, usage.
  const manual = readFileSync(
    join(sharedDir, 'reference', 'upstream-docs', 'haproxy-3.4-configuration.txt'),
    'utf8',
  );
  const start = manual.indexOf('\n7.4. Pre-defined ACLs');
  const table = manual.slice(start, manual.indexOf('\n8. Logging', start));
  // Columns are delimited by the `+` of the dashed rule under the header.
  const tableLines = table.split('\n');
  const rule = tableLines.find((l) => /^-+\+-+\+-+/.test(l)) ?? '';
  const col1 = rule.indexOf('+');
  const col2 = rule.indexOf('+', col1 + 1);
  const rows = tableLines
    .filter((l) => /^[A-Z][A-Z0-9_.]+ /.test(l) && !l.startsWith('ACL name'))
    .map((l) => [l, l.slice(0, col1).trim(), l.slice(col1, col2).trim()] as const);
  assert.equal(rows.length, PREDEFINED_ACLS.length);
  for (const row of rows) {
    const acl = PREDEFINED_ACLS.find((a) => a.name === row[1]);
    assert.ok(acl, row[1]);
    assert.equal(acl.equivalent, (row[2] ?? '').replace(/\s+/g, ' '), row[1]);
  }
  console.log(
    `predefined ACLs: ${PREDEFINED_ACLS.length} (data lists ${names.length - 4} undotted)`,
  );
});

test('sample entries are well-formed', () => {
  for (const [kind, list] of [
    ['fetch', FETCHES],
    ['converter', CONVERTERS],
  ] as const) {
    assert.equal(new Set(list.map((s) => s.name)).size, list.length, `${kind} names unique`);
    for (const s of list) {
      assert.equal(s.kind, kind, s.name);
      assert.ok(s.summary.length > 5 && s.summary !== s.name, `${s.name}: summary`);
      assert.ok(s.description.startsWith(s.summary), `${s.name}: description`);
      assert.ok(s.minArgs >= 0 && s.minArgs <= s.maxArgs, `${s.name}: arg counts`);
      assert.equal(s.signature === '', s.maxArgs === 0, `${s.name}: signature vs maxArgs`);
      const m =
        /^https:\/\/docs\.haproxy\.org\/(\d\.\d)\/configuration\.html#(7\.3\.\d)-(\S+)$/.exec(
          s.docUrl,
        );
      assert.ok(m, `${s.name}: docUrl ${s.docUrl}`);
      if (kind === 'converter') {
        assert.equal(m[2], '7.3.1', s.name);
        assert.ok(s.input, `${s.name}: input type`);
      } else {
        assert.equal(LAYER_OF_SECTION[m[2] ?? ''], s.layer, `${s.name}: layer vs section`);
      }
    }
  }
  console.log(`catalog: ${FETCHES.length} fetches, ${CONVERTERS.length} converters`);
});

test('known facts: signatures, types and deprecated aliases', () => {
  const hdr = fetchByName.get('req.hdr');
  assert.equal(hdr?.signature, '([<name>[,<occ>]])');
  assert.equal(hdr?.minArgs, 0);
  assert.equal(hdr?.maxArgs, 2);
  assert.equal(hdr?.output, 'string');
  assert.equal(hdr?.layer, 'l7');
  assert.equal(fetchByName.get('src')?.output, 'ip');
  assert.equal(fetchByName.get('var')?.minArgs, 1);
  assert.equal(converterByName.get('lower')?.input, 'string');
  assert.equal(converterByName.get('map_beg_int')?.output, 'integer');
  assert.equal(converterByName.get('add')?.minArgs, 1);
  const deprecated = FETCHES.filter((f) => f.deprecated !== undefined && f.name !== 'nbproc');
  assert.equal(deprecated.length, 27);
  for (const f of deprecated) {
    const first = f.deprecated?.replacement?.split(' / ')[0] ?? '';
    assert.ok(fetchByName.has(first), `${f.name} → ${first}`);
  }
  assert.equal(fetchByName.get('hdr_cnt')?.deprecated?.replacement, 'req.hdr_cnt');
  assert.equal(fetchByName.get('shdr')?.deprecated?.replacement, 'res.hdr');
});
