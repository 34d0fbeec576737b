import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../../../server/src/core/language-service.js';
import { createDiskFileHost } from '../../../../server/src/node/file-host.js';
import { reportSharedMissing, sharedDir } from '../../../helpers/paths.js';

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
function accepted(label: Label | undefined): boolean {
  if (!label) return false;
  if (label.valid === true || label.valid_but_for_environment === true) return true;
  const messages = label.messages ?? [];
  return messages.length > 0 && messages.every((message) => message.environment === true);
}

void describe('keepalived rules over the corpus', () => {
  if (!sharedDir) {
    reportSharedMissing('keepalived rules over the corpus');
    void it('is skipped without ../shared', () => {});
    return;
  }
  const corpusDir = join(sharedDir, 'corpus');
  const labels = JSON.parse(readFileSync(join(corpusDir, 'labels.json'), 'utf8')) as Record<
    string,
    Record<string, Label>
  >;
  const service = createLanguageService({ files: createDiskFileHost() });
  const files = filesUnder(join(corpusDir, 'keepalived'));

  void it('reports no error on a file keepalived -t accepts', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of files) {
      const folder = relative(corpusDir, join(file, '..'));
      if (!accepted(labels[folder]?.[relative(join(corpusDir, folder), file)])) continue;
      checked += 1;
      const document = service.parse('keepalived', file, readFileSync(file, 'utf8'));
      for (const issue of service.validate(document)) {
        if (issue.severity !== 'error') continue;
        const line = document.lineIndex.positionAt(issue.start).line + 1;
        offenders.push(`${relative(corpusDir, file)}:${line} ${issue.code}: ${issue.message}`);
      }
    }
    assert.ok(checked > 0, 'no accepted corpus file found');
    assert.deepEqual(offenders, []);
  });
});
