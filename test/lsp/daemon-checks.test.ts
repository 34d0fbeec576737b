// Through the bundled server over stdio, with the real Debian daemons: saving a file runs the
// daemon's own check on its node, its findings join ours without saying the same thing twice, an
// edit hides them until the text is the checked one again, and nothing runs in an untrusted
// workspace, with `on: demand`, or from a command a `.halint.json` tries to set. Assumes dist/
// is built.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { daemonMissing, daemonPath } from '../helpers/daemons.js';
import {
  DAEMON_HAPROXY as HAPROXY,
  DAEMON_KEEPALIVED as KEEPALIVED,
} from '../helpers/daemon-fixtures.js';
import { LspTestClient, type PublishedDiagnostics } from '../helpers/lsp-harness.js';
import type { DaemonCheckResult, DaemonCheckRun } from '../../server/src/lsp/protocol.js';

const missing =
  daemonPath('haproxy-2.6') === undefined || daemonPath('keepalived-2.2') === undefined;
if (missing) console.log(`# skipped: daemon checks over stdio: ${daemonMissing('haproxy-2.6')}`);

const fromDaemon = (published: PublishedDiagnostics | undefined, code: string): Diagnostic[] =>
  (published?.diagnostics ?? []).filter((diagnostic) => diagnostic.code === code);

/** A workspace with one node, lb1, and a client started on it with `options`. */
async function start(
  options: Record<string, unknown>,
  settingsFile?: unknown,
): Promise<{ client: LspTestClient; folder: string; haproxy: string; keepalived: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'halint-daemon-lsp-'));
  mkdirSync(join(folder, 'lb1'));
  writeFileSync(join(folder, 'lb1', 'haproxy.cfg'), HAPROXY);
  writeFileSync(join(folder, 'lb1', 'keepalived.conf'), KEEPALIVED);
  if (settingsFile !== undefined) {
    writeFileSync(join(folder, '.halint.json'), JSON.stringify(settingsFile));
  }
  const root = pathToFileURL(folder).href;
  const client = LspTestClient.stdio();
  client.notifications('ha/daemonCheckStatus');
  await client.initialize({
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'pair' }],
    initializationOptions: {
      haproxy: { version: '2.6', validate: { preset: 'local' } },
      keepalived: { validate: { preset: 'local' } },
      ...options,
    },
  });
  return {
    client,
    folder,
    haproxy: pathToFileURL(join(folder, 'lb1', 'haproxy.cfg')).href,
    keepalived: pathToFileURL(join(folder, 'lb1', 'keepalived.conf')).href,
  };
}

const statuses = (client: LspTestClient): DaemonCheckRun[] =>
  client.notifications('ha/daemonCheckStatus') as DaemonCheckRun[];

const checkNow = (client: LspTestClient, uri: string): Promise<DaemonCheckResult> =>
  client.connection.sendRequest<DaemonCheckResult>('ha/daemonCheck', { uri });

