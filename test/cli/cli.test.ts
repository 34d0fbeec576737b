/**
 * End-to-end tests of the bundled `halint` CLI: they spawn `node dist/cli.cjs` (built by
 * `npm test` before the tests run) in temporary folders and check what it prints and returns.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/core/index.js';
import { distFile, projectRoot } from '../helpers/paths.js';

const CLI = distFile('cli.cjs');
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const CLEAN_HAPROXY = `global
    maxconn 1000

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_web
    bind :80
    default_backend be_app

backend be_app
    server app1 127.0.0.1:8080 check
`;

const CLEAN_KEEPALIVED = `global_defs {
    router_id lb1
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.168.1.100/24
    }
}
`;

/**
 * An unterminated quote on line 3, after characters outside ASCII: `Ü` is one UTF-16 code unit
 * but two UTF-8 bytes, and the emoji is two code units but one code point, so only UTF-16
 * columns land on the quote.
 */
const BROKEN_LINE = '    http-request set-header X-Ünï-😀 "abc';
const BROKEN_HAPROXY = `frontend fe_web\n    bind :80\n${BROKEN_LINE}\n    default_backend be_app\n\nbackend be_app\n    server app1 127.0.0.1:8080 check\n`;

const BROKEN_KEEPALIVED = `vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n`;

/** Two unterminated quotes, for settings that turn the rule into a warning. */
const TWO_QUOTES_HAPROXY = `defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend fe_web\n    bind :80\n    http-request set-header X-A "abc\n    http-request set-header X-B "def\n    default_backend be_app\n\nbackend be_app\n    server app1 127.0.0.1:8080\n`;

interface JsonRelated {
  path: string;
  line: number;
  column: number;
  message: string;
}
interface JsonDiagnostic {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  source: string;
  related: JsonRelated[];
}
interface JsonReport {
  tool: string;
  version: string;
  files: Array<{ path: string; language: string }>;
  diagnostics: JsonDiagnostic[];
  summary: { errors: number; warnings: number; info: number; hints: number };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh temporary folder with the given files (relative path → content). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'halint-cli-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs the bundled CLI with stdout and stderr on pipes. */
function halint(args: readonly string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

function stderrLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line.length > 0);
}

/** Checks every key and type of a JSON report, and that the summary counts the diagnostics. */
function assertReportShape(report: JsonReport): void {
  assert.deepEqual(Object.keys(report), ['tool', 'version', 'files', 'diagnostics', 'summary']);
  assert.equal(report.tool, 'halint');
  assert.equal(report.version, PACKAGE_VERSION);
  for (const file of report.files) {
    assert.deepEqual(Object.keys(file), ['path', 'language']);
    assert.equal(typeof file.path, 'string');
    assert.ok(['haproxy', 'keepalived'].includes(file.language));
  }
  for (const d of report.diagnostics) {
    assert.deepEqual(Object.keys(d), [
      'path',
      'line',
      'column',
      'endLine',
      'endColumn',
      'severity',
      'code',
      'message',
      'source',
      'related',
    ]);
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
      assert.ok(Number.isInteger(d[key]) && d[key] >= 1, `${key} is a 1-based integer`);
    }
    assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
    assert.ok(['haproxy', 'keepalived', 'cluster'].includes(d.source));
    assert.equal(typeof d.code, 'string');
    assert.equal(typeof d.message, 'string');
    assert.ok(Array.isArray(d.related));
    for (const r of d.related) {
      assert.deepEqual(Object.keys(r), ['path', 'line', 'column', 'message']);
    }
  }
  assert.deepEqual(Object.keys(report.summary), ['errors', 'warnings', 'info', 'hints']);
  const count = (severity: string): number =>
    report.diagnostics.filter((d) => d.severity === severity).length;
  assert.deepEqual(report.summary, {
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    hints: count('hint'),
  });
}

