import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/core/index.js';
import type { Logger } from '../../server/src/lsp/logger.js';
import {
  combineSettings,
  layerSettings,
  pushedSections,
  readValidationTiming,
  SettingsFiles,
  SettingsProvider,
  type ConfigurationPull,
} from '../../server/src/lsp/settings.js';

/** A logger that keeps its lines for assertions. */
function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (message) => lines.push(`error: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
  };
}

void describe('combineSettings', () => {
  void it('falls back to the defaults for missing or malformed input', () => {
    for (const [file, editor] of [
      [undefined, undefined],
      [null, 'x'],
      [42, [1, 2]],
      [{ haproxy: 'x' }, { haproxy: null, keepalived: 7 }],
    ]) {
      assert.deepEqual(combineSettings(file, editor), DEFAULT_SETTINGS);
    }
  });

  void it('lets editor severities win over the file', () => {
    const settings = combineSettings(
      { rules: { 'unterminated-quote': 'off', 'missing-close-brace': 'warning' } },
      { haproxy: { diagnostics: { 'unterminated-quote': 'hint' } } },
    );
    assert.deepEqual(settings.haproxy.severities, {
      'unterminated-quote': 'hint',
      'missing-close-brace': 'warning',
    });
    assert.deepEqual(settings.keepalived.severities, {
      'unterminated-quote': 'off',
      'missing-close-brace': 'warning',
    });
  });

  void it("keeps the file's version over the editor's, which always reports one", () => {
    const settings = combineSettings(
      { haproxy: { version: '2.6' } },
      { haproxy: { version: '3.2' }, keepalived: { version: '2.3' } },
    );
    assert.equal(settings.haproxy.version, '2.6');
    assert.equal(settings.keepalived.version, '2.3');
  });
});

void describe('SettingsFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'ha-lsp-settings-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const uriOf = (...parts: string[]): string => pathToFileURL(join(root, ...parts)).href;

  void it('reads the nearest file above the document, through folders that do not exist', async () => {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', '.halint.json'), '{"rules": {"x": "off"}}');
    writeFileSync(join(root, 'a', 'b', '.halint.json'), '\uFEFF{"rules": {"y": "off"}}');
    const files = new SettingsFiles(recordingLog());
    assert.deepEqual(await files.forUri(uriOf('a', 'haproxy.cfg')), { rules: { x: 'off' } });
    assert.deepEqual(await files.forUri(uriOf('a', 'b', 'c', 'd', 'haproxy.cfg')), {
      rules: { y: 'off' },
    });
  });

  void it('has nothing for non-file URIs or when no file exists', async () => {
    const files = new SettingsFiles(recordingLog());
    assert.equal(await files.forUri('untitled:Untitled-1'), undefined);
    assert.equal(await files.forUri('not a uri'), undefined);
    mkdirSync(join(root, 'empty'), { recursive: true });
    // Only meaningful where no .halint.json sits above the temp folder, which is the normal case.
    assert.equal(await files.forUri(uriOf('empty', 'keepalived.conf')), undefined);
  });

  void it('ignores a malformed file with a warning', async () => {
    mkdirSync(join(root, 'bad'), { recursive: true });
    writeFileSync(join(root, 'bad', '.halint.json'), '{"rules": ');
    const log = recordingLog();
    assert.equal(await new SettingsFiles(log).forUri(uriOf('bad', 'haproxy.cfg')), undefined);
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0] ?? '', /^warn: Ignoring .*\.halint\.json/);
  });

  void it('caches lookups and contents until cleared', async () => {
    mkdirSync(join(root, 'cached'), { recursive: true });
    const file = join(root, 'cached', '.halint.json');
    writeFileSync(file, '{"haproxy": {"version": "2.6"}}');
    const files = new SettingsFiles(recordingLog());
    const uri = uriOf('cached', 'haproxy.cfg');
    assert.deepEqual(await files.forUri(uri), { haproxy: { version: '2.6' } });
    writeFileSync(file, '{"haproxy": {"version": "2.8"}}');
    assert.deepEqual(await files.forUri(uri), { haproxy: { version: '2.6' } });
    files.clear();
    assert.deepEqual(await files.forUri(uri), { haproxy: { version: '2.8' } });
  });
});

void describe('SettingsProvider', () => {
  const uri = 'untitled:haproxy.cfg';

  /** A pull that counts its calls and answers what `answer` says. */
  function countingPull(answer: () => Promise<unknown>): ConfigurationPull & { calls: number } {
    const pull = Object.assign(
      (items: unknown[]) => {
        pull.calls++;
        assert.deepEqual(items, [
          { scopeUri: uri, section: 'haproxy' },
          { scopeUri: uri, section: 'keepalived' },
        ]);
        return answer();
      },
      { calls: 0 },
    );
    return pull;
  }

  void it('does not ask a client without the capability', async () => {
    const pull = countingPull(() => Promise.resolve([]));
    const provider = new SettingsProvider(pull, new SettingsFiles(recordingLog()), recordingLog());
    assert.deepEqual(await provider.forDocument(uri), DEFAULT_SETTINGS);
    assert.equal(pull.calls, 0);
  });

  void it('asks once per document until the configuration changes', async () => {
    let severity = 'off';
    const pull = countingPull(() =>
      Promise.resolve([{ diagnostics: { 'unterminated-quote': severity } }, null]),
    );
    const provider = new SettingsProvider(pull, new SettingsFiles(recordingLog()), recordingLog());
    provider.setPullSupported(true);
    assert.equal((await provider.forDocument(uri)).haproxy.severities['unterminated-quote'], 'off');
    severity = 'hint';
    assert.equal((await provider.forDocument(uri)).haproxy.severities['unterminated-quote'], 'off');
    assert.equal(pull.calls, 1);
    provider.clearEditorSettings();
    assert.equal(
      (await provider.forDocument(uri)).haproxy.severities['unterminated-quote'],
      'hint',
    );
    assert.equal(pull.calls, 2);
  });

  void it('uses the defaults when the client fails or answers nonsense', async () => {
    const answers: [() => Promise<unknown>, number][] = [
      [() => Promise.reject(new Error('MethodNotFound')), 1],
      [() => Promise.resolve(null), 0],
      [() => Promise.resolve({ haproxy: {} }), 0],
    ];
    for (const [answer, warnings] of answers) {
      const log = recordingLog();
      const provider = new SettingsProvider(countingPull(answer), new SettingsFiles(log), log);
      provider.setPullSupported(true);
      assert.deepEqual(await provider.forDocument(uri), DEFAULT_SETTINGS);
      assert.equal(log.lines.filter((line) => line.startsWith('warn:')).length, warnings);
    }
  });
});

void describe('settings pushed by the client', () => {
  const uri = 'untitled:haproxy.cfg';
  const severity = async (provider: SettingsProvider): Promise<string | undefined> =>
    (await provider.forDocument(uri)).haproxy.severities['unterminated-quote'];

  void it('finds the sections at the top or under settings, and nothing in other shapes', () => {
    const haproxy = { version: '2.6' };
    assert.deepEqual(pushedSections({ haproxy }), { haproxy });
    assert.deepEqual(pushedSections({ settings: { haproxy } }), { haproxy });
    for (const value of [null, 42, 'x', [], {}, { settings: null }, { other: { haproxy } }]) {
      assert.equal(pushedSections(value), undefined, JSON.stringify(value));
    }
  });

  void it('layers key by key, merging nested maps, and skips null values', () => {
    assert.deepEqual(
      layerSettings(
        { haproxy: { version: '2.6', diagnostics: { a: 'off', b: 'hint' } } },
        undefined,
        { haproxy: { version: null, diagnostics: { b: 'error' } }, keepalived: { version: '2.3' } },
      ),
      {
        haproxy: { version: '2.6', diagnostics: { a: 'off', b: 'error' } },
        keepalived: { version: '2.3' },
      },
    );
  });

  void it('applies initializationOptions, then pushed settings, then the pull answer', async () => {
    let pulled: unknown = null;
    const provider = new SettingsProvider(
      () => Promise.resolve([pulled, null]),
      new SettingsFiles(recordingLog()),
      recordingLog(),
    );
    provider.setInitializationOptions({
      haproxy: { diagnostics: { 'unterminated-quote': 'hint' } },
    });
    assert.equal(await severity(provider), 'hint');
    provider.configurationChanged({ haproxy: { diagnostics: { 'unterminated-quote': 'off' } } });
    assert.equal(await severity(provider), 'off');
    // A push without our sections (the pull model's `null`) keeps what was pushed before.
    provider.configurationChanged(null);
    assert.equal(await severity(provider), 'off');
    provider.setPullSupported(true);
    pulled = { diagnostics: { 'unterminated-quote': 'warning' } };
    provider.configurationChanged(null);
    assert.equal(await severity(provider), 'warning');
  });
});

void describe('scan limits of a workspace folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'ha-lsp-scan-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const folder = pathToFileURL(join(root, 'ws')).href;
  mkdirSync(join(root, 'ws'), { recursive: true });

  void it('layers the defaults, the editor and the project file, the file winning', async () => {
    const answer = [{ scan: { maxFiles: 300, maxDepth: 4 } }, null];
    const pull: ConfigurationPull = (items) => {
      assert.deepEqual(items, [
        { scopeUri: folder, section: 'haproxy' },
        { scopeUri: folder, section: 'keepalived' },
      ]);
      return Promise.resolve(answer);
    };
    const provider = new SettingsProvider(pull, new SettingsFiles(recordingLog()), recordingLog());
    assert.deepEqual(await provider.scanLimits(folder), { maxFiles: 2000, maxDepth: 8 });
    provider.setPullSupported(true);
    assert.deepEqual(await provider.scanLimits(folder), { maxFiles: 300, maxDepth: 4 });
    writeFileSync(join(root, '.halint.json'), '{"scan": {"maxDepth": 12, "maxFiles": -1}}');
    const withFile = new SettingsProvider(pull, new SettingsFiles(recordingLog()), recordingLog());
    withFile.setPullSupported(true);
    // The file above the folder sets the depth; its malformed file count leaves the editor's.
    assert.deepEqual(await withFile.scanLimits(folder), { maxFiles: 300, maxDepth: 12 });
  });

  void it('takes pushed settings from clients without the pull model', async () => {
    const provider = new SettingsProvider(
      () => Promise.reject(new Error('not asked')),
      new SettingsFiles(recordingLog()),
      recordingLog(),
    );
    provider.setInitializationOptions({ haproxy: { scan: { maxFiles: 50 } } });
    provider.configurationChanged({ settings: { haproxy: { scan: { maxFiles: 70 } } } });
    const limits = await provider.scanLimits(pathToFileURL(join(tmpdir(), 'elsewhere')).href);
    assert.equal(limits.maxFiles, 70);
  });
});

void describe('validation delays', () => {
  void it('reads whole milliseconds from 0 to 5000 and keeps the default otherwise', () => {
    assert.deepEqual(readValidationTiming({ delayMs: 0, clusterDelayMs: 5000 }), {
      delayMs: 0,
      clusterDelayMs: 5000,
    });
    for (const bad of [-1, 5001, 12.5, '300', null]) {
      assert.deepEqual(readValidationTiming({ delayMs: bad, clusterDelayMs: bad }), {
        delayMs: 200,
        clusterDelayMs: 120,
      });
    }
    assert.deepEqual(readValidationTiming(undefined), { delayMs: 200, clusterDelayMs: 120 });
  });

  void it('layers initializationOptions, pushed settings and the window pull', async () => {
    const asked: unknown[] = [];
    let answer: unknown = [{ validation: { clusterDelayMs: 40 } }, null];
    const pull: ConfigurationPull = (items) => {
      asked.push(items);
      return Promise.resolve(answer);
    };
    const provider = new SettingsProvider(pull, new SettingsFiles(recordingLog()), recordingLog());
    provider.setInitializationOptions({ haproxy: { validation: { delayMs: 10 } } });
    assert.deepEqual(provider.timing(), { delayMs: 10, clusterDelayMs: 120 });
    provider.configurationChanged({ haproxy: { validation: { delayMs: 20 } } });
    assert.deepEqual(provider.timing(), { delayMs: 20, clusterDelayMs: 120 });
    await provider.refreshTiming();
    assert.deepEqual(asked, [], 'no pull without the capability');
    provider.setPullSupported(true);
    await provider.refreshTiming();
    assert.deepEqual(provider.timing(), { delayMs: 20, clusterDelayMs: 40 });
    // Window settings: asked without a document scope.
    assert.deepEqual(asked, [[{ section: 'haproxy' }, { section: 'keepalived' }]]);
    // Until the next pull, a change keeps the last answer's values.
    answer = null;
    provider.configurationChanged(null);
    assert.deepEqual(provider.timing(), { delayMs: 20, clusterDelayMs: 40 });
    await provider.refreshTiming();
    assert.deepEqual(provider.timing(), { delayMs: 20, clusterDelayMs: 120 });
  });
});
