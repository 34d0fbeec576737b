/**
 * Inputs that used to cost the square (or worse) of their size: long runs in values, long
 * unknown words and many copies of one block. Costs are asserted through the work counter or by
 * the result; the time-outs are only a safety net.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RELATED } from '../../../server/src/core/common/duplicates.js';
import { resetWork, workDone } from '../../../server/src/core/common/work.js';
import { beforeFirst, trimEndWhile } from '../../../server/src/core/common/text-scan.js';
import { createLanguageService, type LanguageId } from '../../../server/src/core/index.js';

const service = createLanguageService();

const codesOf = (language: 'haproxy' | 'keepalived', text: string): string[] =>
  service
    .validate(service.parse(language, language === 'haproxy' ? 'h.cfg' : 'k.conf', text))
    .map((issue) => issue.code);

test(
  'advert_int with 80,000 zeros before the last digit (reproduction 13)',
  { timeout: 60_000 },
  () => {
    const text =
      'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n' +
      `  priority 100\n  version 3\n  advert_int 1.${'0'.repeat(80_000)}1\n}\n`;
    assert.ok(codesOf('keepalived', text).includes('advert-int-v3'));
    // The helpers that replaced `/0+$/` and `/x.*$/` scan once.
    assert.equal(
      trimEndWhile(`1${'0'.repeat(1_000_000)}`, (code) => code === 48),
      '1',
    );
    assert.equal(
      trimEndWhile(`${'0'.repeat(1_000_000)}1`, (code) => code === 48).length,
      1_000_001,
    );
    assert.equal(beforeFirst(`a${'-'.repeat(1_000_000)}\u2028`, '--'), 'a');
    assert.equal(beforeFirst('no marker', '('), 'no marker');
  },
);

test('long unknown fetch names and a 1 MB word (reproduction 14)', { timeout: 60_000 }, () => {
  /** Codes of a validation, with the work counter counting the validation only. */
  const validated = (language: 'haproxy' | 'keepalived', text: string): string[] => {
    const document = service.parse(language, 'x', text);
    resetWork();
    return service.validate(document).map((issue) => issue.code);
  };
  let fetches = 'frontend fe\n  bind :80\n';
  while (fetches.length < 40_000) {
    fetches += `  http-request deny if { ${'q'.repeat(200)}x -m found }\n`;
  }
  assert.ok(validated('haproxy', fetches).includes('unknown-sample-fetch'));
  // Words over 64 characters get no suggestion, so no edit distance is computed at all.
  assert.equal(workDone(), 0);
  assert.ok(validated('haproxy', `global\n${'{'.repeat(1_000_000)}\n`).length >= 1);
  assert.equal(workDone(), 0);
  validated('keepalived', `${'x'.repeat(1_000_000)}\n`);
  assert.equal(workDone(), 0);
});

test(
  'HAProxy time values with long digit runs are checked in linear time',
  { timeout: 60_000 },
  () => {
    // `(\d+unit?)+` backtracked exponentially: 28 digits and a letter took seconds, 40 forever.
    const digits = '1'.repeat(100_000);
    const invalid = (text: string): number =>
      codesOf('haproxy', text).filter((code) => code === 'invalid-argument').length;
    assert.equal(invalid(`defaults\n  timeout client ${digits}x\n`), 1);
    assert.equal(invalid(`backend b\n  stick-table type ip size 1k expire ${digits}x\n`), 1);
    assert.equal(invalid('defaults\n  timeout client 1m30s\n'), 0);
    assert.equal(invalid('defaults\n  timeout client 10ms5\n'), 0);
    assert.equal(invalid('defaults\n  timeout client 10sm\n'), 1);
  },
);

const instance = (name: string): string =>
  `vrrp_instance ${name} {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n` +
  `  priority 100\n  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n`;

/** Findings of the three duplicate rules, and the comparisons they made. */
function duplicates(text: string): { codes: string[]; work: number; related: number[] } {
  const document = service.parse('keepalived', 'k.conf', text);
  resetWork();
  const issues = service.validate(document).filter((issue) => issue.code.startsWith('duplicate-'));
  return {
    codes: issues.map((issue) => issue.code),
    work: workDone(),
    related: issues.map((issue) => issue.related?.length ?? 0),
  };
}

test('ten thousand identical instances (reproduction 15)', { timeout: 120_000 }, () => {
  const small = duplicates(instance('VI_1').repeat(2_500));
  const large = duplicates(instance('VI_1').repeat(10_000));
  // One group, reported once, its related locations capped.
  assert.deepEqual(large.codes, ['duplicate-instance']);
  assert.deepEqual(large.related, [MAX_RELATED + 1]);
  // Four times the copies, about four times the comparisons (quadratic would be sixteen).
  assert.ok(large.work <= small.work * 4.5, `${small.work} then ${large.work}`);
  const names = (count: number): string =>
    Array.from({ length: count }, (_, i) => instance(`VI_${i}`)).join('');
  const distinct = duplicates(names(10_000));
  assert.deepEqual(distinct.codes.sort(), ['duplicate-vip', 'duplicate-vrid']);
  assert.ok(distinct.work <= duplicates(names(2_500)).work * 4.5);
});

