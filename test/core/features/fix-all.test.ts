import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Issue } from '../../../server/src/core/common/issue.js';
import { applyEdits, fixAll, pickSafeFixes } from '../../../server/src/core/features/fix-all.js';
import { createLanguageService, DEFAULT_SETTINGS } from '../../../server/src/core/index.js';
import { lineEdits, unifiedDiff } from '../../../server/src/core/common/line-diff.js';

const service = createLanguageService();

function finding(code: string, start: number, end: number, text: string, safe: boolean): Issue {
  return {
    code,
    severity: 'error',
    message: code,
    start,
    end,
    fixes: [{ title: `fix ${code}`, edits: [{ start, end, text }], ...(safe ? { safe } : {}) }],
  };
}

test('only safe fixes are picked, and of two touching edits the first wins', () => {
  const issues = [
    finding('b', 4, 7, 'BBB', true),
    finding('a', 0, 3, 'AAA', true),
    finding('unsafe', 8, 9, 'U', false),
    // Overlaps 'b' (4..7): dropped.
    finding('c', 6, 8, 'C', true),
    // Another file's offsets: never applied here.
    { ...finding('d', 10, 11, 'D', true), uri: 'file:///other.cfg' },
  ];
  const picked = pickSafeFixes(issues, 'file:///h.cfg');
  assert.deepEqual(
    picked.map(({ code }) => code),
    ['a', 'b'],
  );
  assert.equal(
    applyEdits(
      'aaa bbb cdefg',
      picked.flatMap(({ fix }) => fix.edits),
    ),
    'AAA BBB cdefg',
  );
});

test('fix-all passes again on the re-validated text until nothing changes', () => {
  // A toy rule: every lowercase 'x' is fixed to 'y', every 'y' (made by the first pass) to 'z'.
  // Adjacent letters touch, so each pass fixes every other one; the rest wait for the next pass.
  const validate = (text: string): Issue[] => {
    const issues: Issue[] = [];
    for (let i = 0; i < text.length; i++) {
      const letter = text[i];
      if (letter === 'x') issues.push(finding('x-to-y', i, i + 1, 'y', true));
      if (letter === 'y') issues.push(finding('y-to-z', i, i + 1, 'z', true));
    }
    return issues;
  };
  const result = fixAll('x-x', 'file:///h.cfg', validate);
  assert.equal(result.text, 'z-z');
  assert.deepEqual(result.fixed, { 'x-to-y': 2, 'y-to-z': 2 });
  assert.equal(result.passes, 2);
  // Bounded: a rule that never settles stops after maxPasses.
  let calls = 0;
  const endless = (text: string): Issue[] => {
    calls++;
    return [finding('grow', text.length, text.length, '+', true)];
  };
  const bounded = fixAll('', 'file:///h.cfg', endless, { maxPasses: 3 });
  assert.equal(bounded.text, '+++');
  assert.equal(bounded.passes, 3);
  assert.equal(calls, 3, 'the text after the last pass is not validated again');
  assert.equal(applyEdits('', bounded.edits), '+++');
});

test('codes restricts fix-all to one rule', () => {
  const validate = (text: string): Issue[] =>
    text.startsWith('ab') ? [finding('a', 0, 1, 'A', true), finding('b', 1, 2, 'B', true)] : [];
  assert.equal(fixAll('ab', 'file:///h.cfg', validate, { codes: ['b'] }).text, 'aB');
});

const OLD_TIMEOUTS = `defaults
    mode http
    contimeout 5s
    clitimeout 30s
    srvtimeout 30s

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server s1 127.0.0.1:8081 chek
    server s2 127.0.0.1:8082`;

test('haproxy: removed keywords and the final newline are fixed; typos with one candidate too', () => {
  const document = service.parse('haproxy', 'file:///h.cfg', OLD_TIMEOUTS);
  const before = service.validate(document);
  const unsafe = before.filter((issue) => issue.fixes?.length && !issue.fixes.some((f) => f.safe));
  // missing-check's "Add 'check'" changes behaviour: never applied unattended.
  assert.ok(unsafe.some((issue) => issue.code === 'missing-check'));
  const result = service.fixAll(document);
  assert.deepEqual(result.fixed, {
    'removed-keyword': 3,
    'unknown-option': 1,
    'missing-final-newline': 1,
  });
  assert.equal(
    result.text,
    OLD_TIMEOUTS.replace('contimeout', 'timeout connect')
      .replace('clitimeout', 'timeout client')
      .replace('srvtimeout', 'timeout server')
      .replace(' chek', ' check') + '\n',
  );
  assert.equal(applyEdits(OLD_TIMEOUTS, result.edits), result.text);
  const after = service.validate(service.parse('haproxy', 'file:///h.cfg', result.text));
  assert.deepEqual(
    after.filter((issue) => issue.fixes?.some((fix) => fix.safe)),
    [],
    'nothing safe is left to fix',
  );
  // The second server still lacks 'check': that is the author's decision.
  assert.ok(after.some((issue) => issue.code === 'missing-check'));
});

test('keepalived: deprecated keywords with one replacement and case-only spellings are fixed', () => {
  const text = `vrrp_instance VI_1 {
    state master
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`;
  const document = service.parse('keepalived', 'file:///k.conf', text);
  const found = service.validate(document);
  const result = service.fixAll(document);
  if (found.some((issue) => issue.code === 'invalid-argument')) {
    assert.match(result.text, /state MASTER/);
    assert.equal(result.fixed['invalid-argument'], 1);
  } else {
    assert.fail(`expected an invalid-argument finding on 'master': ${JSON.stringify(found)}`);
  }
});

test('fix-all reads the context: settings choose what is fixed', () => {
  const document = service.parse('haproxy', 'file:///h.cfg', OLD_TIMEOUTS);
  const settings = {
    ...DEFAULT_SETTINGS,
    haproxy: {
      ...DEFAULT_SETTINGS.haproxy,
      severities: { ...DEFAULT_SETTINGS.haproxy.severities, 'removed-keyword': 'off' as const },
    },
  };
  const result = service.fixAll(document, {}, { settings });
  assert.equal(result.fixed['removed-keyword'], undefined);
  assert.match(result.text, /contimeout/);
});

test('line edits and the unified diff describe the same change', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj';
  const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\n';
  assert.equal(applyEdits(before, lineEdits(before, after)), after);
  assert.equal(
    unifiedDiff('x.cfg', 'x.cfg', before, after),
    [
      '--- x.cfg',
      '+++ x.cfg',
      '@@ -1,5 +1,5 @@',
      ' a',
      '-b',
      '+B',
      ' c',
      ' d',
      ' e',
      '@@ -7,4 +7,4 @@',
      ' g',
      ' h',
      ' i',
      '-j',
      '\\ No newline at end of file',
      '+j',
      '',
    ].join('\n'),
  );
  assert.equal(unifiedDiff('x', 'x', before, before), '');
});
