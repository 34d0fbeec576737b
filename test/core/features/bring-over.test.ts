import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  issueToDiagnostic,
  type Issue,
} from '../../../server/src/core/index.js';
import { pairConfig } from '../../helpers/cluster-nodes.js';
import {
  allFindings,
  analyseFiles,
  applyWorkspaceEdit,
  parseFiles,
  type Files,
} from '../../helpers/node-files.js';

const service = createLanguageService();

/** An HAProxy file of the pair; `backends` follow the frontend. */
function haproxy(backends: string): string {
  return [
    'defaults',
    '    mode http',
    '    timeout connect 5s',
    '    timeout client 30s',
    '    timeout server 30s',
    '',
    'frontend fe_web',
    '    bind 10.0.0.100:80 transparent',
    '    default_backend be_app',
    '',
    backends,
  ].join('\n');
}

const BE_APP = [
  'backend be_app',
  '    balance roundrobin',
  '    server s1 198.51.100.11:8080 check',
  '    server s2 198.51.100.12:8080 check',
  '',
].join('\n');
const BE_API = ['backend be_api', '    server a1 198.51.100.21:9000 check', ''].join('\n');

/** A clean pair: lb1 MASTER 150, lb2 BACKUP 100, a -60 script, the same HAProxy file. */
function pair(overrides: Files = {}): Files {
  return {
    'file:///ws/lb1/keepalived.conf': pairConfig(150, 'MASTER', -60),
    'file:///ws/lb2/keepalived.conf': pairConfig(100, 'BACKUP', -60),
    'file:///ws/lb1/haproxy.cfg': haproxy(BE_APP),
    'file:///ws/lb2/haproxy.cfg': haproxy(BE_APP),
    ...overrides,
  };
}

/** The cross-node findings of `code` in `uri`, with the code actions offered on each. */
function actionsOn(
  files: Files,
  uri: string,
  code: string,
): { issue: Issue; actions: CodeAction[] }[] {
  const analysis = analyseFiles(files);
  const document = parseFiles(files).find((one) => one.uri === uri);
  assert.ok(document, uri);
  return analysis.issues
    .filter((issue) => issue.uri === uri && issue.code === code)
    .map((issue) => {
      const diagnostic = issueToDiagnostic(issue, document.lineIndex);
      const actions = service
        .getCodeActions(
          document,
          { diagnostics: [diagnostic] },
          { settings: DEFAULT_SETTINGS, cluster: analysis },
        )
        .filter((action) => action.title.startsWith('Make '));
      return { issue, actions };
    });
}

function apply(files: Files, action: CodeAction | undefined): Record<string, string> {
  assert.ok(action?.edit, 'an action with an edit');
  return applyWorkspaceEdit(files, action.edit);
}

test('the clean pair has no finding at all', () => {
  assert.deepEqual(allFindings(pair()), []);
});

test('config-drift: a server that differs brings its whole backend over, in both directions', () => {
  const drifted = BE_APP.replace('198.51.100.12', '198.51.100.99');
  const files = pair({ 'file:///ws/lb2/haproxy.cfg': haproxy(drifted) });
  const found = actionsOn(files, 'file:///ws/lb2/haproxy.cfg', 'config-drift');
  assert.equal(found.length, 1);
  const { actions } = found[0]!;
  assert.deepEqual(
    actions.map((action) => [action.title, action.kind, Object.keys(action.edit?.changes ?? {})]),
    [
      ['Make lb2 match lb1', 'quickfix', ['file:///ws/lb2/haproxy.cfg']],
      ['Make lb1 match lb2', 'quickfix', ['file:///ws/lb1/haproxy.cfg']],
    ],
  );
  const toLb1 = apply(files, actions[0]);
  assert.equal(toLb1['file:///ws/lb2/haproxy.cfg'], haproxy(BE_APP));
  assert.deepEqual(allFindings(toLb1), []);
  const toLb2 = apply(files, actions[1]);
  assert.equal(toLb2['file:///ws/lb1/haproxy.cfg'], haproxy(drifted));
  assert.deepEqual(allFindings(toLb2), []);
});

test('config-drift: a backend one node lacks is added there, or taken out of the other', () => {
  const files = pair({ 'file:///ws/lb1/haproxy.cfg': haproxy(`${BE_APP}\n${BE_API}`) });
  const found = actionsOn(files, 'file:///ws/lb1/haproxy.cfg', 'config-drift');
  assert.equal(found.length, 1);
  const { actions } = found[0]!;
  assert.deepEqual(
    actions.map((action) => action.title),
    ['Make lb1 match lb2', 'Make lb2 match lb1'],
  );
  const removed = apply(files, actions[0]);
  assert.equal(removed['file:///ws/lb1/haproxy.cfg'], haproxy(BE_APP));
  assert.deepEqual(allFindings(removed), []);
  const added = apply(files, actions[1]);
  assert.equal(added['file:///ws/lb2/haproxy.cfg'], haproxy(`${BE_APP}\n${BE_API}`));
  assert.deepEqual(allFindings(added), []);
  // The same from lb2's side, where the finding says the backend is missing.
  const [fromLb2] = actionsOn(files, 'file:///ws/lb2/haproxy.cfg', 'config-drift');
  assert.deepEqual(
    apply(files, fromLb2?.actions[0])['file:///ws/lb2/haproxy.cfg'],
    added['file:///ws/lb2/haproxy.cfg'],
  );
});

