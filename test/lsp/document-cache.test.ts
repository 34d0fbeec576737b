import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LanguageService } from '../../server/src/core/index.js';
import { DocumentCache } from '../../server/src/lsp/document-cache.js';
import { Workspace } from '../../server/src/lsp/workspace.js';

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

void describe('one parse per file version', () => {
  const root = mkdtempSync(join(tmpdir(), 'halint-shared-parse-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined };

  /** The workspace and the cache wired as the server wires them, over a service counting parses. */
  function wired(): { workspace: Workspace; cache: DocumentCache; parsed: string[] } {
    const real = createLanguageService();
    const parsed: string[] = [];
    const service: LanguageService = {
      ...real,
      parse: (languageId, uri, text, version) => {
        parsed.push(uri);
        return real.parse(languageId, uri, text, version);
      },
    };
    const workspace: Workspace = new Workspace(service, quiet, (uri) => cache.get(uri));
    const cache: DocumentCache = new DocumentCache(service, quiet, (uri) => workspace.get(uri));
    return { workspace, cache, parsed };
  }

  void it('an opened file with the text the scan read shares its parse', () => {
    const folder = join(root, 'open-after-scan');
    const path = join(folder, 'haproxy.cfg');
    mkdirSync(folder);
    writeFileSync(path, HAPROXY);
    const uri = pathToFileURL(path).href;
    const { workspace, cache, parsed } = wired();
    workspace.scan([pathToFileURL(folder).href], []);
    const scanned = workspace.get(uri);
    assert.ok(scanned);
    const opened = cache.open(uri, 'haproxy', 7, HAPROXY);
    assert.deepEqual(parsed, [uri], 'parsed once, by the scan');
    assert.equal(opened?.parse, scanned.parse);
    assert.equal(opened.lineIndex, scanned.lineIndex);
    assert.equal(opened.version, 7);
    assert.equal(workspace.get(uri)?.version, 0);
    // The open buffer wins in the workspace's view, the disk copy stays as it was.
    assert.equal(
      workspace.documents(cache.all()).find((document) => document.uri === uri),
      opened,
    );

    // Saved after an edit: the disk copy read again is the buffer's parse.
    const edited = cache.change(uri, 8, [{ text: `global\n${HAPROXY}` }]);
    writeFileSync(path, `global\n${HAPROXY}`);
    workspace.refresh(uri);
    assert.equal(parsed.length, 2, 'the edit parsed; the save did not');
    assert.equal(workspace.get(uri)?.parse, edited?.parse);
    assert.equal(workspace.get(uri)?.version, 0);
  });

  void it('an edit of the buffer leaves the parse it shares with the scan as it was', () => {
    const folder = join(root, 'edit-after-share');
    const path = join(folder, 'haproxy.cfg');
    mkdirSync(folder);
    const text = `${HAPROXY}\nbackend other\n  server s2 10.0.0.2:80\n`;
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    const { workspace, cache } = wired();
    workspace.scan([pathToFileURL(folder).href], []);
    cache.open(uri, 'haproxy', 1, text);
    // The first edit copies the sections after it; saved, the copy is shared with the scan.
    const first = cache.change(uri, 2, [{ range: range(0, 0), text: '# a\n' }]);
    writeFileSync(path, first?.text ?? '');
    workspace.refresh(uri);
    const shared = workspace.get(uri);
    assert.equal(shared?.parse, first?.parse);
    // Later edits above every section must not move the shared sections in place.
    cache.change(uri, 3, [{ range: range(0, 0), text: '# b\n' }]);
    cache.change(uri, 4, [{ range: range(0, 0), text: '# c\n' }]);
    assert.ok(shared?.languageId === 'haproxy');
    const fresh = createLanguageService().parse('haproxy', uri, shared.text);
    assert.ok(fresh.languageId === 'haproxy');
    assert.deepEqual(
      shared.parse.ast.sections.map((section) => [section.start, section.name?.start]),
      fresh.parse.ast.sections.map((section) => [section.start, section.name?.start]),
    );
  });

  void it('a file scanned while open with the same text shares the open parse', () => {
    const folder = join(root, 'scan-after-open');
    mkdirSync(folder);
    const path = join(folder, 'keepalived.conf');
    writeFileSync(path, KEEPALIVED);
    const uri = pathToFileURL(path).href;
    const { workspace, cache, parsed } = wired();
    const opened = cache.open(uri, 'keepalived', 1, KEEPALIVED);
    workspace.scan([pathToFileURL(folder).href], []);
    assert.deepEqual(parsed, [uri]);
    assert.equal(workspace.get(uri)?.parse, opened?.parse);
  });

  void it('an open with other text, or in another language, parses its own text', () => {
    const folder = join(root, 'differs');
    mkdirSync(folder);
    const path = join(folder, 'haproxy.cfg');
    writeFileSync(path, HAPROXY);
    const uri = pathToFileURL(path).href;
    const { workspace, cache, parsed } = wired();
    workspace.scan([pathToFileURL(folder).href], []);
    const unsaved = `${HAPROXY}\nbackend other\n`;
    const opened = cache.open(uri, 'haproxy', 2, unsaved);
    assert.equal(parsed.length, 2);
    assert.equal(opened?.text, unsaved);
    assert.notEqual(opened.parse, workspace.get(uri)?.parse);
    assert.deepEqual(opened.parse, createLanguageService().parse('haproxy', uri, unsaved).parse);
    assert.equal(workspace.get(uri)?.text, HAPROXY, 'the disk copy keeps the saved text');
    cache.close(uri);
    // A client whose language ids win: the same text as Keepalived is another parse.
    cache.setExplicitLanguageIds(true);
    assert.equal(cache.open(uri, 'keepalived', 3, HAPROXY)?.languageId, 'keepalived');
    assert.equal(parsed.length, 3);
  });
});
