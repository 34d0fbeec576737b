import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvedSection } from '../../../../server/src/core/haproxy/analysis/resolve.js';
import { parseHaproxy } from '../../../../server/src/core/haproxy/index.js';

function section(text: string, index = 0) {
  const found = parseHaproxy(text).ast.sections[index];
  assert.ok(found);
  return found;
}

void describe('resolvedSection', () => {
  void it('matches the longest keyword, the no prefix and the rule-set action', () => {
    const resolved = resolvedSection(
      section(`backend be
  timeout connect 5s
  no option redispatch
  http-request set-var(txn.x) str(1) if TRUE
  bogus 1
`),
      '2.6',
    );
    const [timeout, negated, rule, bogus] = resolved.statements;
    assert.equal(timeout?.match?.spec.name, 'timeout connect');
    assert.deepEqual(
      timeout?.args.map((w) => w.value),
      ['5s'],
    );
    assert.equal(negated?.match?.negated, true);
    assert.equal(negated?.match?.spec.name, 'option redispatch');
    assert.equal(rule?.action?.name, 'set-var');
    assert.equal(rule?.action?.spec?.name, 'set-var');
    assert.equal(bogus?.placement, 'unknown');
    assert.deepEqual(bogus?.elsewhere, []);
  });

  void it('splits bind and server lines into address and options', () => {
    const resolved = resolvedSection(
      section(`listen li
  bind :443 ssl crt /etc/site.pem alpn h2
  server s1 10.0.0.1:80 check inter 2s no-ssl frob
`),
      '3.2',
    );
    const [bind, server] = resolved.statements;
    assert.equal(bind?.address?.value, ':443');
    assert.deepEqual(
      bind?.options?.map((o) => [o.word.value, o.args.map((a) => a.value)]),
      [
        ['ssl', []],
        ['crt', ['/etc/site.pem']],
        ['alpn', ['h2']],
      ],
    );
    assert.equal(server?.address?.value, '10.0.0.1:80');
    assert.deepEqual(
      server?.options?.map((o) => [o.word.value, o.spec !== undefined]),
      [
        ['check', true],
        ['inter', true],
        ['no-ssl', true],
        ['frob', false],
      ],
    );
  });

  void it('tells misplaced keywords from unknown ones and knows named defaults', () => {
    const text = `frontend fe
  balance roundrobin
  timeout conect 5s
defaults
  http-request deny
`;
    const [fe, defaults] = [section(text), section(text, 1)];
    const [balance, typo] = resolvedSection(fe, '2.6').statements;
    assert.equal(balance?.placement, 'unknown');
    assert.ok(balance?.elsewhere.some((e) => e.section === 'backend'));
    assert.deepEqual(typo?.elsewhere, []);
    assert.equal(resolvedSection(defaults, '2.6').statements[0]?.placement, 'named-defaults-only');
  });

  void it('caches per section object and version', () => {
    const fe = section('frontend fe\n  bind :80\n');
    assert.equal(resolvedSection(fe, '2.6'), resolvedSection(fe, '2.6.12'));
    assert.notEqual(resolvedSection(fe, '2.6'), resolvedSection(fe, '3.2'));
  });

  void it('leaves sections the target version does not have unresolved', () => {
    assert.equal(resolvedSection(section('healthcheck hc\n  type httpchk\n'), '2.6').known, false);
  });

  void it('reads options at any position of a line, however long', () => {
    // Positions below 32768 words are packed into one number; an option past that is kept apart.
    for (const filler of [3, 40_000]) {
      const words = Array.from({ length: filler }, () => 'weight 1').join(' ');
      const fe = section(`backend be\n  server s1 192.0.2.1:80 ${words} inter 2s check\n`);
      const server = resolvedSection(fe, '2.6').statements[0];
      const options = server?.options ?? [];
      const inter = options.find((option) => option.word.value === 'inter');
      assert.deepEqual(
        inter?.args.map((word) => word.value),
        ['2s'],
        `${filler} weights before`,
      );
      const last = options[options.length - 1];
      assert.equal(last?.word.value, 'check');
      assert.deepEqual(last?.args, []);
      assert.equal(options.length, filler + 2);
      assert.deepEqual(
        options[0]?.args.map((word) => word.value),
        ['1'],
      );
    }
  });
});
