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
});
