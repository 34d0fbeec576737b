import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, CONFIG_LANGUAGE_IDS } from '../../client/src/ids.js';
import { languagePickItems } from '../../client/src/language-picker.js';
import { projectRoot } from '../helpers/paths.js';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string }>;
    languages: Array<{ id: string; configuration: string }>;
  };
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;

void describe('package.json contributions used by the client', () => {
  void it('contributes exactly the commands the client registers', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  void it('activates on both languages, on config files in the workspace and after start-up', () => {
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:haproxy',
      'onLanguage:keepalived',
      'workspaceContains:**/haproxy*.cfg',
      'workspaceContains:**/keepalived*.conf',
      'onStartupFinished',
      // A topology preview left open is restored after a window reload by its serializer.
      'onWebviewPanel:haKeepalived.topology',
    ]);
  });

  void it('declares the languages the client knows, each with an existing configuration file', () => {
    assert.deepEqual(
      manifest.contributes.languages.map((l) => l.id),
      [...CONFIG_LANGUAGE_IDS],
    );
    for (const language of manifest.contributes.languages) {
      assert.ok(existsSync(join(projectRoot, language.configuration)), language.configuration);
    }
  });
});

void describe('language picker', () => {
  void it('lists HAProxy then Keepalived and marks the current language', () => {
    const items = languagePickItems('keepalived');
    assert.deepEqual(
      items.map((i) => [i.label, i.languageId, i.description]),
      [
        ['HAProxy', 'haproxy', 'haproxy'],
        ['Keepalived', 'keepalived', 'keepalived (current)'],
      ],
    );
  });
});
