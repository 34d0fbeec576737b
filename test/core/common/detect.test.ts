import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  detectLanguage,
  isPatternFileName,
  languageFromContent,
  languageFromName,
} from '../../../server/src/core/common/detect.js';

test('file names follow the CLI contract', () => {
  assert.equal(languageFromName('/etc/haproxy/haproxy.cfg'), 'haproxy');
  assert.equal(languageFromName('haproxy-edge.cfg'), 'haproxy');
  assert.equal(languageFromName('site.haproxy.cfg'), 'haproxy');
  assert.equal(languageFromName('conf/haproxy/10-frontends.cfg'), 'haproxy');
  assert.equal(languageFromName('C:\\cfg\\haproxy\\a.cfg'), 'haproxy');
  assert.equal(languageFromName('keepalived.conf'), 'keepalived');
  assert.equal(languageFromName('keepalived-lb1.conf'), 'keepalived');
  assert.equal(languageFromName('/etc/keepalived/conf.d/vip.conf'), 'keepalived');
  assert.equal(languageFromName('nginx.conf'), undefined);
  assert.equal(languageFromName('setup.cfg'), undefined);
  assert.equal(languageFromName('haproxy.conf'), undefined);
});

test('content detection recognises each language and leaves other files alone', () => {
  assert.equal(languageFromContent('frontend fe\n    bind :80\n'), 'haproxy');
  assert.equal(languageFromContent('vrrp_instance VI_1 {\n  state MASTER\n}\n'), 'keepalived');
  assert.equal(languageFromContent('[metadata]\nname = pkg\n'), undefined);
  assert.equal(languageFromContent('server {\n  listen 80;\n}\n'), undefined);
  // A section word alone is not enough: an INI file may well have a "global" line.
  assert.equal(languageFromContent('global\nfoo = 1\n'), undefined);
});

test('the name wins over the content', () => {
  assert.equal(detectLanguage('keepalived.conf', 'frontend fe\n  bind :80\n'), 'keepalived');
  assert.equal(detectLanguage('other.conf', 'global_defs {\n}\n'), 'keepalived');
});

test('detectLanguage never reads a map or pattern file as a configuration', () => {
  const looksLikeHaproxy = 'global\n  maxconn 10\n';
  assert.equal(detectLanguage('lb.cfg', looksLikeHaproxy), 'haproxy');
  for (const path of ['/etc/haproxy/hosts.map', 'maps/block.LST', 'deny.acl']) {
    assert.equal(detectLanguage(path, looksLikeHaproxy), undefined, path);
    assert.equal(isPatternFileName(path), true, path);
  }
  assert.equal(isPatternFileName('/etc/haproxy.map.d/haproxy.cfg'), false);
});
