// files.exclude patterns through picomatch: VS Code's glob meaning, and the bounds that keep a
// pattern from a repository's .vscode/settings.json from stalling the server.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excludeMatcher } from '../../server/src/node/exclude.js';

void describe('excludeMatcher', () => {
  void it('matches the way VS Code reads files.exclude', () => {
    const matches = excludeMatcher(['**/.git', 'build', '**/*.bak', 'lb{1,3}/conf.d', './tmp/*']);
    assert.ok(matches('.git'));
    assert.ok(matches('a/b/.git'));
    assert.ok(matches('build'));
    assert.ok(!matches('a/build'));
    assert.ok(matches('a/.old.bak'));
    assert.ok(matches('lb1/conf.d'));
    assert.ok(matches('lb3/conf.d'));
    assert.ok(!matches('lb2/conf.d'));
    assert.ok(matches('tmp/haproxy.cfg'));
    assert.ok(!matches('tmp/a/haproxy.cfg'));
    assert.ok(!matches('haproxy.cfg'));
  });

  void it('matches nothing without patterns', () => {
    assert.ok(!excludeMatcher([])('anything'));
  });

  void it('refuses patterns past the bounds, quickly, and keeps the others', () => {
    const refused: string[] = [];
    const hostile = [
      `${'*a'.repeat(12)}*b`,
      '*a*b',
      '**/x/**/y/**/z/**/w',
      'x'.repeat(5000),
      `${'{a,b}'.repeat(11)}`,
    ];
    const started = performance.now();
    const matches = excludeMatcher([...hostile, 'keep'], (pattern, reason) =>
      refused.push(`${pattern.slice(0, 12)}: ${reason}`),
    );
    // Each hostile pattern is left out with its reason; the sane one still works.
    assert.deepEqual(refused, [
      "*a*a*a*a*a*a: more than 1 '*' in one name",
      "*a*b: more than 1 '*' in one name",
      "**/x/**/y/**: more than 3 '**'",
      'xxxxxxxxxxxx: longer than 4096 characters',
      '{a,b}{a,b}{a: its {…} groups expand into more than 1024 patterns',
    ]);
    assert.ok(matches('keep'));
    assert.ok(!matches(`${'a'.repeat(200)}`));
    // picomatch alone spends seconds on the first pattern against a forty-letter name.
    assert.ok(performance.now() - started < 1000);
  });

  void it('stays fast on the longest paths a scan produces with the patterns it accepts', () => {
    const matches = excludeMatcher(['**/*a/**/*a/**/b', '*a/*a/*a/*a/*a/*a/*a/*a/b']);
    const name = 'a'.repeat(255);
    const path = Array.from({ length: 33 }, () => name).join('/');
    const started = performance.now();
    for (let i = 0; i < 20; i++) assert.ok(!matches(path));
    assert.ok(performance.now() - started < 2000, `${performance.now() - started} ms`);
  });
});