describe('daemon checks over stdio', { skip: missing }, () => {
  describe('on save, in a trusted workspace', () => {
    let setup: Awaited<ReturnType<typeof start>>;
    before(async () => {
      setup = await start({});
    });
    after(async () => {
      await setup.client.dispose();
      rmSync(setup.folder, { recursive: true, force: true });
    });

    it('shows what haproxy -c says on the line it names, with its version as the source', async () => {
      const { client, haproxy } = setup;
      await client.open(haproxy, 'haproxy', HAPROXY);
      await client.waitForDiagnostics(haproxy, () => true);
      assert.deepEqual(fromDaemon(client.latest(haproxy), 'haproxy-check'), []);
      await client.save(haproxy);
      const published = await client.waitForDiagnostics(
        haproxy,
        (latest) => fromDaemon(latest, 'haproxy-check').length > 0,
        'the findings of haproxy -c',
      );
      const [finding] = fromDaemon(published, 'haproxy-check');
      assert.ok(finding);
      assert.equal(finding.range.start.line, 10);
      assert.equal(finding.severity, 1);
      assert.match(finding.message, /unable to stat SSL certificate/);
      assert.match(String(finding.source), /^haproxy -c 2\.6\.\d+/);
      const done = await client.waitFor(
        () => statuses(client).find((run) => run.state === 'done' && run.daemon === 'haproxy'),
        'the status of the run',
      );
      assert.equal(done.node, 'lb1');
      assert.equal(done.errors, 1);
      assert.match(done.version ?? '', /^2\.6\./);
    });

    it('hides them while the text differs from the checked one, and shows them again after an undo', async () => {
      const { client, haproxy } = setup;
      const edited = `# a comment\n${HAPROXY}`;
      await client.change(haproxy, 2, [{ text: edited }]);
      await client.waitForDiagnostics(
        haproxy,
        (latest) => latest.version === 2 && fromDaemon(latest, 'haproxy-check').length === 0,
        'the findings hidden after an edit',
      );
      await client.change(haproxy, 3, [{ text: HAPROXY }]);
      await client.waitForDiagnostics(
        haproxy,
        (latest) => latest.version === 3 && fromDaemon(latest, 'haproxy-check').length === 1,
        'the findings back on the checked text',
      );
    });

    it('merges what both say: ours stays, with the daemon’s words attached; the rest is added', async () => {
      const { client, keepalived } = setup;
      await client.open(keepalived, 'keepalived', KEEPALIVED);
      await client.save(keepalived);
      const published = await client.waitForDiagnostics(
        keepalived,
        (latest) => fromDaemon(latest, 'keepalived-check').length > 0,
        'the findings of keepalived -t',
      );
      const ours = published.diagnostics.filter((d) => d.code === 'invalid-argument');
      assert.equal(ours.length, 1, JSON.stringify(published.diagnostics));
      assert.match(
        ours[0]?.relatedInformation?.[0]?.message ?? '',
        /^keepalived -t: number '300' outside range/,
      );
      const theirs = fromDaemon(published, 'keepalived-check');
      assert.ok(theirs.some((d) => /Priority not valid/.test(d.message) && d.severity === 2));
      assert.ok(
        theirs.every((d) => !/outside range/.test(d.message)),
        'the words ours already says are not shown twice',
      );
      assert.ok(theirs.every((d) => d.range.start.line === 4));
    });
  });

  describe('when checks must not run', () => {
    const folders: string[] = [];
    const clients: LspTestClient[] = [];
    after(async () => {
      for (const client of clients) await client.dispose();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it('runs nothing in an untrusted workspace, until the client says it is trusted', async () => {
      const { client, folder, haproxy } = await start({ workspaceTrusted: false });
      clients.push(client);
      folders.push(folder);
      await client.open(haproxy, 'haproxy', HAPROXY);
      await client.save(haproxy);
      const refused = await checkNow(client, haproxy);
      assert.deepEqual(
        refused.runs.map((run) => [run.state, run.note]),
        [['skipped', 'this workspace is not trusted']],
      );
      await client.connection.sendNotification('ha/workspaceTrust', { trusted: true });
      const ran = await checkNow(client, haproxy);
      assert.deepEqual(
        ran.runs.map((run) => run.state),
        ['done'],
      );
      // One run in all: the save in the untrusted workspace started none.
      assert.equal(statuses(client).filter((run) => run.state === 'running').length, 1);
    });

    it('with on: demand, a save runs nothing and the request does', async () => {
      const { client, folder, haproxy } = await start({
        haproxy: { version: '2.6', validate: { preset: 'local', on: 'demand' } },
      });
      clients.push(client);
      folders.push(folder);
      await client.open(haproxy, 'haproxy', HAPROXY);
      await client.save(haproxy);
      const ran = await checkNow(client, haproxy);
      assert.deepEqual(
        ran.runs.map((run) => run.state),
        ['done'],
      );
      assert.equal(statuses(client).filter((run) => run.state === 'running').length, 1);
      await client.waitForDiagnostics(
        haproxy,
        (latest) => fromDaemon(latest, 'haproxy-check').length === 1,
        'the findings of the check on demand',
      );
    });

    it('never runs a command a .halint.json names, and says so in the log', async () => {
      const { client, folder, haproxy } = await start(
        { haproxy: { version: '2.6' }, keepalived: {} },
        { haproxy: { validate: { command: ['touch', 'pwned'] } } },
      );
      clients.push(client);
      folders.push(folder);
      await client.open(haproxy, 'haproxy', HAPROXY);
      const result = await checkNow(client, haproxy);
      assert.deepEqual(
        result.runs.map((run) => [run.state, run.note]),
        [['skipped', 'haproxy checks are off']],
      );
      await client.waitFor(
        () =>
          client.logs.find((entry) => /may not set haproxy\.validate\.command/.test(entry.message)),
        'the warning about the command in .halint.json',
      );
    });
  });
});
