import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDetectionCandidate } from '../../client/src/detection.js';
import { COMMANDS, CONFIG_LANGUAGE_IDS, PATTERN_FILE_LANGUAGE_ID } from '../../client/src/ids.js';
import { languagePickItems } from '../../client/src/language-picker.js';
import { buildDocumentSelector } from '../../client/src/server-options.js';
import { PATTERN_FILE_LANGUAGE_ID as CORE_PATTERN_FILE_LANGUAGE_ID } from '../../server/src/core/index.js';
import { projectRoot } from '../helpers/paths.js';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string }>;
    languages: Array<{
      id: string;
      configuration: string;
      extensions?: string[];
      filenames?: string[];
      filenamePatterns?: string[];
    }>;
    grammars: Array<{ language: string; scopeName: string; path: string }>;
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
      [...CONFIG_LANGUAGE_IDS, PATTERN_FILE_LANGUAGE_ID],
    );
    for (const language of manifest.contributes.languages) {
      assert.ok(existsSync(join(projectRoot, language.configuration)), language.configuration);
    }
  });
});

void describe('the map and pattern file language', () => {
  const entry = manifest.contributes.languages.find((l) => l.id === PATTERN_FILE_LANGUAGE_ID);

  void it('claims .map, .lst and .acl, which no other language of ours names', () => {
    assert.equal(PATTERN_FILE_LANGUAGE_ID, CORE_PATTERN_FILE_LANGUAGE_ID);
    assert.deepEqual(entry?.extensions, ['.map', '.lst', '.acl']);
    for (const other of manifest.contributes.languages) {
      if (other === entry) continue;
      const names = [
        ...(other.extensions ?? []),
        ...(other.filenames ?? []),
        ...(other.filenamePatterns ?? []),
      ];
      for (const name of names) assert.doesNotMatch(name, /\.(map|lst|acl)$/i, other.id);
    }
    const grammar = manifest.contributes.grammars.find((g) => g.language === entry?.id);
    assert.equal(grammar?.scopeName, 'source.haproxy-map');
  });

  void it('is neither sent to the server nor offered to content detection', () => {
    const selector = JSON.stringify(buildDocumentSelector());
    assert.ok(!selector.includes(PATTERN_FILE_LANGUAGE_ID), selector);
    const doc = (path: string, languageId: string) => ({
      uri: `file://${path}`,
      scheme: 'file',
      path,
      languageId,
    });
    assert.equal(isDetectionCandidate(doc('/etc/haproxy/hosts.map', 'haproxy-map'), []), false);
    assert.equal(isDetectionCandidate(doc('/etc/haproxy/edge.cfg', 'plaintext'), []), true);
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
