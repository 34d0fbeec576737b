import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/core/settings.js';

test('missing or malformed settings fall back to the defaults', () => {
  assert.deepEqual(resolveSettings(null), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings('nonsense'), DEFAULT_SETTINGS);
  assert.deepEqual(
    resolveSettings({ haproxy: { version: 'latest', diagnostics: { a: 'loud' } } }),
    DEFAULT_SETTINGS,
  );
});

test('versions and severities are read per language, the language setting winning', () => {
  const settings = resolveSettings({
    haproxy: { version: '2.6', diagnostics: { 'missing-check': 'error' } },
    keepalived: { version: 2.4 },
    rules: { 'missing-check': 'off', 'unterminated-quote': 'warning' },
  });
  assert.equal(settings.haproxy.version, '2.6');
  assert.equal(settings.keepalived.version, '2.4');
  assert.equal(settings.haproxy.severities['missing-check'], 'error');
  assert.equal(settings.keepalived.severities['missing-check'], 'off');
  assert.equal(settings.keepalived.severities['unterminated-quote'], 'warning');
});
