import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SECTIONS } from '../../../server/src/core/haproxy/catalog/sections.js';
import {
  isSectionKeyword,
  parseHaproxy,
  SECTION_KINDS,
  sectionKind,
} from '../../../server/src/core/haproxy/index.js';

test('the parser knows exactly the catalog sections of haproxy.cfg', () => {
  const config = SECTIONS.filter((section) => section.spoeOnly !== true);
  assert.deepEqual(
    SECTION_KINDS.map((kind) => kind.keyword),
    config.map((section) => section.name),
  );
  for (const section of config) {
    const kind = sectionKind(section.name);
    assert.ok(kind && isSectionKeyword(section.name), section.name);
    assert.equal(kind.name, section.nameArg, section.name);
    assert.equal(kind.since, section.since, section.name);
    assert.equal(kind.removed, section.removed?.since, section.name);
  }
  assert.equal(sectionKind('program')?.removed, '3.3');
  assert.equal(sectionKind('crt-store')?.name, 'optional');
});

test('SPOE sections and other words do not open a section in haproxy.cfg', () => {
  for (const word of ['spoe-agent', 'spoe-group', 'spoe-message', 'server', 'Frontend', '']) {
    assert.equal(isSectionKeyword(word), false, word);
    assert.equal(sectionKind(word), undefined, word);
  }
  const parse = parseHaproxy('backend be\n  spoe-agent x\n  server s 10.0.0.1:80\n');
  assert.deepEqual(
    parse.ast.sections.map((section) => section.type),
    ['backend'],
  );
});
