import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/core/index.js';
import { DocumentCache } from '../../server/src/lsp/document-cache.js';

const HAPROXY =
  'frontend web\n  bind :80\n  default_backend app\n\nbackend app\n  server s1 10.0.0.1:80\n';
const KEEPALIVED = 'vrrp_instance VI_1 {\n  state MASTER\n}\n';

const range = (line: number, from: number, to = from) => ({
  start: { line, character: from },
  end: { line, character: to },
});

void describe('DocumentCache', () => {
  const service = createLanguageService();

  void it('parses documents in the language the client names', () => {
    const cache = new DocumentCache(service);
    assert.equal(cache.open('file:///a/x.txt', 'haproxy', 3, 'global\n')?.languageId, 'haproxy');
    assert.equal(cache.open('untitled:1', 'keepalived', 1, '')?.languageId, 'keepalived');
    assert.equal(cache.get('file:///a/x.txt')?.version, 3);
    assert.equal(cache.all().length, 2);
  });

  void it('recognises other language ids by name or content, and ignores the rest', () => {
    const cache = new DocumentCache(service);
    assert.equal(cache.open('file:///etc/haproxy.cfg', 'plaintext', 1, '')?.languageId, 'haproxy');
    assert.equal(
      cache.open('file:///etc/lb.conf', 'plaintext', 1, KEEPALIVED)?.languageId,
      'keepalived',
    );
    assert.equal(cache.open('file:///etc/notes.txt', 'plaintext', 1, 'hello'), undefined);
    assert.equal(cache.get('file:///etc/notes.txt'), undefined);
    assert.deepEqual(
      cache
        .all()
        .map((doc) => doc.uri)
        .sort(),
      ['file:///etc/haproxy.cfg', 'file:///etc/lb.conf'],
    );
  });

  void it('keeps following an ignored document until it becomes recognisable', () => {
    const cache = new DocumentCache(service);
    const uri = 'file:///srv/new.conf';
    assert.equal(cache.open(uri, 'plaintext', 1, 'vrrp'), undefined);
    assert.equal(cache.change(uri, 2, [{ range: range(0, 0), text: '# draft\n' }]), undefined);
    const document = cache.change(uri, 3, [{ range: range(1, 4), text: '_instance VI_1 {\n}\n' }]);
    assert.equal(document?.languageId, 'keepalived');
    assert.equal(document.text, '# draft\nvrrp_instance VI_1 {\n}\n');
    assert.equal(document.version, 3);
  });

  void it('applies the changes of one notification one after the other', () => {
    const cache = new DocumentCache(service);
    const uri = 'file:///lb/haproxy.cfg';
    cache.open(uri, 'haproxy', 1, HAPROXY);
    // The second range refers to the text left by the first change (one line longer).
    const document = cache.change(uri, 2, [
      { range: range(0, 0), text: 'global\n' },
      { range: range(2, 2, 6), text: 'BIND' },
    ]);
    assert.equal(document?.text, `global\n${HAPROXY.replace('bind', 'BIND')}`);
    assert.deepEqual(document, service.parse('haproxy', uri, document.text, 2));
  });

  void it('accepts whole-text changes, backwards ranges and empty change lists', () => {
    const cache = new DocumentCache(service);
    const uri = 'file:///lb/haproxy.cfg';
    cache.open(uri, 'haproxy', 1, HAPROXY);
    assert.equal(cache.change(uri, 2, [{ text: 'global\n' }])?.text, 'global\n');
    const backwards = { start: { line: 0, character: 6 }, end: { line: 0, character: 0 } };
    assert.equal(
      cache.change(uri, 3, [{ range: backwards, text: 'defaults' }])?.text,
      'defaults\n',
    );
    const unchanged = cache.change(uri, 4, []);
    assert.equal(unchanged?.text, 'defaults\n');
    assert.equal(unchanged.version, 4);
  });

  void it('forgets closed documents and ignores changes to unknown ones', () => {
    const cache = new DocumentCache(service);
    cache.open('file:///x/haproxy.cfg', 'haproxy', 1, HAPROXY);
    cache.close('file:///x/haproxy.cfg');
    assert.equal(cache.get('file:///x/haproxy.cfg'), undefined);
    assert.equal(cache.change('file:///x/haproxy.cfg', 2, [{ text: '' }]), undefined);
    cache.open('file:///y/haproxy.cfg', 'haproxy', 1, HAPROXY);
    cache.clear();
    assert.deepEqual(cache.all(), []);
  });
});
