import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { createLspFileHost } from '../../server/src/lsp/file-host.js';

void describe('editor file host', () => {
  const root = mkdtempSync(join(tmpdir(), 'halint-lsp-include-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'a.conf'), 'on disk');
  const uri = (name: string): string => pathToFileURL(join(root, name)).href;

  void it('reads open buffers first, then the disk', () => {
    const host = createLspFileHost((candidate) =>
      candidate === uri('b.conf') ? 'unsaved' : undefined,
    );
    assert.equal(host.readFile(uri('a.conf')), 'on disk');
    assert.equal(host.readFile(uri('b.conf')), 'unsaved');
    assert.equal(host.readFile('untitled:Untitled-1'), undefined);
  });

  void it('resolves globs against the including document and answers with URIs', () => {
    const host = createLspFileHost(() => undefined);
    assert.deepEqual(host.glob('*.conf', uri('keepalived.conf')), [uri('a.conf')]);
    assert.deepEqual(host.glob('*.conf', 'untitled:Untitled-1'), []);
  });
});
