/** Unit tests of the CLI's pure parts: settings merging, node grouping and output escaping. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { escapeData, escapeProperty } from '../../server/src/cli/format/github.js';
import { artifactUri } from '../../server/src/cli/format/sarif.js';
import { summaryLine } from '../../server/src/cli/format/text.js';
import { planNodes } from '../../server/src/node/project.js';
import {
  ConfigError,
  loadProjectSettings,
  withVersions,
} from '../../server/src/node/project-file.js';
import { toReportDiagnostic } from '../../server/src/cli/report.js';
import { LineIndex, createLanguageService } from '../../server/src/core/index.js';

const root = mkdtempSync(join(tmpdir(), 'halint-units-'));
after(() => rmSync(root, { recursive: true, force: true }));

void test('project settings: versions and rules from the nearest .halint.json', () => {
  const project = join(root, 'project');
  mkdirSync(join(project, 'lb1'), { recursive: true });
  mkdirSync(join(project, 'lb2'), { recursive: true });
  writeFileSync(
    join(project, '.halint.json'),
    JSON.stringify({
      haproxy: { version: '2.6' },
      keepalived: { version: '2.4' },
      rules: { 'deprecated-keyword': 'off', 'missing-check': 'error' },
      nodes: { lb1: ['lb1'] },
    }),
  );
  const { settings, configPath } = loadProjectSettings([
    join(project, 'lb1', 'haproxy.cfg'),
    join(project, 'lb2'),
  ]);
  assert.equal(configPath, join(project, '.halint.json'));
  assert.equal(settings.haproxy.version, '2.6');
  assert.equal(settings.keepalived.version, '2.4');
  assert.equal(settings.haproxy.severities['deprecated-keyword'], 'off');
  assert.equal(settings.keepalived.severities['missing-check'], 'error');

  const merged = withVersions(settings, { haproxy: '3.0' });
  assert.equal(merged.haproxy.version, '3.0');
  assert.equal(merged.keepalived.version, '2.4');
  assert.equal(merged.haproxy.severities['deprecated-keyword'], 'off');
});

void test('project settings: a nearer file wins, invalid JSON throws a ConfigError', () => {
  const outer = join(root, 'outer');
  const inner = join(outer, 'inner');
  mkdirSync(inner, { recursive: true });
  writeFileSync(join(outer, '.halint.json'), '{"haproxy": {"version": "2.6"}}');
  writeFileSync(join(inner, '.halint.json'), '{"haproxy": {"version": "2.8"}}');
  assert.equal(loadProjectSettings([inner]).settings.haproxy.version, '2.8');
  assert.equal(loadProjectSettings([outer]).settings.haproxy.version, '2.6');
  writeFileSync(join(inner, '.halint.json'), '{ nope');
  assert.throws(() => loadProjectSettings([inner]), ConfigError);
});

void test('nodes: one per folder, sibling folders in one cluster, one per file without clustering', () => {
  const service = createLanguageService();
  const documents = [
    service.parse('haproxy', '/site/lb2/haproxy.cfg', 'global\n'),
    service.parse('haproxy', '/site/lb1/conf.d/20-web.cfg', 'global\n'),
    service.parse('haproxy', '/site/lb1/haproxy.cfg', 'global\n'),
    service.parse('keepalived', '/site/lb1/keepalived.conf', 'global_defs {\n}\n'),
    service.parse('haproxy', '/elsewhere/haproxy.cfg', 'global\n'),
  ];
  const plans = planNodes(documents, { cluster: true });
  assert.deepEqual(
    plans.map((plan) => [
      plan.id,
      plan.nodes.map((node) => [
        node.name,
        [...node.haproxy, ...node.keepalived].map((file) => file.uri),
      ]),
    ]),
    [
      ['/', [['elsewhere', ['/elsewhere/haproxy.cfg']]]],
      [
        '/site',
        [
          [
            'lb1',
            ['/site/lb1/haproxy.cfg', '/site/lb1/conf.d/20-web.cfg', '/site/lb1/keepalived.conf'],
          ],
          ['lb2', ['/site/lb2/haproxy.cfg']],
        ],
      ],
    ],
  );
  // haproxy.cfg and its conf.d are read as one configuration.
  assert.deepEqual(
    plans[1]?.nodes[0]?.haproxyConfig?.map((document) => document.uri),
    ['/site/lb1/haproxy.cfg', '/site/lb1/conf.d/20-web.cfg'],
  );
  assert.equal(plans[1]?.nodes[1]?.haproxyConfig, undefined);
  assert.deepEqual(
    planNodes(documents, { cluster: false }).map((plan) => plan.nodes.length),
    [1, 1, 1, 1, 1],
  );
});

void test('nodes: files reached through Keepalived includes, nested ones too, are no nodes', () => {
  const service = createLanguageService();
  const texts: Record<string, string> = {
    '/site/lb1/keepalived.conf': 'include conf.d/*.conf\n',
    '/site/lb1/conf.d/a.conf': 'include ../extra/b.conf\n',
    '/site/lb1/extra/b.conf': 'global_defs {\n}\n',
  };
  const documents = Object.entries(texts).map(([uri, text]) =>
    service.parse('keepalived', uri, text),
  );
  const files = {
    readFile: (uri: string) => texts[uri],
    glob: (pattern: string, relativeTo: string) => {
      const base = relativeTo.slice(0, relativeTo.lastIndexOf('/'));
      if (pattern === 'conf.d/*.conf') return [`${base}/conf.d/a.conf`];
      if (pattern === '../extra/b.conf') return ['/site/lb1/extra/b.conf'];
      return [];
    },
  };
  const plans = planNodes(documents, { cluster: true, files });
  assert.deepEqual(
    plans.flatMap((plan) => plan.nodes.map((node) => [node.name, node.keepalived.length])),
    [['lb1', 1]],
  );
});

void test('nodes: a .halint.json mapping names nodes and may share a file', () => {
  const service = createLanguageService();
  const shared = service.parse('keepalived', '/site/shared/keepalived.conf', 'global_defs {\n}\n');
  const plans = planNodes([shared], {
    cluster: true,
    mapping: {
      base: '/site',
      nodes: {
        lb2: { files: ['shared/keepalived.conf'], configId: 'lb2' },
        lb1: { files: ['./shared/../shared/keepalived.conf'], env: { VIP: '10.0.0.1' } },
      },
    },
  });
  assert.equal(plans.length, 1);
  assert.deepEqual(
    plans[0]?.nodes.map((node) => [node.name, node.configId, node.env, node.keepalived.length]),
    [
      ['lb1', undefined, { VIP: '10.0.0.1' }, 1],
      ['lb2', 'lb2', undefined, 1],
    ],
  );
});

void test('github escaping', () => {
  assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
  assert.equal(escapeProperty('dir:x/a,b%.cfg'), 'dir%3Ax/a%2Cb%25.cfg');
});

void test('sarif artifact uris', () => {
  assert.equal(artifactUri('lb1/haproxy.cfg'), 'lb1/haproxy.cfg');
  assert.equal(artifactUri('my dir/a#b.cfg'), 'my%20dir/a%23b.cfg');
  assert.equal(artifactUri('/etc/haproxy/haproxy.cfg'), 'file:///etc/haproxy/haproxy.cfg');
});

void test('summary line wording', () => {
  assert.equal(
    summaryLine({ errors: 2, warnings: 1, info: 0, hints: 0 }, 3),
    '2 errors, 1 warning, 0 info, 0 hints in 3 files',
  );
  assert.equal(
    summaryLine({ errors: 1, warnings: 0, info: 1, hints: 1 }, 1),
    '1 error, 0 warnings, 1 info, 1 hint in 1 file',
  );
});

void test('issues become 1-based UTF-16 positions, in their own file when they name one', () => {
  const text = 'global\n  x "é😀" y\n';
  const other = 'a\nbb\n';
  const indexes = new Map([['inc.conf', new LineIndex(other)]]);
  const lookup = (uri: string): LineIndex | undefined => indexes.get(uri);
  const start = text.indexOf('y');
  const local = toReportDiagnostic(
    {
      code: 'demo',
      severity: 'warning',
      message: 'm',
      start,
      end: start + 1,
      related: [
        { uri: 'inc.conf', start: 3, end: 4, message: 'there' },
        { uri: 'unknown.conf', start: 0, end: 1, message: 'dropped' },
      ],
    },
    'haproxy.cfg',
    new LineIndex(text),
    'haproxy',
    lookup,
  );
  // `é` is one UTF-16 unit and the emoji two: `y` is the 11th unit of line 2.
  assert.deepEqual(local, {
    path: 'haproxy.cfg',
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 12,
    severity: 'warning',
    code: 'demo',
    message: 'm',
    source: 'haproxy',
    related: [{ path: 'inc.conf', line: 2, column: 2, message: 'there' }],
  });

  const elsewhere = toReportDiagnostic(
    {
      code: 'demo',
      severity: 'error',
      message: 'm',
      start: 2,
      end: 4,
      uri: 'inc.conf',
      source: 'cluster',
    },
    'keepalived.conf',
    new LineIndex(text),
    'keepalived',
    lookup,
  );
  assert.equal(elsewhere.path, 'inc.conf');
  assert.equal(elsewhere.source, 'cluster');
  assert.deepEqual(
    [elsewhere.line, elsewhere.column, elsewhere.endLine, elsewhere.endColumn],
    [2, 1, 2, 3],
  );
});
