import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseKeepalived } from '../../../server/src/core/keepalived/index.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

interface Label {
  readonly valid?: boolean;
  readonly valid_but_for_environment?: boolean;
  readonly messages?: ReadonlyArray<{ readonly environment?: boolean }>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `keepalived -t` accepted the file, or only complained about the host it ran on. */
function acceptedByKeepalived(label: Label | undefined): boolean {
  if (!label) return false;
  if (label.valid === true || label.valid_but_for_environment === true) return true;
  const messages = label.messages ?? [];
  return messages.length > 0 && messages.every((message) => message.environment === true);
}

describe('keepalived corpus', () => {
  if (!sharedDir) {
    reportSharedMissing('keepalived corpus');
    it('is skipped without ../shared', () => {});
    return;
  }
  const corpusDir = join(sharedDir, 'corpus');
  const root = join(corpusDir, 'keepalived');
  const labels = JSON.parse(readFileSync(join(corpusDir, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, Label>
  >;
  const files = filesUnder(root);

  it('finds corpus files', () => {
    assert.ok(files.length > 0);
  });

  for (const file of files) {
    const rel = relative(corpusDir, file);
    const folder = relative(corpusDir, join(file, '..'));
    const label = labels[folder]?.[relative(join(corpusDir, folder), file)];
    it(`parses ${rel}`, () => {
      const text = readFileSync(file, 'utf8');
      const parse = parseKeepalived(text);
      assert.ok(parse.ast.items.length > 0, 'expected at least one top-level item');
      if (acceptedByKeepalived(label)) {
        const errors = parse.issues.filter((issue) => issue.severity === 'error');
        assert.deepEqual(errors, [], `${rel} is accepted by keepalived -t`);
      }
    });
  }
});
