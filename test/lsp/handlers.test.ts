import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  CancellationTokenSource,
  RequestType,
  ResponseError,
  type CancellationToken,
  type Disposable,
} from 'vscode-jsonrpc';
import { createLanguageService, type ParsedDocument } from '../../server/src/core/index.js';
import {
  guardNotification,
  guardRequest,
  HandlerRegistry,
  type HandlerHost,
} from '../../server/src/lsp/handlers.js';
import type { Logger } from '../../server/src/lsp/logger.js';
import { waitFor } from '../helpers/lsp-harness.js';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (message) => lines.push(`error: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
  };
}

const live = (): CancellationToken => new CancellationTokenSource().token;

void describe('guardRequest', () => {
  void it('answers a request cancelled before it starts without doing the work', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    let ran = false;
    const handler = guardRequest('x/y', () => (ran = true), false, recordingLog());
    const answer = await handler({}, source.token);
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, -32800);
    assert.equal(ran, false);
  });

  void it('refuses requests after shutdown', async () => {
    const handler = guardRequest(
      'x/y',
      () => 1,
      0,
      recordingLog(),
      () => true,
    );
    const answer = await handler({}, live());
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, -32600);
  });

  void it('turns a thrown exception or a rejection into a logged fallback answer', async () => {
    const log = recordingLog();
    const throwing = guardRequest<unknown, string[]>(
      'x/throws',
      () => {
        throw new TypeError('bad params');
      },
      [],
      log,
    );
    const rejecting = guardRequest<unknown, null>(
      'x/rejects',
      () => Promise.reject(new Error('later')),
      null,
      log,
    );
    assert.deepEqual(await throwing({}, live()), []);
    assert.equal(await rejecting({}, live()), null);
    assert.equal(log.lines.length, 2);
    assert.match(log.lines[0] ?? '', /^error: x\/throws failed: TypeError: bad params/);
    assert.match(log.lines[1] ?? '', /^error: x\/rejects failed: Error: later/);
  });

  void it('passes the answer and the token through', async () => {
    const token = live();
    const handler = guardRequest(
      'x/y',
      (params: number, seen) => {
        assert.equal(seen, token);
        return params * 2;
      },
      0,
      recordingLog(),
    );
    assert.equal(await handler(21, token), 42);
  });
});

void describe('guardNotification', () => {
  void it('logs synchronous and asynchronous failures', async () => {
    const log = recordingLog();
    guardNotification(
      'n/sync',
      () => {
        throw new Error('now');
      },
      log,
    )({});
    guardNotification('n/async', () => Promise.reject(new Error('soon')), log)({});
    await waitFor(() => (log.lines.length === 2 ? true : undefined), 'two error lines');
    assert.match(log.lines[0] ?? '', /^error: n\/sync failed: Error: now/);
    assert.match(log.lines[1] ?? '', /^error: n\/async failed: Error: soon/);
  });

  void it('drops notifications after shutdown', () => {
    let ran = false;
    guardNotification(
      'n/x',
      () => void (ran = true),
      recordingLog(),
      () => true,
    )({});
    assert.equal(ran, false);
  });
});

void describe('HandlerRegistry', () => {
  /** Collects registered request handlers by method instead of wiring a connection. */
  function fakeHost() {
    const requests = new Map<string, (params: unknown, token: CancellationToken) => unknown>();
    const none: Disposable = { dispose: () => undefined };
    const host: HandlerHost = {
      onRequest: (type, handler) => {
        requests.set(
          type.method,
          handler as (params: unknown, token: CancellationToken) => unknown,
        );
        return none;
      },
      onNotification: () => none,
    };
    return { host, requests };
  }

  void it('routes document requests to the cached snapshot, or answers the fallback', async () => {
    const document = createLanguageService().parse('haproxy', 'file:///a/haproxy.cfg', 'global\n');
    const { host, requests } = fakeHost();
    const registry = new HandlerRegistry(
      host,
      { get: (uri) => (uri === document.uri ? document : undefined) },
      recordingLog(),
    );
    const type = new RequestType<{ textDocument: { uri: string } }, string | null, void>('x/doc');
    registry.documentRequest(type, (doc: ParsedDocument) => doc.languageId, null);
    const handler = requests.get('x/doc');
    assert.ok(handler);
    assert.equal(await handler({ textDocument: { uri: document.uri } }, live()), 'haproxy');
    assert.equal(await handler({ textDocument: { uri: 'file:///other' } }, live()), null);
  });

  void it('refuses with ContentModified an answer read from a snapshot an edit replaced', async () => {
    const service = createLanguageService();
    const uri = 'file:///a/haproxy.cfg';
    let current = service.parse('haproxy', uri, 'global\n', 1);
    const { host, requests } = fakeHost();
    const log = recordingLog();
    const registry = new HandlerRegistry(
      host,
      { get: (asked) => (asked === uri ? current : undefined) },
      log,
    );
    let release: () => void = () => undefined;
    const waited = new Promise<void>((resolve) => (release = resolve));
    const type = new RequestType<{ textDocument: { uri: string } }, number | null, void>('x/slow');
    registry.documentRequest(
      type,
      async (doc: ParsedDocument) => {
        await waited;
        return doc.version;
      },
      null,
    );
    const handler = requests.get('x/slow');
    assert.ok(handler);
    // Unchanged while it waits: the answer stands.
    const first = handler({ textDocument: { uri } }, live());
    release();
    assert.equal(await first, 1);
    // An edit arrives while it waits: the answer is refused, not sent for the old text.
    const slow = new Promise<void>((resolve) => (release = resolve));
    registry.documentRequest(
      new RequestType<{ textDocument: { uri: string } }, number | null, void>('x/slower'),
      async (doc: ParsedDocument) => {
        await slow;
        return doc.version;
      },
      null,
    );
    const second = requests.get('x/slower')?.({ textDocument: { uri } }, live());
    current = service.update(current, [{ start: 0, end: 0, text: '# x\n' }], 2);
    release();
    const answer = await second;
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, -32801);
    assert.deepEqual(log.lines, []);
  });
});
