import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { NODE_RULES } from '../../../../server/src/core/keepalived/rules/node-rules.js';
import { reportSharedMissing, sharedDir } from '../../../helpers/paths.js';
import { runKeepalivedRules } from './node-harness.js';

interface Label {
  readonly exit: number;
  readonly valid: boolean;
  readonly valid_but_for_environment?: boolean;
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

void describe('node rules on the keepalived corpus', () => {
  if (sharedDir === undefined) {
    void it('is skipped without ../shared', () =>
      reportSharedMissing('keepalived node rules corpus'));
    return;
  }
  const corpus = join(sharedDir, 'corpus');
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, Label>
  >;

  void it('reports no error on a file keepalived 2.2.7 accepts', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of filesUnder(join(corpus, 'keepalived'))) {
      const path = relative(corpus, file).split(/[\\/]/);
      const name = path.pop() ?? '';
      const label = labels[path.join('/')]?.[name];
      // Exit 6 is script security alone: keepalived still loads the file.
      if (
        !label ||
        !(label.valid || label.valid_but_for_environment === true || label.exit === 6)
      ) {
        continue;
      }
      checked++;
      const text = readFileSync(file, 'utf8');
      for (const issue of runKeepalivedRules(NODE_RULES, text)) {
        if (issue.severity !== 'error') continue;
        const line = text.slice(0, issue.start).split('\n').length;
        offenders.push(`${relative(corpus, file)}:${line}: ${issue.code}: ${issue.message}`);
      }
    }
    assert.ok(checked >= 10, `only ${checked} accepted files`);
    assert.deepEqual(offenders, []);
  });
});
