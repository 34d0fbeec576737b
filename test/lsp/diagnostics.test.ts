import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  type ParsedDocument,
  type ServiceSettings,
} from '../../server/src/core/index.js';
import {
  DiagnosticsPublisher,
  MAX_DIAGNOSTICS_PER_DOCUMENT,
} from '../../server/src/lsp/diagnostics.js';
import type { Logger } from '../../server/src/lsp/logger.js';
import { waitFor } from '../helpers/lsp-harness.js';

interface Sent {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

/** A settings request the test answers when it wants to. */
interface Pending {
  readonly uri: string;
  readonly resolve: (settings: ServiceSettings) => void;
}

/**
 * A publisher over real snapshots with every other dependency faked: settings requests wait for
 * the test to answer them (or are answered at once), sent lists and log lines are recorded, and
 * each "diagnostic" just names the snapshot version it was computed from.
 */
function setup(
  options: { manual?: boolean; delayMs?: number; count?: number; extra?: boolean } = {},
) {
  /** Whether the cluster analysis has caught up (the test flips it). */
  const cluster = { current: true };
  const service = createLanguageService();
  const documents = new Map<string, ParsedDocument>();
  const sent: Sent[] = [];
  const logs: string[] = [];
  const pending: Pending[] = [];
  const log: Logger = {
    error: (message) => logs.push(`error: ${message}`),
    warn: (message) => logs.push(`warn: ${message}`),
    info: (message) => logs.push(`info: ${message}`),
  };
  let failing = false;
  const getDiagnostics = (document: ParsedDocument) => {
    if (failing) throw new Error('rule crashed');
    return Array.from({ length: options.count ?? 1 }, () => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `v${document.version}`,
    }));
  };
  const publisher = new DiagnosticsPublisher({
    service: { getDiagnostics },
    documents: { get: (uri) => documents.get(uri), all: () => [...documents.values()] },
    settingsFor: (uri) =>
      options.manual
        ? new Promise((resolve) => pending.push({ uri, resolve }))
        : Promise.resolve(DEFAULT_SETTINGS),
    send: (params) => {
      sent.push(params);
      return Promise.resolve();
    },
    log,
    delayMs: options.delayMs ?? 5,
    extraCurrent: () => cluster.current,
    // One cross-node "finding" per file that names it.
    extra: (uri) =>
      options.extra
        ? [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              message: `cluster of ${uri}`,
            },
          ]
        : [],
  });
  const put = (uri: string, version: number): void => {
    documents.set(uri, service.parse('haproxy', uri, `# v${version}\n`, version));
  };
  const failNext = (): void => {
    failing = true;
  };
  return { publisher, documents, sent, logs, pending, put, failNext, cluster };
}

const sentFor = (sent: Sent[], uri: string) => sent.filter((entry) => entry.uri === uri);

