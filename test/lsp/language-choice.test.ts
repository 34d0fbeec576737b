import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { chooseLanguage } from '../../server/src/lsp/language-choice.js';

const HAPROXY_TEXT = 'frontend web\n  bind :80\n';
const KEEPALIVED_TEXT = 'vrrp_instance VI_1 {\n  state MASTER\n}\n';

void describe('chooseLanguage', () => {
  void it('lets an unambiguous file name win over the client id', () => {
    assert.equal(
      chooseLanguage('/etc/keepalived/keepalived.conf', 'haproxy', '', false),
      'keepalived',
    );
    assert.equal(chooseLanguage('/srv/lb1/haproxy-edge.cfg', 'keepalived', '', false), 'haproxy');
    assert.equal(chooseLanguage('/srv/keepalived/vrrp.conf', 'haproxy', '', false), 'keepalived');
  });

  void it('keeps the id of a client whose ids are explicit choices', () => {
    assert.equal(chooseLanguage('/etc/keepalived/keepalived.conf', 'haproxy', '', true), 'haproxy');
  });

  void it('uses the id for names that say nothing, then the content', () => {
    assert.equal(chooseLanguage('/srv/lb.cfg', 'keepalived', HAPROXY_TEXT, false), 'keepalived');
    assert.equal(chooseLanguage('/srv/lb.cfg', 'plaintext', HAPROXY_TEXT, false), 'haproxy');
    assert.equal(chooseLanguage('/srv/lb.conf', 'conf', KEEPALIVED_TEXT, true), 'keepalived');
    assert.equal(chooseLanguage('/srv/notes.txt', 'plaintext', 'hello', false), undefined);
  });

  void it('never analyses a map or pattern file, whatever its content', () => {
    // An indented directive under a section header: the content test alone says HAProxy.
    const looksLikeHaproxy = 'global\n  maxconn 10\nbackend x\n  server a 192.0.2.1:80\n';
    assert.equal(chooseLanguage('/srv/lb.cfg', 'plaintext', looksLikeHaproxy, false), 'haproxy');
    for (const path of ['/etc/haproxy/hosts.map', '/etc/haproxy/block.lst', '/srv/deny.ACL']) {
      assert.equal(chooseLanguage(path, 'plaintext', looksLikeHaproxy, false), undefined, path);
      assert.equal(chooseLanguage(path, 'haproxy', looksLikeHaproxy, false), undefined, path);
    }
    assert.equal(chooseLanguage('/srv/lb.cfg', 'haproxy-map', looksLikeHaproxy, true), undefined);
    // A user who sets the language by hand is still obeyed.
    assert.equal(chooseLanguage('/srv/odd.map', 'haproxy', looksLikeHaproxy, true), 'haproxy');
  });
});
