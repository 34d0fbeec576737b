import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

test('core imports no editor, LSP runtime or Node module', () => {
  const offenders: string[] = [];
  for (const file of sources(join(projectRoot, 'server/src/core'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      const allowed =
        target.startsWith('.') ||
        target === 'chevrotain' ||
        target === 'vscode-languageserver-types' ||
        target === 'vscode-languageserver-textdocument';
      if (!allowed) offenders.push(`${relative(projectRoot, file)} imports ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the client never reaches into the core', () => {
  const offenders: string[] = [];
  for (const file of sources(join(projectRoot, 'client/src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = match[1] ?? match[2] ?? '';
      if (target.includes('server/src/core')) offenders.push(relative(projectRoot, file));
    }
  }
  assert.deepEqual(offenders, []);
});
