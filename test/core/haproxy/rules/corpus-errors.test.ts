import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { frontendWithoutBind } from '../../../../server/src/core/haproxy/rules/frontend-without-bind.js';
import { missingTimeouts } from '../../../../server/src/core/haproxy/rules/missing-timeouts.js';
import { SYMBOL_RULES } from '../../../../server/src/core/haproxy/rules/symbol-rules.js';
import { reportSharedMissing, sharedDir } from '../../../helpers/paths.js';
import { runRule } from './harness.js';

interface Label {
  readonly valid: boolean;
  readonly warnings?: readonly { readonly message: string }[];
}

function filesUnder(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) result.push(...filesUnder(path));
    else result.push(path);
  }
  return result.sort();
}

void describe('symbol-table rules on the HAProxy corpus', () => {
  if (sharedDir === undefined) {
    void it('is skipped without ../shared', () => reportSharedMissing('symbol rules corpus'));
    return;
  }
  const corpus = join(sharedDir, 'corpus');
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, Label>
  >;

  void it('reports no error on a file HAProxy 2.6 accepts', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of filesUnder(join(corpus, 'haproxy'))) {
      const path = relative(corpus, file).split(/[\\/]/);
      const name = path.pop() ?? '';
      if (labels[path.join('/')]?.[name]?.valid !== true) continue;
      checked++;
      const text = readFileSync(file, 'utf8');
      for (const rule of SYMBOL_RULES) {
        for (const issue of runRule(rule, text, '2.6')) {
          if (issue.severity !== 'error') continue;
          const line = text.slice(0, issue.start).split('\n').length;
          offenders.push(`${relative(corpus, file)}:${line}: ${issue.code}: ${issue.message}`);
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} valid files`);
    assert.deepEqual(offenders, []);
  });

  void it('warns about the same proxies as HAProxy for missing timeouts and missing binds', () => {
    const pairs = [
      { rule: missingTimeouts, pattern: /missing timeouts for \w+ '([^']+)'/ },
      { rule: frontendWithoutBind, pattern: /'([^']+)' has no 'bind' directive/ },
    ];
    let compared = 0;
    for (const file of filesUnder(join(corpus, 'haproxy'))) {
      const path = relative(corpus, file).split(/[\\/]/);
      const name = path.pop() ?? '';
      const label = labels[path.join('/')]?.[name];
      if (label?.valid !== true) continue;
      const text = readFileSync(file, 'utf8');
      for (const { rule, pattern } of pairs) {
        const theirs: string[] = (label.warnings ?? []).flatMap(
          (w) => pattern.exec(w.message)?.[1] ?? [],
        );
        const ours = runRule(rule, text).map((issue) => text.slice(issue.start, issue.end));
        compared += theirs.length;
        assert.deepEqual(ours.sort(), theirs.sort(), `${rule.code} in ${relative(corpus, file)}`);
      }
    }
    assert.ok(compared > 10, `only ${compared} HAProxy warnings to compare`);
  });
});
