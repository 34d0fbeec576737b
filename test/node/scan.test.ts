// The one folder scan of halint and the language server: what it reads, what it skips, and what
// its limits cut, reported rather than dropped.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DEFAULT_SCAN_LIMITS,
  reachable,
  readScanLimits,
  scanFolders,
} from '../../server/src/node/scan.js';

const HAPROXY = 'global\n    daemon\n\ndefaults\n    mode http\n';
const KEEPALIVED = 'global_defs {\n    router_id lb1\n}\n';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'halint-scan-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Paths below `root` of what a scan found. */
function below(root: string, paths: readonly string[]): string[] {
  return paths.map((path) => path.slice(root.length + 1));
}

void describe('scanFolders', () => {
  void it('reads .cfg and .conf files it recognises and skips tool folders', () => {
    const root = tree({
      'lb1/haproxy.cfg': HAPROXY,
      'lb1/keepalived.conf': KEEPALIVED,
      'lb1/notes.conf': 'listen 80;\n',
      'lb1/haproxy.txt': HAPROXY,
      'misc/detected.cfg': HAPROXY,
      'node_modules/pkg/haproxy.cfg': HAPROXY,
      'dist/haproxy.cfg': HAPROXY,
      'out/keepalived.conf': KEEPALIVED,
      '.git/haproxy.cfg': HAPROXY,
      '.venv/keepalived.conf': KEEPALIVED,
      '.halint.json': '{}',
    });
    const scan = scanFolders([root]);
    assert.deepEqual(
      scan.files.map((file) => [file.path.slice(root.length + 1), file.language]),
      [
        ['lb1/haproxy.cfg', 'haproxy'],
        ['lb1/keepalived.conf', 'keepalived'],
        ['misc/detected.cfg', 'haproxy'],
      ],
    );
    assert.deepEqual(below(root, scan.unrecognised), ['lb1/notes.conf']);
    assert.deepEqual(below(root, scan.settingsFiles), ['.halint.json']);
    assert.deepEqual(scan.cut, { filesLeftOut: 0, foldersTooDeep: 0 });
  });

  void it('keeps relative roots relative', () => {
    const root = tree({ 'site/lb1/haproxy.cfg': HAPROXY });
    const previous = process.cwd();
    process.chdir(root);
    try {
      assert.deepEqual(
        scanFolders(['site']).files.map((file) => file.path),
        ['site/lb1/haproxy.cfg'],
      );
    } finally {
      process.chdir(previous);
    }
  });

  void it('counts the files past maxFiles without reading them', () => {
    const root = tree({
      'a/haproxy.cfg': HAPROXY,
      'b/haproxy.cfg': HAPROXY,
      'c/haproxy.cfg': HAPROXY,
      'd/keepalived.conf': KEEPALIVED,
    });
    const visited: string[] = [];
    const scan = scanFolders([root], {
      limits: { ...DEFAULT_SCAN_LIMITS, maxFiles: 2 },
      visit: (path, kind) => {
        if (kind === 'file') visited.push(path);
      },
    });
    assert.deepEqual(
      below(
        root,
        scan.files.map((file) => file.path),
      ),
      ['a/haproxy.cfg', 'b/haproxy.cfg'],
    );
    assert.equal(scan.cut.filesLeftOut, 2);
    // The files left out were not even stamped: they were never touched.
    assert.deepEqual(below(root, visited), ['a/haproxy.cfg', 'b/haproxy.cfg']);
  });

  void it('stops at maxDepth and says which folders it did not enter', () => {
    const root = tree({
      'l1/haproxy.cfg': HAPROXY,
      'l1/l2/haproxy.cfg': HAPROXY,
      'l1/l2/l3/haproxy.cfg': HAPROXY,
      'l1/l2/other/haproxy.cfg': HAPROXY,
    });
    const scan = scanFolders([root], { limits: { ...DEFAULT_SCAN_LIMITS, maxDepth: 2 } });
    assert.deepEqual(
      below(
        root,
        scan.files.map((file) => file.path),
      ),
      ['l1/haproxy.cfg', 'l1/l2/haproxy.cfg'],
    );
    assert.equal(scan.cut.foldersTooDeep, 2);
    assert.equal(scan.cut.firstTooDeep, join(root, 'l1', 'l2', 'l3'));
    const flat = scanFolders([root], { limits: { ...DEFAULT_SCAN_LIMITS, maxDepth: 0 } });
    assert.deepEqual(flat.files, []);
    assert.equal(flat.cut.foldersTooDeep, 1);
  });

  void it(
    'lists FIFOs and devices as irregular instead of reading them',
    { timeout: 30_000 },
    () => {
      const root = tree({ 'lb1/keepalived.conf': KEEPALIVED });
      execFileSync('mkfifo', [join(root, 'lb1', 'haproxy.cfg')]);
      symlinkSync('/dev/zero', join(root, 'lb1', 'zero.cfg'));
      symlinkSync(join(root, 'lb1'), join(root, 'linked.conf'));
      symlinkSync(join(root, 'missing'), join(root, 'dangling.cfg'));
      const scan = scanFolders([root]);
      assert.deepEqual(
        below(
          root,
          scan.files.map((file) => file.path),
        ),
        ['lb1/keepalived.conf'],
      );
      assert.deepEqual(below(root, scan.irregular), ['lb1/haproxy.cfg', 'lb1/zero.cfg']);
      assert.deepEqual(scan.problems, []);
    },
  );

  void it('leaves out what the exclusion names, folders with everything below them', () => {
    const root = tree({
      'lb1/haproxy.cfg': HAPROXY,
      'lb2/haproxy.cfg': HAPROXY,
      'lb2/conf.d/extra.cfg': HAPROXY,
    });
    const scan = scanFolders([root], { exclude: (relative) => relative === 'lb2' });
    assert.deepEqual(
      below(
        root,
        scan.files.map((file) => file.path),
      ),
      ['lb1/haproxy.cfg'],
    );
  });

  void it('refuses to list /proc, /sys and /dev', () => {
    const scan = scanFolders(['/proc', '/dev']);
    assert.deepEqual(scan.files, []);
    assert.deepEqual(scan.problems, []);
  });
});