function summaryText(summary: JsonReport['summary'], files: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.info} info, ${plural(summary.hints, 'hint')} in ${plural(files, 'file')}`;
}

/** 1-based line and UTF-16 column of an offset, computed without the core's LineIndex. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

void describe('halint: clean files', () => {
  void test('exit 0 and the documented JSON shape', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY, 'keepalived.conf': CLEAN_KEEPALIVED });
    const run = halint(['--format', 'json', 'keepalived.conf', 'haproxy.cfg'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const report = json(run);
    assertReportShape(report);
    // Sorted by path whatever the command-line order.
    assert.deepEqual(report.files, [
      { path: 'haproxy.cfg', language: 'haproxy' },
      { path: 'keepalived.conf', language: 'keepalived' },
    ]);
    assert.equal(report.summary.errors, 0);
  });

  void test('a file named twice is analysed once', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY });
    const report = json(halint(['--format', 'json', 'haproxy.cfg', './haproxy.cfg', '.'], root));
    assert.deepEqual(report.files, [{ path: 'haproxy.cfg', language: 'haproxy' }]);
  });

  void test('text format ends with the summary line', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY, 'keepalived.conf': CLEAN_KEEPALIVED });
    const run = halint(['haproxy.cfg', 'keepalived.conf'], root);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1) ?? '', /^0 errors, \d+ warnings?, \d+ info, \d+ hints? in 2 files$/);
    const single = halint(['haproxy.cfg'], root).stdout.trimEnd().split('\n').at(-1) ?? '';
    assert.match(single, / in 1 file$/);
  });

  void test('--no-cluster drops the cross-node findings and nothing else', () => {
    const root = tree({
      'lb1/haproxy.cfg': CLEAN_HAPROXY,
      'lb1/keepalived.conf': CLEAN_KEEPALIVED,
      'lb2/haproxy.cfg': CLEAN_HAPROXY,
    });
    const clustered = json(halint(['--format', 'json', '.'], root));
    const alone = halint(['--format', 'json', '--no-cluster', '.'], root);
    assert.equal(alone.status, 0, alone.stderr);
    assert.equal(json(alone).files.length, 3);
    assert.ok(clustered.diagnostics.some((d) => d.source === 'cluster'));
    assert.deepEqual(
      json(alone).diagnostics,
      clustered.diagnostics.filter((d) => d.source !== 'cluster'),
    );
  });
});

void describe('halint: syntax errors', () => {
  void test('exit 1 with 1-based UTF-16 positions', () => {
    const root = tree({ 'haproxy.cfg': BROKEN_HAPROXY });
    const run = halint(['--format', 'json', 'haproxy.cfg'], root);
    assert.equal(run.status, 1, run.stderr);
    const report = json(run);
    assertReportShape(report);
    const diagnostic = report.diagnostics.find((d) => d.code === 'unterminated-quote');
    assert.ok(diagnostic, 'an unterminated-quote diagnostic');
    assert.equal(diagnostic.path, 'haproxy.cfg');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.source, 'haproxy');
    assert.equal(diagnostic.line, 3);

    // The same positions, derived from the core's offsets by hand.
    const service = createLanguageService();
    const issue = service
      .validate(service.parse('haproxy', 'haproxy.cfg', BROKEN_HAPROXY))
      .find((i) => i.code === 'unterminated-quote');
    assert.ok(issue);
    const start = lineColumn(BROKEN_HAPROXY, issue.start);
    const end = lineColumn(BROKEN_HAPROXY, issue.end);
    assert.deepEqual(
      [diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn],
      [start.line, start.column, end.line, end.column],
    );
    // The finding starts after the non-ASCII characters, so the columns above really are UTF-16.
    assert.ok(diagnostic.column > BROKEN_LINE.indexOf('😀') + 2);
    assert.ok(diagnostic.endColumn <= BROKEN_LINE.length + 1);
  });

  void test('an unclosed keepalived block is an error', () => {
    const root = tree({ 'keepalived.conf': BROKEN_KEEPALIVED });
    const run = halint(['--format', 'json', 'keepalived.conf'], root);
    assert.equal(run.status, 1, run.stderr);
    const report = json(run);
    assertReportShape(report);
    const diagnostic = report.diagnostics.find((d) => d.code === 'missing-close-brace');
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.source, 'keepalived');
  });

  void test('text format: one compiler-style line per diagnostic, then the summary', () => {
    const root = tree({ 'haproxy.cfg': BROKEN_HAPROXY, 'keepalived.conf': BROKEN_KEEPALIVED });
    const text = halint(['haproxy.cfg', 'keepalived.conf'], root);
    assert.equal(text.status, 1);
    const report = json(halint(['--format', 'json', 'haproxy.cfg', 'keepalived.conf'], root));
    assert.ok(report.summary.errors >= 2);
    const lines = text.stdout.trimEnd().split('\n');
    const expected = report.diagnostics.map(
      (d) => `${d.path}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`,
    );
    const printed = lines.filter((line) => /^\S+:\d+:\d+: (error|warning|info|hint): /.test(line));
    assert.deepEqual(printed, expected);
    assert.ok(printed.some((line) => line.startsWith('haproxy.cfg:3:')));
    assert.ok(text.stdout.includes('docs/rules/unterminated-quote.md'));
    assert.equal(lines.at(-1), summaryText(report.summary, 2));
  });

  void test('exit 2 wins over 1 when a file is missing', () => {
    const root = tree({ 'haproxy.cfg': BROKEN_HAPROXY });
    const run = halint(['--format', 'json', 'haproxy.cfg', 'gone.cfg'], root);
    assert.equal(run.status, 2);
    assert.ok(json(run).summary.errors >= 1);
  });
});

void describe('halint: usage and I/O errors', () => {
  void test('a missing file: exit 2, one stderr line naming it, the others still reported', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY, 'keepalived.conf': CLEAN_KEEPALIVED });
    const run = halint(['--format', 'json', 'haproxy.cfg', 'missing.cfg', 'keepalived.conf'], root);
    assert.equal(run.status, 2);
    const errors = stderrLines(run);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /missing\.cfg/);
    assert.doesNotMatch(run.stderr, /\bat .*:\d+:\d+\)?$/m, 'no stack trace');
    const report = json(run);
    assertReportShape(report);
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['haproxy.cfg', 'keepalived.conf'],
    );
  });

  void test('a missing directory is an error too', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY });
    const run = halint(['--format', 'json', 'no-such-dir', 'haproxy.cfg'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no-such-dir/);
    assert.equal(json(run).files.length, 1);
  });

  for (const [name, args, pattern] of [
    ['unknown flag', ['--frobnicate', 'haproxy.cfg'], /--frobnicate/],
    ['bad --format', ['--format', 'xml', 'haproxy.cfg'], /--format/],
    ['--format without a value', ['haproxy.cfg', '--format'], /--format/],
    ['bad --max-warnings', ['--max-warnings', 'lots', 'haproxy.cfg'], /--max-warnings/],
    ['negative --max-warnings', ['--max-warnings=-1', 'haproxy.cfg'], /--max-warnings/],
    ['bad --language', ['--language', 'nginx', 'haproxy.cfg'], /--language/],
    ['bad --haproxy-version', ['--haproxy-version', 'latest', 'haproxy.cfg'], /--haproxy-version/],
    ['bad --keepalived-version', ['--keepalived-version', '2', 'haproxy.cfg'], /--keepalived/],
    ['--max-files below 1', ['--max-files', '0', 'haproxy.cfg'], /--max-files/],
    ['--max-depth above 32', ['--max-depth', '33', 'haproxy.cfg'], /--max-depth/],
    ['--max-depth not a number', ['--max-depth', 'deep', 'haproxy.cfg'], /--max-depth/],
    ['no path', ['--format', 'json'], /file or directory/],
  ] as const) {
    void test(`${name}: exit 2 with one message`, () => {
      const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY });
      const run = halint(args, root);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      const errors = stderrLines(run);
      assert.equal(errors.length, 1, run.stderr);
      assert.match(errors[0] ?? '', pattern);
    });
  }

  void test('an unrecognisable named file: exit 2 and a hint at --language', () => {
    const root = tree({ 'notes.txt': 'just some notes\n', 'haproxy.cfg': CLEAN_HAPROXY });
    const run = halint(['--format', 'json', 'notes.txt', 'haproxy.cfg'], root);
    assert.equal(run.status, 2);
    const errors = stderrLines(run);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /notes\.txt/);
    assert.match(errors[0] ?? '', /--language/);
    assert.deepEqual(
      json(run).files.map((f) => f.path),
      ['haproxy.cfg'],
    );
  });

  void test('--version and --help exit 0', () => {
    const root = tree({});
    const version = halint(['--version'], root);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), `halint ${PACKAGE_VERSION}`);
    const help = halint(['--help'], root);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: halint/);
    for (const flag of [
      '--format',
      '--language',
      '--no-cluster',
      '--max-warnings',
      '--max-files',
      '--max-depth',
    ]) {
      assert.ok(help.stdout.includes(flag), flag);
    }
  });
});

void describe('halint: discovery', () => {
  void test('finds configurations by name, folder and content, and skips the rest', () => {
    const root = tree({
      'site/haproxy.cfg': CLEAN_HAPROXY,
      'site/haproxy-edge.cfg': CLEAN_HAPROXY,
      'site/web.haproxy.cfg': CLEAN_HAPROXY,
      'site/keepalived.conf': CLEAN_KEEPALIVED,
      'site/keepalived-backup.conf': CLEAN_KEEPALIVED,
      'site/haproxy/conf.d/extra.cfg': '# no recognisable content\n',
      'site/keepalived/vrrp.conf': '# no recognisable content\n',
      'site/misc/detected.conf': CLEAN_KEEPALIVED,
      'site/misc/detected.cfg': CLEAN_HAPROXY,
      'site/misc/unrelated.cfg': '[section]\nkey = value\n',
      'site/misc/unrelated.conf': 'server {\n  listen 80;\n}\n',
      'site/misc/haproxy.txt': CLEAN_HAPROXY,
      'site/node_modules/pkg/haproxy.cfg': CLEAN_HAPROXY,
      'site/.git/haproxy.cfg': CLEAN_HAPROXY,
      'site/.hidden/keepalived.conf': CLEAN_KEEPALIVED,
    });
    const run = halint(['--format', 'json', 'site'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run).files, [
      { path: 'site/haproxy-edge.cfg', language: 'haproxy' },
      { path: 'site/haproxy.cfg', language: 'haproxy' },
      { path: 'site/haproxy/conf.d/extra.cfg', language: 'haproxy' },
      { path: 'site/keepalived-backup.conf', language: 'keepalived' },
      { path: 'site/keepalived.conf', language: 'keepalived' },
      { path: 'site/keepalived/vrrp.conf', language: 'keepalived' },
      { path: 'site/misc/detected.cfg', language: 'haproxy' },
      { path: 'site/misc/detected.conf', language: 'keepalived' },
      { path: 'site/web.haproxy.cfg', language: 'haproxy' },
    ]);
  });

  void test('diagnostics carry the path joined with the directory', () => {
    const root = tree({ 'lb1/haproxy.cfg': BROKEN_HAPROXY });
    const report = json(halint(['--format', 'json', 'lb1'], root));
    assert.ok(report.diagnostics.length > 0);
    for (const d of report.diagnostics) assert.equal(d.path, 'lb1/haproxy.cfg');
  });

  void test('--language forces the named files only', () => {
    const root = tree({
      // Valid HAProxy that content detection does not recognise on its own.
      'plain.txt': 'global\n    daemon\n',
      'keepalived.conf': CLEAN_HAPROXY,
      'dir/haproxy.cfg': CLEAN_HAPROXY,
    });
    const run = halint(
      ['--format', 'json', '--language', 'haproxy', 'plain.txt', 'keepalived.conf', 'dir'],
      root,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run).files, [
      { path: 'dir/haproxy.cfg', language: 'haproxy' },
      { path: 'keepalived.conf', language: 'haproxy' },
      { path: 'plain.txt', language: 'haproxy' },
    ]);
  });
});

void describe('halint: the scan and its limits', () => {
  void test('build output folders are skipped like node_modules', () => {
    const root = tree({
      'site/lb1/haproxy.cfg': CLEAN_HAPROXY,
      'site/dist/haproxy.cfg': CLEAN_HAPROXY,
      'site/out/keepalived.conf': CLEAN_KEEPALIVED,
    });
    const run = halint(['--format', 'json', 'site'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      json(run).files.map((f) => f.path),
      ['site/lb1/haproxy.cfg'],
    );
  });

  void test('folders deeper than the limit are a note that does not fail the run', () => {
    const deep = 'site/1/2/3/4/5/6/7/8/9/haproxy.cfg';
    const root = tree({ 'site/lb1/haproxy.cfg': CLEAN_HAPROXY, [deep]: CLEAN_HAPROXY });
    const run = halint(['--format', 'json', 'site'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      json(run).files.map((f) => f.path),
      ['site/lb1/haproxy.cfg'],
    );
    const notes = stderrLines(run);
    assert.equal(notes.length, 1, run.stderr);
    assert.match(notes[0] ?? '', /^halint: not searched: 1 folder more than 8 levels below/);
    assert.match(notes[0] ?? '', /site\/1\/2\/3\/4\/5\/6\/7\/8\/9'/);
    assert.match(notes[0] ?? '', /--max-depth/);
    const deeper = halint(['--format', 'json', '--max-depth', '9', 'site'], root);
    assert.equal(deeper.status, 0, deeper.stderr);
    assert.equal(deeper.stderr, '');
    assert.deepEqual(
      json(deeper).files.map((f) => f.path),
      [deep, 'site/lb1/haproxy.cfg'],
    );
  });

  void test('files left unread by --max-files fail the run and say how to raise the limit', () => {
    const root = tree({
      'site/lb1/haproxy.cfg': CLEAN_HAPROXY,
      'site/lb2/haproxy.cfg': CLEAN_HAPROXY,
      'site/lb3/haproxy.cfg': CLEAN_HAPROXY,
    });
    const run = halint(['--format', 'json', '--max-files', '2', 'site'], root);
    assert.equal(run.status, 2);
    assert.deepEqual(
      json(run).files.map((f) => f.path),
      ['site/lb1/haproxy.cfg', 'site/lb2/haproxy.cfg'],
    );
    const errors = stderrLines(run);
    assert.equal(errors.length, 1, run.stderr);
    assert.match(errors[0] ?? '', /^halint: stopped reading after 2 configuration files: 1 more/);
    assert.match(errors[0] ?? '', /--max-files/);
    // Files named on the command line are not counted: they were asked for one by one.
    const named = halint(
      ['--max-files', '1', 'site/lb1/haproxy.cfg', 'site/lb2/haproxy.cfg'],
      root,
    );
    assert.equal(named.status, 0, named.stderr);
  });

  void test('.halint.json sets the limits and the flags win over it', () => {
    const root = tree({
      '.halint.json': '{"scan": {"maxFiles": 1, "maxDepth": 1}}',
      'site/lb1/haproxy.cfg': CLEAN_HAPROXY,
      'site/lb2/haproxy.cfg': CLEAN_HAPROXY,
      'site/lb2/sub/keepalived.conf': CLEAN_KEEPALIVED,
    });
    const fromFile = halint(['--format', 'json', 'site'], root);
    assert.equal(fromFile.status, 2);
    assert.match(fromFile.stderr, /stopped reading after 1 configuration files: 1 more/);
    assert.match(fromFile.stderr, /not searched: 1 folder more than 1 levels below/);
    const fromFlags = halint(
      ['--format', 'json', '--max-files', '3', '--max-depth', '2', 'site'],
      root,
    );
    assert.equal(fromFlags.status, 0, fromFlags.stderr);
    assert.equal(json(fromFlags).files.length, 3);
  });
});

void describe('halint: sarif and github formats', () => {
  void test('sarif 2.1.0 structure matches the JSON diagnostics', () => {
    const root = tree({ 'haproxy.cfg': BROKEN_HAPROXY, 'keepalived.conf': BROKEN_KEEPALIVED });
    const run = halint(['--format', 'sarif', 'haproxy.cfg', 'keepalived.conf'], root);
    assert.equal(run.status, 1);
    const report = json(halint(['--format', 'json', 'haproxy.cfg', 'keepalived.conf'], root));
    assert.ok(report.diagnostics.length >= 2);
    interface SarifRegion {
      startLine: number;
      startColumn: number;
      endLine: number;
      endColumn: number;
    }
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion };
      }>;
      relatedLocations: unknown[];
    }
    const log = JSON.parse(run.stdout) as {
      $schema: string;
      version: string;
      runs: Array<{
        tool: {
          driver: {
            name: string;
            version: string;
            informationUri: string;
            rules: Array<{ id: string; helpUri: string }>;
          };
        };
        results: SarifResult[];
      }>;
    };
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.ok(sarifRun);
    const { driver } = sarifRun.tool;
    assert.equal(driver.name, 'halint');
    assert.equal(driver.version, PACKAGE_VERSION);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      [...new Set(report.diagnostics.map((d) => d.code))].sort(),
    );
    for (const rule of driver.rules) assert.match(rule.helpUri, /^https:\/\/.*\.md$/);
    assert.equal(sarifRun.results.length, report.diagnostics.length);
    const levels: Record<string, string> = {
      error: 'error',
      warning: 'warning',
      info: 'note',
      hint: 'note',
    };
    sarifRun.results.forEach((result, i) => {
      const d = report.diagnostics[i];
      assert.ok(d);
      assert.equal(result.ruleId, d.code);
      assert.equal(driver.rules[result.ruleIndex]?.id, d.code);
      assert.equal(result.level, levels[d.severity]);
      assert.equal(result.message.text, d.message);
      assert.equal(result.locations.length, 1);
      const location = result.locations[0]?.physicalLocation;
      assert.equal(location?.artifactLocation.uri, d.path);
      assert.deepEqual(location?.region, {
        startLine: d.line,
        startColumn: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      });
      assert.ok(Array.isArray(result.relatedLocations));
    });
  });

  void test('sarif of a clean run has an empty result list', () => {
    const root = tree({ 'haproxy.cfg': CLEAN_HAPROXY });
    const run = halint(['--format', 'sarif', 'haproxy.cfg'], root);
    assert.equal(run.status, 0);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> };
    assert.ok(Array.isArray(log.runs[0]?.results));
  });

  void test('github annotations with escaped properties', () => {
    const root = tree({ 'odd,name.haproxy.cfg': BROKEN_HAPROXY });
    const run = halint(['--format', 'github', 'odd,name.haproxy.cfg'], root);
    assert.equal(run.status, 1);
    const report = json(halint(['--format', 'json', 'odd,name.haproxy.cfg'], root));
    const d = report.diagnostics.find((x) => x.code === 'unterminated-quote');
    assert.ok(d);
    const message = d.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    assert.ok(
      run.stdout
        .split('\n')
        .includes(
          `::error file=odd%2Cname.haproxy.cfg,line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=unterminated-quote::${message}`,
        ),
      run.stdout,
    );
  });

  void test('github uses warning and notice for lower severities', () => {
    const root = tree({
      'warn/haproxy.cfg': BROKEN_HAPROXY,
      'warn/.halint.json': '{"rules": {"unterminated-quote": "warning"}}',
      'info/haproxy.cfg': BROKEN_HAPROXY,
      'info/.halint.json': '{"rules": {"unterminated-quote": "info"}}',
    });
    const warning = halint(['--format', 'github', 'haproxy.cfg'], join(root, 'warn'));
    assert.match(warning.stdout, /^::warning file=haproxy\.cfg,.*title=unterminated-quote::/m);
    const notice = halint(['--format', 'github', 'haproxy.cfg'], join(root, 'info'));
    assert.match(notice.stdout, /^::notice file=haproxy\.cfg,.*title=unterminated-quote::/m);
  });
});

void describe('halint: settings and limits', () => {
  void test('--max-warnings', () => {
    const root = tree({
      'haproxy.cfg': TWO_QUOTES_HAPROXY,
      '.halint.json': '{"rules": {"unterminated-quote": "warning"}}',
    });
    const unlimited = halint(['--format', 'json', 'haproxy.cfg'], root);
    assert.equal(unlimited.status, 0, unlimited.stderr);
    assert.equal(json(unlimited).summary.warnings, 2);
    assert.equal(halint(['--max-warnings', '2', 'haproxy.cfg'], root).status, 0);
    const over = halint(['--max-warnings', '1', 'haproxy.cfg'], root);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /--max-warnings/);
  });

  void test('.halint.json above the folder turns a rule off; unknown keys are ignored', () => {
    const root = tree({
      '.halint.json': JSON.stringify({
        haproxy: { version: '2.6' },
        keepalived: { version: '2.2' },
        rules: { 'unterminated-quote': 'off' },
        nodes: [{ name: 'lb1' }],
      }),
      'project/lb1/haproxy.cfg': BROKEN_HAPROXY,
    });
    const run = halint(['--format', 'json', 'lb1'], join(root, 'project'));
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!json(run).diagnostics.some((d) => d.code === 'unterminated-quote'));
    // Without the settings file the same input fails, so the file really was read.
    rmSync(join(root, '.halint.json'));
    assert.equal(halint(['--format', 'json', 'lb1'], join(root, 'project')).status, 1);
  });

  void test('.halint.json can raise a severity', () => {
    const root = tree({
      '.halint.json': '{"rules": {"unterminated-quote": "warning"}}',
      'a/haproxy.cfg': BROKEN_HAPROXY,
      'b/keepalived.conf': CLEAN_KEEPALIVED,
    });
    // The common parent of a/ and b/ is the root, where the settings file is.
    const run = halint(['--format', 'json', 'a/haproxy.cfg', 'b/keepalived.conf'], root);
    assert.equal(run.status, 0, run.stderr);
    const d = json(run).diagnostics.find((x) => x.code === 'unterminated-quote');
    assert.equal(d?.severity, 'warning');
  });

  void test('an invalid .halint.json is an exit-2 error naming the file', () => {
    const root = tree({ '.halint.json': '{"rules": ', 'haproxy.cfg': CLEAN_HAPROXY });
    const run = halint(['--format', 'json', 'haproxy.cfg'], root);
    assert.equal(run.status, 2);
    const errors = stderrLines(run);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /\.halint\.json/);
    const array = tree({ '.halint.json': '[]', 'haproxy.cfg': CLEAN_HAPROXY });
    assert.equal(halint(['haproxy.cfg'], array).status, 2);
  });

  void test('versions from .halint.json and the command line are accepted', () => {
    const root = tree({
      '.halint.json': '{"haproxy": {"version": "2.6"}, "keepalived": {"version": "2.4"}}',
      'haproxy.cfg': CLEAN_HAPROXY,
    });
    const run = halint(
      ['--haproxy-version', '3.0', '--keepalived-version', '2.3', 'haproxy.cfg'],
      root,
    );
    assert.equal(run.status, 0, run.stderr);
  });
});

void describe('halint: large output', () => {
  void test('30,000 diagnostics arrive whole through a pipe', () => {
    const count = 30_000;
    const lines = ['frontend fe_web', '    bind :80'];
    for (let i = 0; i < count; i++) lines.push(`    http-request set-header X-${i} "v${i}`);
    const root = tree({ 'haproxy.cfg': lines.join('\n') + '\n' });
    const run = halint(['--format', 'json', 'haproxy.cfg'], root);
    assert.equal(run.status, 1, run.stderr);
    const report = json(run);
    const quotes = report.diagnostics.filter((d) => d.code === 'unterminated-quote');
    assert.equal(quotes.length, count);
    assert.equal(quotes.at(-1)?.line, count + 2);
  });
});
