import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { migrationPickItems } from '../../client/src/migrate-items.js';

test('the version picker lists newest first, the configured version first and marked', () => {
  const items = migrationPickItems(['2.6', '2.8', '3.0', '3.2'], '2.8.5');
  assert.deepEqual(
    items.map((item) => [item.version, item.description ?? '']),
    [
      ['2.8', 'the target version in your settings'],
      ['3.2', ''],
      ['3.0', ''],
      ['2.6', ''],
    ],
  );
  assert.deepEqual(
    migrationPickItems(['2.2', '2.3'], '').map((item) => item.version),
    ['2.3', '2.2'],
  );
});
