import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULE_CODES } from '../../server/src/core/index.js';
import { projectRoot } from '../helpers/paths.js';

const pages = join(projectRoot, 'docs/rules');

test('every rule code has a documentation page', () => {
  assert.ok(RULE_CODES.size > 0);
  const missing = [...RULE_CODES.keys()].filter((code) => !existsSync(join(pages, `${code}.md`)));
  assert.deepEqual(missing, []);
});

test('every documentation page belongs to a rule, names it and says which languages use it', () => {
  for (const page of readdirSync(pages)) {
    if (page === 'README.md') continue;
    const code = page.replace(/\.md$/, '');
    const languages = RULE_CODES.get(code);
    assert.ok(languages, `docs/rules/${page} documents no rule`);
    const text = readFileSync(join(pages, page), 'utf8');
    assert.match(text, new RegExp(`^# ${code}\\n`));
    for (const language of languages) {
      assert.match(text, new RegExp(language, 'i'), `${page} does not mention ${language}`);
    }
  }
});

test('the index lists every rule', () => {
  const index = readFileSync(join(pages, 'README.md'), 'utf8');
  for (const code of RULE_CODES.keys()) assert.ok(index.includes(`(${code}.md)`), code);
});
