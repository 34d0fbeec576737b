import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers/paths.js';

// The user README (the Marketplace page, passed to vsce with --readme-path) must keep up with
// what package.json contributes.
const README = join(projectRoot, 'docs', 'marketplace', 'README.md');
const readme = readFileSync(README, 'utf8');

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
    configuration: { properties: Record<string, unknown> };
  };
}
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;

test('marketplace README: every setting is in the settings table', () => {
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(readme.includes(`| \`${key}\``), `${key} is missing from the settings table`);
  }
});

test('marketplace README: every command of the Command Palette is in the commands table', () => {
  const hidden = new Set(
    (manifest.contributes.menus?.commandPalette ?? [])
      .filter((entry) => entry.when === 'false')
      .map((entry) => entry.command),
  );
  for (const command of manifest.contributes.commands) {
    if (hidden.has(command.command)) continue;
    assert.ok(
      readme.includes(command.title),
      `${command.title} is missing from the commands table`,
    );
  }
});

test('marketplace README: links reach rule pages that exist, images lie where the package takes them', () => {
  const targets = [...readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)];
  assert.ok(targets.length > 0);
  for (const [, image, target = ''] of targets) {
    if (/^(https?:|#|mailto:)/.test(target)) continue;
    const path = resolve(dirname(README), target);
    if (image) {
      // Screenshots are added separately; .vscodeignore ships docs/images/*.png.
      assert.match(path, /\/docs\/images\/[\w-]+\.png$/, target);
    } else {
      assert.ok(existsSync(path), `${target} does not exist`);
    }
  }
});