test('config-drift: a peer line is brought over on its own, into a file without a final newline', () => {
  const peers = (second: string): string =>
    ['peers mesh', '    peer lb1 10.0.0.1:10000', `    peer lb2 ${second}:10000`, ''].join('\n');
  const files = pair({
    'file:///ws/lb1/haproxy.cfg': haproxy(`${BE_APP}\n${peers('10.0.0.2')}`),
    'file:///ws/lb2/haproxy.cfg': haproxy(`${BE_APP}\n${peers('10.0.0.9')}`).trimEnd(),
  });
  const [found] = actionsOn(files, 'file:///ws/lb2/haproxy.cfg', 'config-drift');
  const after = apply(
    files,
    found?.actions.find((action) => action.title === 'Make lb2 match lb1'),
  );
  assert.equal(after['file:///ws/lb2/haproxy.cfg'], files['file:///ws/lb1/haproxy.cfg']);
  assert.deepEqual(allFindings(after), []);
});

test('script-drift: the vrrp_script block is brought over', () => {
  const lb2 = pairConfig(100, 'BACKUP', -60).replace('interval 2', 'interval 5');
  const files = pair({ 'file:///ws/lb2/keepalived.conf': lb2 });
  const found = actionsOn(files, 'file:///ws/lb2/keepalived.conf', 'script-drift');
  assert.equal(found.length, 1);
  const { actions } = found[0]!;
  assert.deepEqual(
    actions.map((action) => action.title),
    ['Make lb2 match lb1', 'Make lb1 match lb2'],
  );
  const toLb1 = apply(files, actions[0]);
  assert.equal(toLb1['file:///ws/lb2/keepalived.conf'], pairConfig(100, 'BACKUP', -60));
  assert.deepEqual(allFindings(toLb1), []);
  const toLb2 = apply(files, actions[1]);
  assert.equal(
    toLb2['file:///ws/lb1/keepalived.conf'],
    pairConfig(150, 'MASTER', -60).replace('interval 2', 'interval 5'),
  );
  assert.deepEqual(allFindings(toLb2), []);
});

test('group-setting-mismatch: a setting one node lacks is added before the closing brace, or removed', () => {
  const withVmac = pairConfig(150, 'MASTER', -60).replace(
    '    advert_int 1\n',
    '    advert_int 1\n    use_vmac\n',
  );
  const files = pair({ 'file:///ws/lb1/keepalived.conf': withVmac });
  const found = actionsOn(files, 'file:///ws/lb2/keepalived.conf', 'group-setting-mismatch');
  assert.equal(found.length, 1);
  const { actions } = found[0]!;
  assert.deepEqual(
    actions.map((action) => action.title),
    ['Make lb2 match lb1', 'Make lb1 match lb2'],
  );
  const added = apply(files, actions[0]);
  const lb2 = added['file:///ws/lb2/keepalived.conf'] ?? '';
  assert.match(lb2, / {4}\}\n {4}use_vmac\n\}\n$/);
  assert.deepEqual(allFindings(added), []);
  const removed = apply(files, actions[1]);
  assert.equal(removed['file:///ws/lb1/keepalived.conf'], pairConfig(150, 'MASTER', -60));
  assert.deepEqual(allFindings(removed), []);
});

test('no action from a stale analysis, nor for other rules, nor without the cluster', () => {
  const drifted = BE_APP.replace('198.51.100.12', '198.51.100.99');
  const files = pair({ 'file:///ws/lb2/haproxy.cfg': haproxy(drifted) });
  const analysis = analyseFiles(files);
  const issue = analysis.issues.find(
    (one) => one.code === 'config-drift' && one.uri?.includes('lb2'),
  );
  assert.ok(issue);
  const edited = service.parse(
    'haproxy',
    'file:///ws/lb2/haproxy.cfg',
    `# edited\n${haproxy(drifted)}`,
  );
  const stale = issueToDiagnostic(
    { ...issue, start: issue.start + 9, end: issue.end + 9 },
    edited.lineIndex,
  );
  const titles = (document = edited, cluster: typeof analysis | undefined = analysis): string[] =>
    service
      .getCodeActions(
        document,
        { diagnostics: [stale] },
        { settings: DEFAULT_SETTINGS, ...(cluster ? { cluster } : {}) },
      )
      .map((action) => action.title);
  assert.deepEqual(titles(), ['Disable config-drift on this line']);
  const current = parseFiles(files).find((one) => one.uri === 'file:///ws/lb2/haproxy.cfg')!;
  const fresh = issueToDiagnostic(issue, current.lineIndex);
  assert.deepEqual(
    service
      .getCodeActions(current, { diagnostics: [fresh] }, { settings: DEFAULT_SETTINGS })
      .map((action) => action.title),
    ['Disable config-drift on this line'],
  );
  assert.deepEqual(
    service
      .getCodeActions(
        current,
        { diagnostics: [{ ...fresh, code: 'vrid-mismatch' }] },
        { settings: DEFAULT_SETTINGS, cluster: analysis },
      )
      .map((action) => action.title),
    ['Disable vrid-mismatch on this line'],
  );
});
