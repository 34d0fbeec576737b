import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  alternation,
  fillSkeleton,
  generateGrammars,
  haproxyPlaceholders,
  keepalivedPlaceholders,
} from '../../scripts/generate-grammars.js';
import { projectRoot } from '../helpers/paths.js';

void describe('grammar generator', () => {
  void it('sorts alternations longest first, escapes names and accepts any blank run', () => {
    assert.equal(alternation(['ab', 'a.b+c', 'abc', 'ab']), 'a\\.b\\+c|abc|ab');
    assert.equal(
      alternation(['timeout client', 'timeout client-fin']),
      'timeout\\s+client-fin|timeout\\s+client',
    );
    const source = alternation(['a', 'a.b', 'x(y)']);
    assert.ok(new RegExp(`^(?:${source})$`).test('x(y)'));
    assert.ok(!new RegExp(`^(?:${source})$`).test('axb'));
    assert.throws(() => alternation([]));
  });

  void it('fills placeholders and refuses unknown or unused ones', () => {
    assert.deepEqual(fillSkeleton({ a: ['^({{x}})$'] }, { x: ['b', 'cc'] }), { a: ['^(cc|b)$'] });
    assert.throws(() => fillSkeleton({ a: '{{y}}' }, {}), /no value/);
    assert.throws(() => fillSkeleton({ a: 'z' }, { x: ['b'] }), /never used/);
  });

  void it('takes the names from the catalogs', () => {
    const h = haproxyPlaceholders();
    assert.ok(h.sections?.includes('frontend') && !h.sections.includes('spoe-agent'));
    assert.ok(h['option-names']?.includes('httpchk'));
    assert.ok(h['timeout-names']?.includes('http-keep-alive'));
    assert.ok(h['multi-word-keywords']?.includes('stats uri'));
    assert.ok(h['server-options']?.includes('check') && h['server-options'].includes('no-check'));
    assert.ok(h['bind-options']?.includes('alpn'));
    assert.ok(h.fetches?.includes('req.hdr') && h.converters?.includes('lower'));
    assert.ok(h.actions?.includes('set-var'));
    const k = keepalivedPlaceholders();
    assert.ok(k['block-keywords']?.includes('vrrp_instance'));
    assert.ok(k['block-keywords']?.includes('virtual_ipaddress'));
    assert.ok(k.keywords?.includes('virtual_router_id') && !k.keywords.includes('vrrp_instance'));
    assert.ok(k['include-keywords']?.includes('include'));
  });

  void it('produces exactly the committed grammars (run `npx tsx scripts/generate-grammars.ts` when this fails)', () => {
    const generated = generateGrammars(projectRoot);
    assert.equal(generated.size, 2);
    for (const [output, text] of generated) {
      const committed = readFileSync(join(projectRoot, output), 'utf8');
      assert.ok(committed === text, `${output} is stale: regenerate it`);
    }
  });
});
