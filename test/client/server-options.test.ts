import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildClientOptions,
  buildDocumentSelector,
  buildServerOptions,
  DEBUG_INSPECT_PORT,
  IPC_TRANSPORT,
  SERVER_ENVIRONMENT,
  SERVER_MODULE,
  SERVER_NODE_FLAGS,
  type OutputChannel,
} from '../../client/src/server-options.js';

void describe('server options', () => {
  void it('runs and debugs the same bundled module over IPC', () => {
    const options = buildServerOptions('/ext/dist/server.cjs');
    assert.equal(SERVER_MODULE, 'dist/server.cjs');
    assert.equal(options.run.module, '/ext/dist/server.cjs');
    assert.equal(options.debug.module, '/ext/dist/server.cjs');
    // TransportKind.ipc in vscode-languageclient (stdio 0, ipc 1, pipe 2, socket 3).
    assert.equal(IPC_TRANSPORT, 1);
    assert.equal(options.run.transport, IPC_TRANSPORT);
    assert.equal(options.debug.transport, IPC_TRANSPORT);
    // Both start V8 with the server's flags (a capped young generation).
    assert.deepEqual(options.run.options?.execArgv, ['--max-semi-space-size=4']);
    assert.deepEqual(SERVER_NODE_FLAGS, ['--max-semi-space-size=4']);
    assert.deepEqual(options.debug.options?.execArgv?.slice(0, 1), ['--max-semi-space-size=4']);
  });

  void it("keeps the editor's environment and adds the server's", () => {
    const options = buildServerOptions('/x/server.cjs', {
      PATH: '/usr/bin',
      MALLOC_ARENA_MAX: '8',
    });
    assert.deepEqual(SERVER_ENVIRONMENT, {
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
    assert.deepEqual(options.run.options?.env, {
      PATH: '/usr/bin',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
    assert.deepEqual(options.debug.options?.env, options.run.options?.env);
  });

  void it('opens the inspector on port 6009 in debug mode only', () => {
    const options = buildServerOptions('/x/server.cjs');
    assert.equal(DEBUG_INSPECT_PORT, 6009);
    assert.ok(options.debug.options?.execArgv?.includes('--inspect=6009'));
  });
});

void describe('client options', () => {
  void it('selects both languages in saved and untitled documents only', () => {
    assert.deepEqual(buildDocumentSelector(), [
      { scheme: 'file', language: 'haproxy' },
      { scheme: 'untitled', language: 'haproxy' },
      { scheme: 'file', language: 'keepalived' },
      { scheme: 'untitled', language: 'keepalived' },
    ]);
  });

  void it('forwards both settings sections and uses the given output channel', () => {
    const channel = { name: 'fake' } as unknown as OutputChannel;
    const options = buildClientOptions(channel);
    assert.deepEqual(options.synchronize?.configurationSection, ['haproxy', 'keepalived']);
    assert.equal(options.outputChannel, channel);
    assert.deepEqual(options.documentSelector, buildDocumentSelector());
    // VS Code's language ids are the user's choice; the server keeps them over file names.
    assert.deepEqual(options.initializationOptions, {
      explicitLanguageIds: true,
      workspaceTrusted: true,
    });
  });

  void it('tells the server when the workspace is not trusted (no daemon checks run there)', () => {
    const channel = { name: 'fake' } as unknown as OutputChannel;
    const options = buildClientOptions(channel, false) as {
      initializationOptions?: { workspaceTrusted?: unknown };
    };
    assert.equal(options.initializationOptions?.workspaceTrusted, false);
  });
});
