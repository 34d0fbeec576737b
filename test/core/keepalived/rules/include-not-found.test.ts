import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { includeNotFound } from '../../../../server/src/core/keepalived/rules/include-not-found.js';
import { expectRanges, memoryFiles, runCatalogRules } from './catalog-harness.js';

void describe('include-not-found', () => {
  // keepalived 2.2.7 -t: "Config files missing '/nonexistent/x.conf'." with exit code 0.
  void it('warns about an include that matches nothing', () => {
    const { issues } = expectRanges(includeNotFound, 'include <|conf.d/*.conf|>\n', {
      files: memoryFiles({}),
    });
    assert.equal(issues[0]?.severity, 'warning');
    assert.match(issues[0]?.message ?? '', /Config files missing/);
  });

  void it('reports a cycle in the file that closes it', () => {
    const files = memoryFiles({
      '/etc/keepalived/keepalived.conf': 'include a.conf\n',
      '/etc/keepalived/a.conf': 'include keepalived.conf\n',
    });
    const issues = runCatalogRules([includeNotFound], 'include a.conf\n', { files });
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.uri, '/etc/keepalived/a.conf');
    assert.match(issues[0]?.message ?? '', /cycle/);
  });

  void it('is quiet when includes resolve, or when the host cannot read files', () => {
    const files = memoryFiles({ '/etc/keepalived/a.conf': 'global_defs {\n}\n' });
    expectRanges(includeNotFound, 'include a.conf\n', { files });
    expectRanges(includeNotFound, 'include missing.conf\n');
  });
});