test('three definitions of one name give one finding naming all three', () => {
  const document = service.parse(
    'keepalived',
    'k.conf',
    instance('VI_1') + instance('VI_2') + instance('VI_1') + instance('VI_1'),
  );
  const found = service.validate(document).filter((issue) => issue.code === 'duplicate-instance');
  assert.equal(found.length, 1);
  assert.match(found[0]?.message ?? '', /already defined\. It is defined 1 more time after this\./);
  assert.deepEqual(
    found[0]?.related?.map((related) => related.message),
    ['first defined here', 'defined again here'],
  );
  const vrid = service.validate(document).filter((issue) => issue.code === 'duplicate-vrid');
  // VI_2 clashes with the first VI_1, the later VI_1 blocks with VI_2: one finding per pair kind.
  assert.deepEqual(
    vrid.map((issue) => issue.message.split(' both')[0]),
    ['VI_2 and VI_1', 'VI_1 and VI_2'],
  );
  assert.match(vrid[1]?.message ?? '', /So does VI_1\.$/);
});

test('HAProxy duplicate checks are linear in the number of copies', { timeout: 120_000 }, () => {
  const lines = [
    ['frontend fe\n  bind :80\n', 'duplicate-proxy'],
    ['backend be\n', '  server s 192.0.2.1:80 id 1\n'],
    ['frontend fe\n', '  bind :80 id 1\n'],
    ['frontend fe\n', '  acl a path /x\n'],
  ] as const;
  for (const [head, line] of lines) {
    const cost = (count: number): number => {
      const text = line === 'duplicate-proxy' ? head.repeat(count) : head + line.repeat(count);
      const document = service.parse('haproxy', 'h.cfg', text);
      resetWork();
      service.validate(document);
      return workDone();
    };
    const small = cost(2_000);
    const large = cost(8_000);
    assert.ok(small > 0 && large <= small * 4.5, `${JSON.stringify(line)}: ${small} then ${large}`);
  }
});

test('a document over the size limit is kept as text, not analysed, and says why', () => {
  const small = createLanguageService({ maxDocumentLength: 1_000 });
  const big = `global\n${'    maxconn 10\n'.repeat(100)}`;
  assert.ok(big.length > 1_000);
  const document = small.parse('haproxy', 'h.cfg', big);
  assert.equal(document.text, big);
  assert.deepEqual(
    small.validate(document).map((issue) => issue.code),
    ['analysis-limit'],
  );
  assert.match(small.validate(document)[0]?.message ?? '', /over the 0\.0 MiB halint analyses/);
  assert.deepEqual(small.format(document), []);
  assert.deepEqual(small.getDocumentSymbols(document), []);
  // An edit that brings it under the limit analyses it again; one that grows it does not.
  const cut = small.update(document, [{ start: 200, end: big.length, text: '' }], 2);
  assert.equal(cut.text, big.slice(0, 200));
  assert.deepEqual(cut.parse, small.parse('haproxy', 'h.cfg', cut.text).parse);
  assert.ok(!cut.syntaxIssues.some((issue) => issue.code === 'analysis-limit'));
  const grown = small.update(cut, [{ start: 0, end: 0, text: '#'.repeat(2_000) }], 3);
  assert.deepEqual(
    grown.syntaxIssues.map((issue) => issue.code),
    ['analysis-limit'],
  );
});

test('both lexers search a long line once, not once per word', { timeout: 60_000 }, () => {
  const lines: [LanguageId, string][] = [
    ['haproxy', `global\n${'{'.repeat(1_000_000)}\n`],
    ['haproxy', `frontend fe\n  http-request set-var(txn.x) str(${'{%'.repeat(200_000)}\n`],
    ['keepalived', `vrrp_instance VI_1 {\n  virtual_ipaddress {\n    ${"'".repeat(400_000)}\n`],
    ['keepalived', `vrrp_instance VI_1 {\n  virtual_ipaddress {\n    ${'"${'.repeat(200_000)}\n`],
  ];
  for (const [language, text] of lines) {
    resetWork();
    service.parse(language, 'x', text);
    // A search per word read the rest of the line each time: the square of its length.
    assert.ok(workDone() <= 2 * text.length, `${language} ${text.slice(-20)}: ${workDone()}`);
  }
});
