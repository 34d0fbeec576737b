// docs/editors.md documents the settings every LSP client can send; the VS Code manifest declares
// the same ones. The table and the manifest must agree (names, choices, defaults).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

interface Property {
  readonly default?: unknown;
  readonly enum?: readonly string[];
}

/** Settings read by the client only (they never reach the server). */
const CLIENT_ONLY = new Set(['haproxy.trace.server']);

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const page = readFileSync(join(projectRoot, 'docs', 'editors.md'), 'utf8');

/** Rows of the table under `## Settings`: name, values cell, default cell. */
function settingsTable(): Map<string, { values: string; fallback: string }> {
  const section = page.slice(page.indexOf('## Settings'));
  const rows = new Map<string, { values: string; fallback: string }>();
  for (const line of section.split('\n')) {
    const cells = /^\|\s*`([\w.]+)`\s*\|(.*)\|(.*)\|\s*$/.exec(line);
    if (cells?.[1]) rows.set(cells[1], { values: cells[2] ?? '', fallback: cells[3] ?? '' });
  }
  return rows;
}

void describe('docs/editors.md settings table', () => {
  const rows = settingsTable();
  const properties = Object.entries(manifest.contributes.configuration.properties).filter(
    ([name]) => !CLIENT_ONLY.has(name),
  );

  void it('lists exactly the settings the VS Code manifest declares for the server', () => {
    assert.deepEqual([...rows.keys()].sort(), properties.map(([name]) => name).sort());
  });

  void it('gives each setting the manifest choices and default', () => {
    for (const [name, property] of properties) {
      const row = rows.get(name);
      assert.ok(row, name);
      const listed = [...row.values.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      if (property.enum) assert.deepEqual(listed, property.enum, name);
      const fallback =
        typeof property.default === 'string' ? property.default : JSON.stringify(property.default);
      assert.equal(row.fallback.trim(), `\`${fallback}\``, name);
    }
  });
});