void describe('DiagnosticsPublisher', () => {
  void it('publishes an opened document with its version', async () => {
    const { publisher, sent, put } = setup();
    put('a', 1);
    publisher.publishNow('a');
    const [first] = await waitFor(() => (sent.length > 0 ? sent : undefined), 'a publish');
    assert.deepEqual(first && { uri: first.uri, version: first.version }, { uri: 'a', version: 1 });
    assert.equal(first?.diagnostics[0]?.message, 'v1');
  });

  void it('publishes one result for a burst of edits, for the latest version', async () => {
    const { publisher, sent, put } = setup({ delayMs: 20 });
    for (let version = 1; version <= 5; version++) {
      put('a', version);
      publisher.schedule('a');
    }
    await waitFor(() => (sent.length > 0 ? true : undefined), 'a publish');
    // A later timer of another document is a barrier: a stray timer for `a` would fire before it.
    put('b', 1);
    publisher.schedule('b');
    await waitFor(() => (sentFor(sent, 'b').length > 0 ? true : undefined), 'the barrier');
    assert.deepEqual(
      sentFor(sent, 'a').map((entry) => entry.version),
      [5],
    );
  });

  void it('drops a result whose settings arrive after a newer edit', async () => {
    const { publisher, sent, pending, put } = setup({ manual: true, delayMs: 1 });
    put('a', 1);
    publisher.publishNow('a');
    await waitFor(() => (pending.length === 1 ? true : undefined), 'the first settings request');
    put('a', 2);
    publisher.schedule('a');
    // Documents are validated one at a time: the newer run starts once the older one is done,
    // and the older one, whose settings arrive after the edit, must publish nothing.
    pending[0]?.resolve(DEFAULT_SETTINGS);
    const second = await waitFor(() => pending[1], 'the second settings request');
    second.resolve(DEFAULT_SETTINGS);
    await waitFor(() => (sent.length === 1 ? true : undefined), 'the newer result');
    put('b', 1);
    publisher.publishNow('b');
    const barrier = await waitFor(() => pending[2], 'the barrier request');
    barrier.resolve(DEFAULT_SETTINGS);
    await waitFor(() => (sentFor(sent, 'b').length > 0 ? true : undefined), 'the barrier');
    assert.deepEqual(
      sentFor(sent, 'a').map((entry) => entry.version),
      [2],
    );
  });

  void it('clears a closed document and drops its pending work', async () => {
    const { publisher, documents, sent, pending, put } = setup({ manual: true });
    put('a', 1);
    publisher.publishNow('a');
    await waitFor(() => (pending.length === 1 ? true : undefined), 'a settings request');
    documents.delete('a');
    publisher.clear('a');
    pending[0]?.resolve(DEFAULT_SETTINGS);
    put('b', 1);
    publisher.publishNow('b');
    await waitFor(() => (pending.length === 2 ? true : undefined), 'the barrier request');
    pending[1]?.resolve(DEFAULT_SETTINGS);
    await waitFor(() => (sentFor(sent, 'b').length > 0 ? true : undefined), 'the barrier');
    assert.deepEqual(sentFor(sent, 'a'), [{ uri: 'a', diagnostics: [] }]);
  });

  void it('re-validates every open document', async () => {
    const { publisher, sent, put } = setup();
    put('a', 1);
    put('b', 4);
    publisher.revalidateAll();
    await waitFor(() => (sent.length === 2 ? true : undefined), 'two publishes');
    assert.deepEqual(sent.map((entry) => `${entry.uri}@${entry.version}`).sort(), ['a@1', 'b@4']);
  });

  void it('caps the number of diagnostics per document', async () => {
    const { publisher, sent, logs, put } = setup({ count: MAX_DIAGNOSTICS_PER_DOCUMENT + 500 });
    put('a', 1);
    publisher.publishNow('a');
    const [first] = await waitFor(() => (sent.length > 0 ? sent : undefined), 'a publish');
    assert.equal(first?.diagnostics.length, MAX_DIAGNOSTICS_PER_DOCUMENT);
    assert.deepEqual(logs, [`info: a: showing the first 1000 of 1500 problems`]);
  });

  void it('logs a failing validation instead of throwing', async () => {
    const { publisher, sent, logs, put, failNext } = setup();
    put('a', 1);
    failNext();
    publisher.publishNow('a');
    await waitFor(() => (logs.length > 0 ? true : undefined), 'an error line');
    assert.match(logs[0] ?? '', /^error: Validating a failed: Error: rule crashed/);
    assert.deepEqual(sent, []);
  });

  void it('stops pending timers on dispose', async () => {
    const { publisher, sent, put } = setup({ delayMs: 1 });
    put('a', 1);
    publisher.schedule('a');
    publisher.dispose();
    // A second publisher's timer, started later with the same delay, is the barrier.
    const other = setup({ delayMs: 1 });
    other.put('b', 1);
    other.publisher.schedule('b');
    await waitFor(() => (other.sent.length > 0 ? true : undefined), 'the barrier');
    assert.deepEqual(sent, []);
  });

  void it('validates the most recently changed document first', async () => {
    const { publisher, sent, put } = setup();
    for (const uri of ['a', 'b', 'c']) put(uri, 1);
    publisher.schedule('b');
    publisher.schedule('c');
    publisher.schedule('a');
    // Due at once, in another order than they changed.
    publisher.revalidateAll();
    await waitFor(() => (sent.length === 3 ? true : undefined), 'three publishes');
    assert.deepEqual(
      sent.map((entry) => entry.uri),
      ['a', 'c', 'b'],
    );
  });

  void it('orders many due documents by their last change, closed files last', async () => {
    const { publisher, sent, put } = setup();
    const uris = Array.from({ length: 300 }, (_, i) => `d${i}`);
    for (const uri of uris) put(uri, 1);
    // Changed in a scrambled order, then all due at once (a settings change).
    const changed = uris.map((_, i) => uris[(i * 7) % uris.length] as string);
    for (const uri of changed) publisher.schedule(uri);
    publisher.revalidateAll();
    // Closed files whose cluster findings moved never changed here: they go last, as they came.
    publisher.refresh(['gone-b', 'gone-a']);
    // An edit while due: the document goes first, and validated again once its quiet time ends.
    const typed = changed[10] as string;
    publisher.schedule(typed);
    await waitFor(() => (sent.length >= uris.length + 3 ? true : undefined), 'every publish');
    assert.deepEqual(
      sent.map((entry) => entry.uri),
      [typed, typed, ...changed.filter((uri) => uri !== typed).reverse(), 'gone-b', 'gone-a'],
    );
  });

  void it("holds older documents' publications while a newer edit waits for its quiet time", async () => {
    const { publisher, sent, put } = setup({ delayMs: 50 });
    put('other', 1);
    put('typed', 1);
    publisher.publishNow('other');
    publisher.schedule('typed');
    // The cluster findings of the other file moved before the typed file's timer fired.
    publisher.refresh(['other']);
    await waitFor(() => (sent.length >= 2 ? true : undefined), 'both publishes');
    assert.deepEqual(
      sent.map((entry) => entry.uri),
      ['typed', 'other'],
    );
  });

  void it('publishes nothing while the cluster analysis is behind, then after its pass', async () => {
    const { publisher, documents, sent, put, cluster } = setup({ extra: true });
    put('a', 1);
    cluster.current = false;
    publisher.publishNow('a');
    documents.delete('a');
    publisher.clear('a');
    put('b', 1);
    publisher.publishNow('b');
    // A pass that is still behind (an edit came in during it) releases nothing either.
    publisher.clusterSettled();
    // A file that the analysis is not behind for is the barrier.
    const { publisher: other, sent: otherSent, put: otherPut } = setup();
    otherPut('c', 1);
    other.publishNow('c');
    await waitFor(() => (otherSent.length > 0 ? true : undefined), 'the barrier');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, []);
    cluster.current = true;
    publisher.clusterSettled();
    await waitFor(() => (sent.length === 2 ? true : undefined), 'the waiting publications');
    assert.deepEqual(
      sent.map((entry: Sent) => [entry.uri, entry.diagnostics.map((d: Diagnostic) => d.message)]),
      [
        ['b', ['v1', 'cluster of b']],
        ['a', ['cluster of a']],
      ],
    );
  });
});
