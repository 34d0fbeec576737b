import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createDiskFileHost, globFiles } from '../../server/src/node/file-host.js';
import { globSegmentMatcher } from '../../server/src/core/common/glob.js';
import { createLanguageService } from '../../server/src/core/language-service.js';

void describe('disk file host', () => {
  const root = mkdtempSync(join(tmpdir(), 'halint-include-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'conf.d'));
  writeFileSync(join(root, 'keepalived.conf'), 'include conf.d/*.conf\n');
  writeFileSync(join(root, 'conf.d', 'b.conf'), 'global_defs {\n  bogus_kw 1\n}\n');
  writeFileSync(join(root, 'conf.d', 'a.conf'), 'global_defs {\n}\n');
  writeFileSync(join(root, 'conf.d', '.hidden.conf'), '');
  writeFileSync(join(root, 'conf.d', 'c.txt'), '');

  void it('matches glob segments like glob(3)', () => {
    const matches = (segment: string, name: string): boolean =>
      globSegmentMatcher(segment)?.(name) === true;
    assert.ok(matches('*.{conf,inc}', 'a.inc'));
    assert.ok(matches('vi_[0-9]?.conf', 'vi_12.conf'));
    assert.ok(!matches('vi_[!0-9].conf', 'vi_1.conf'));
    assert.ok(!matches('*.conf', 'a.conf.bak'));
  });

  void it('expands globs relative to the including file, sorted, without dot files', () => {
    const main = join(root, 'keepalived.conf');
    assert.deepEqual(globFiles('conf.d/*.conf', main), [
      join(root, 'conf.d', 'a.conf'),
      join(root, 'conf.d', 'b.conf'),
    ]);
    assert.deepEqual(globFiles(join(root, 'conf.d', 'c.txt'), '/elsewhere/x.conf'), [
      join(root, 'conf.d', 'c.txt'),
    ]);
    assert.deepEqual(globFiles('missing/*.conf', main), []);
  });

  void it('lets the language service report findings in the included file', () => {
    const service = createLanguageService({ files: createDiskFileHost() });
    const main = join(root, 'keepalived.conf');
    const document = service.parse('keepalived', main, 'include conf.d/*.conf\n');
    const issues = service.validate(document).filter((issue) => issue.code === 'unknown-keyword');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.uri, join(root, 'conf.d', 'b.conf'));
  });

  void it('prefers the overlay over the disk', () => {
    const host = createDiskFileHost((path) =>
      path.endsWith('a.conf') ? 'open buffer' : undefined,
    );
    assert.equal(host.readFile(join(root, 'conf.d', 'a.conf')), 'open buffer');
    assert.equal(host.readFile(join(root, 'conf.d', 'none.conf')), undefined);
  });
});
