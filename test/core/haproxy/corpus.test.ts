import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseHaproxy, reparseHaproxy } from '../../../server/src/core/haproxy/index.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

interface Alert {
  readonly line: number;
  readonly message: string;
}

interface Label {
  readonly valid: boolean;
  readonly alerts?: readonly Alert[];
}

type Labels = Record<string, Record<string, Label>>;

function filesUnder(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) result.push(...filesUnder(path));
    else result.push(path);
  }
  return result.sort();
}

void describe('HAProxy corpus', () => {
  if (sharedDir === undefined) {
    void it('is skipped without ../shared', () => reportSharedMissing('haproxy parser corpus'));
    return;
  }
  const corpus = join(sharedDir, 'corpus');
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Labels;
  const files = filesUnder(join(corpus, 'haproxy'));

  const labelOf = (file: string): Label | undefined => {
    const path = relative(corpus, file).split(/[\\/]/);
    const name = path.pop() ?? '';
    return labels[path.join('/')]?.[name];
  };

  void it('has files to parse', () => {
    assert.ok(files.length > 100, `only ${files.length} files`);
  });

  void it('parses every file without throwing, and reparses the same after an edit', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = parseHaproxy(text);
      assert.equal(result.ast.length, text.length, file);
      const at = text.indexOf('\n', text.length >> 1) + 1;
      const change = { start: at, end: at, text: 'backend inserted\n' };
      const edited = text.slice(0, at) + change.text + text.slice(at);
      assert.deepEqual(reparseHaproxy(result, text, edited, change), parseHaproxy(edited), file);
    }
  });

  void it('finds no syntax error in the files HAProxy 2.6 accepts', () => {
    let checked = 0;
    for (const file of files) {
      if (labelOf(file)?.valid !== true) continue;
      checked++;
      const errors = parseHaproxy(readFileSync(file, 'utf8')).issues.filter(
        (issue) => issue.severity === 'error',
      );
      assert.deepEqual(errors, [], file);
    }
    assert.ok(checked > 50, `only ${checked} valid files`);
  });

  void it('reports an unterminated quote wherever HAProxy reported an unmatched quote', () => {
    for (const file of files) {
      const alerts = labelOf(file)?.alerts ?? [];
      const lines = alerts.filter((alert) => /unmatched quote/i.test(alert.message));
      if (lines.length === 0) continue;
      const text = readFileSync(file, 'utf8');
      const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
      const quoted = parseHaproxy(text)
        .issues.filter((issue) => issue.code === 'unterminated-quote')
        .map((issue) => lineOf(issue.start));
      for (const alert of lines) assert.ok(quoted.includes(alert.line), `${file}:${alert.line}`);
    }
  });
});
