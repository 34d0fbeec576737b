import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  associationsFromManifest,
  associationsFromSetting,
  detectionText,
  DETECTION_TEXT_LIMIT,
  globToRegExp,
  isDetectionCandidate,
  matchesAssociation,
  parseDetectedLanguage,
  type DocumentInfo,
} from '../../client/src/detection.js';
import { projectRoot } from '../helpers/paths.js';

const manifest: unknown = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const own = associationsFromManifest(manifest);

function doc(path: string, languageId = 'plaintext', scheme = 'file'): DocumentInfo {
  return { uri: `${scheme}://${path}`, scheme, path, languageId };
}

void describe('globToRegExp / matchesAssociation', () => {
  void it('treats * as one path segment and **/ as any number of folders', () => {
    assert.ok(globToRegExp('haproxy*.cfg').test('haproxy-edge.cfg'));
    assert.ok(!globToRegExp('haproxy*.cfg').test('dir/haproxy.cfg'));
    assert.ok(globToRegExp('**/haproxy/**/*.cfg').test('/etc/haproxy/conf.d/a.cfg'));
    assert.ok(globToRegExp('**/haproxy/**/*.cfg').test('/etc/haproxy/a.cfg'));
    assert.ok(!globToRegExp('**/haproxy/**/*.cfg').test('/etc/haproxy2/a.cfg'));
    assert.ok(globToRegExp('a?.cfg').test('ab.cfg'));
    assert.ok(!globToRegExp('a.cfg').test('abcfg'), 'dots are literal');
  });

  void it('matches names without a slash against the base name, case-insensitively', () => {
    assert.ok(matchesAssociation('/srv/lb/HAProxy.CFG', 'haproxy.cfg'));
    assert.ok(!matchesAssociation('/srv/haproxy.cfg/edge.cfg', 'haproxy.cfg'));
    assert.ok(matchesAssociation('/srv/keepalived/node1.conf', '**/keepalived/**/*.conf'));
  });
});

void describe('associations', () => {
  void it('reads every filename and pattern of the contributed languages', () => {
    const patterns = own.map((a) => `${a.language}:${a.pattern}`);
    for (const expected of [
      'haproxy:haproxy.cfg',
      'haproxy:haproxy*.cfg',
      'haproxy:*.haproxy.cfg',
      'haproxy:**/haproxy/**/*.cfg',
      'keepalived:keepalived.conf',
      'keepalived:keepalived*.conf',
      'keepalived:**/keepalived/**/*.conf',
    ]) {
      assert.ok(patterns.includes(expected), expected);
    }
  });

  void it('tolerates manifests and settings of the wrong shape', () => {
    assert.deepEqual(associationsFromManifest(undefined), []);
    assert.deepEqual(
      associationsFromManifest({ contributes: { languages: [null, { id: 1 }] } }),
      [],
    );
    assert.deepEqual(associationsFromSetting(null), []);
    assert.deepEqual(associationsFromSetting({ '*.cfg': 'ini', bad: 3 }), [
      { pattern: '*.cfg', language: 'ini' },
    ]);
  });
});

void describe('isDetectionCandidate', () => {
  void it('offers .cfg and .conf files with other names that opened in another language', () => {
    assert.ok(isDetectionCandidate(doc('/srv/lb/edge.cfg'), own));
    assert.ok(isDetectionCandidate(doc('/srv/lb/EDGE.CFG'), own));
    assert.ok(isDetectionCandidate(doc('/srv/vrrp/node1.conf', 'properties'), own));
    assert.ok(isDetectionCandidate(doc('/srv/vrrp/node1.conf', 'ini'), own));
  });

  void it('leaves documents already in one of our languages alone', () => {
    assert.ok(!isDetectionCandidate(doc('/srv/lb/edge.cfg', 'haproxy'), own));
    assert.ok(!isDetectionCandidate(doc('/srv/lb/edge.cfg', 'keepalived'), own));
  });

  void it('never touches other extensions, schemes or files seen before', () => {
    assert.ok(!isDetectionCandidate(doc('/srv/lb/notes.txt'), own));
    assert.ok(!isDetectionCandidate(doc('/srv/lb/edge.cfg.bak'), own));
    assert.ok(!isDetectionCandidate(doc('/srv/lb/edge.cfg', 'plaintext', 'git'), own));
    assert.ok(!isDetectionCandidate(doc('Untitled-1', 'plaintext', 'untitled'), own));
    const handled = new Set(['file:///srv/lb/edge.cfg']);
    assert.ok(!isDetectionCandidate(doc('/srv/lb/edge.cfg'), own, handled));
  });

  void it('respects names that match an association: the user switched them on purpose', () => {
    assert.ok(!isDetectionCandidate(doc('/etc/haproxy.cfg'), own));
    assert.ok(!isDetectionCandidate(doc('/etc/haproxy/conf.d/web.cfg'), own));
    assert.ok(!isDetectionCandidate(doc('/etc/keepalived/keepalived.conf'), own));
    assert.ok(!isDetectionCandidate(doc('/opt/keepalived-b.conf'), own));
    const user = [...own, ...associationsFromSetting({ '**/legacy/*.conf': 'plaintext' })];
    assert.ok(!isDetectionCandidate(doc('/srv/legacy/node1.conf'), user));
    assert.ok(isDetectionCandidate(doc('/srv/current/node1.conf'), user));
  });
});

void describe('detection request and answer', () => {
  void it('sends only the start of large documents', () => {
    assert.equal(detectionText('global\n'), 'global\n');
    const big = 'x'.repeat(DETECTION_TEXT_LIMIT + 10);
    assert.equal(detectionText(big).length, DETECTION_TEXT_LIMIT);
  });

  void it('accepts only the two language ids as an answer', () => {
    assert.equal(parseDetectedLanguage('haproxy'), 'haproxy');
    assert.equal(parseDetectedLanguage('keepalived'), 'keepalived');
    assert.equal(parseDetectedLanguage(null), undefined);
    assert.equal(parseDetectedLanguage('plaintext'), undefined);
    assert.equal(parseDetectedLanguage({ language: 'haproxy' }), undefined);
  });
});