void describe('reachable', () => {
  const limits = { ...DEFAULT_SCAN_LIMITS, maxDepth: 2 };
  void it('answers as the scan would for one file', () => {
    assert.ok(reachable('lb1/haproxy.cfg', limits));
    assert.ok(reachable('a/b/haproxy.cfg', limits));
    assert.ok(!reachable('a/b/c/haproxy.cfg', limits));
    assert.ok(!reachable('node_modules/haproxy.cfg', limits));
    assert.ok(!reachable('.git/haproxy.cfg', limits));
    assert.ok(!reachable('lb1/haproxy.txt', limits));
    assert.ok(!reachable('lb1/haproxy.cfg', limits, (relative) => relative === 'lb1'));
    assert.ok(reachable('lb1/haproxy.cfg', limits, (relative) => relative === 'lb2'));
  });
});

void describe('readScanLimits', () => {
  void it('takes whole numbers in range over the base and ignores the rest', () => {
    assert.deepEqual(readScanLimits({ maxFiles: 10, maxDepth: 0 }), { maxFiles: 10, maxDepth: 0 });
    assert.deepEqual(readScanLimits({ maxFiles: 0, maxDepth: 33 }, { maxFiles: 5, maxDepth: 3 }), {
      maxFiles: 5,
      maxDepth: 3,
    });
    assert.deepEqual(readScanLimits({ maxFiles: 2.5, maxDepth: '4' }), DEFAULT_SCAN_LIMITS);
    assert.deepEqual(readScanLimits([1, 2]), DEFAULT_SCAN_LIMITS);
    assert.deepEqual(readScanLimits(undefined), { maxFiles: 2000, maxDepth: 8 });
  });
});
