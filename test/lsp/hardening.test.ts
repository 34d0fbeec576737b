/**
 * The language server under hostile input: edits computed the LSP way around lone carriage
 * returns, a failing incremental update, files on disk that never end, and garbled framing (the
 * last spawns `dist/server.cjs`, built by `npm test` before the tests run).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  createLanguageService,
  MAX_DOCUMENT_LENGTH,
  type LanguageService,
} from '../../server/src/core/index.js';
import { DocumentCache } from '../../server/src/lsp/document-cache.js';
import { contentLengthOf, FramingCheck, FramingError } from '../../server/src/lsp/framing.js';
import type { Logger } from '../../server/src/lsp/logger.js';
import { createLspFileHost } from '../../server/src/lsp/file-host.js';
import { maxDocumentLength } from '../../server/src/lsp/server.js';
import { Workspace } from '../../server/src/lsp/workspace.js';
import { distFile } from '../helpers/paths.js';

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (message) => lines.push(`error ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    info: (message) => lines.push(`info ${message}`),
  };
}

const at = (line: number, character: number) => ({ line, character });

void describe('document cache under hostile edits', () => {
  const service = createLanguageService();

  void it('applies edits at positions counted with lone carriage returns', () => {
    const cache = new DocumentCache(service);
    cache.open('file:///h.cfg', 'haproxy', 1, 'global\r    maxconn 10\r\rdefaults\n');
    const document = cache.change('file:///h.cfg', 2, [
      { range: { start: at(1, 12), end: at(1, 14) }, text: '20' },
      { range: { start: at(3, 0), end: at(3, 0) }, text: '# d\r' },
    ]);
    assert.equal(document?.text, 'global\r    maxconn 20\r\r# d\rdefaults\n');
  });

  void it('re-parses the applied text when an incremental update throws', () => {
    const log = recorder();
    let failures = 1;
    const flaky: LanguageService = {
      ...service,
      update: (...args) => {
        if (failures-- > 0) throw new Error('boom');
        return service.update(...args);
      },
    };
    const cache = new DocumentCache(flaky, log);
    cache.open('file:///k.conf', 'keepalived', 1, 'global_defs {\n}\n');
    const edit = 'a {\n'.repeat(300);
    const changed = cache.change('file:///k.conf', 2, [
      { range: { start: at(1, 0), end: at(1, 0) }, text: edit },
    ]);
    assert.equal(changed?.text, `global_defs {\n${edit}}\n`);
    assert.equal(changed?.version, 2);
    assert.ok(log.lines.some((line) => line.startsWith('error') && line.includes('boom')));
    // The next edit lands on the new text, incrementally, and agrees with a fresh parse.
    const next = cache.change('file:///k.conf', 3, [
      { range: { start: at(0, 0), end: at(0, 0) }, text: '# top\n' },
    ]);
    assert.equal(next?.text, `# top\nglobal_defs {\n${edit}}\n`);
    const fresh = service.parse('keepalived', 'file:///k.conf', next?.text ?? '');
    assert.deepEqual(next?.parse.issues, fresh.parse.issues);
  });

  void it('a document whose first parse throws comes back with the next edit', () => {
    let failures = 1;
    const flaky: LanguageService = {
      ...service,
      parse: (...args) => {
        if (failures-- > 0) throw new Error('boom');
        return service.parse(...args);
      },
    };
    const cache = new DocumentCache(flaky);
    assert.throws(() => cache.open('file:///h.cfg', 'haproxy', 1, 'global\n'));
    const document = cache.change('file:///h.cfg', 2, [
      { range: { start: at(1, 0), end: at(1, 0) }, text: 'defaults\n' },
    ]);
    assert.equal(document?.languageId, 'haproxy');
    assert.equal(document?.text, 'global\ndefaults\n');
  });

  void it('the original 300-line nested edit goes through without throwing', () => {
    const cache = new DocumentCache(service);
    cache.open('file:///k.conf', 'keepalived', 1, 'vrrp_instance VI_1 {\n}\n');
    const document = cache.change('file:///k.conf', 2, [
      { range: { start: at(1, 0), end: at(1, 0) }, text: 'a {\n'.repeat(300) },
    ]);
    assert.ok(document?.syntaxIssues.some((issue) => issue.code === 'analysis-limit'));
  });
});

void describe('document size limit', () => {
  void it('an oversized document stays in step and is analysed once it shrinks', () => {
    const cache = new DocumentCache(createLanguageService({ maxDocumentLength: 100 }));
    const text = `global_defs {\n${'  router_id lb1\n'.repeat(20)}}\n`;
    const opened = cache.open('file:///k.conf', 'keepalived', 1, text);
    assert.deepEqual(
      opened?.syntaxIssues.map((issue) => issue.code),
      ['analysis-limit'],
    );
    const edited = cache.change('file:///k.conf', 2, [
      { range: { start: at(1, 0), end: at(21, 0) }, text: '  router_id lb2\n' },
    ]);
    assert.equal(edited?.text, 'global_defs {\n  router_id lb2\n}\n');
    assert.deepEqual(edited?.syntaxIssues, []);
    const fresh = createLanguageService().parse('keepalived', 'file:///k.conf', edited?.text ?? '');
    assert.deepStrictEqual(edited?.parse, fresh.parse);
  });

  void it('HALINT_MAX_DOCUMENT_MIB sets the limit; a bad value is logged and ignored', () => {
    const log = recorder();
    assert.equal(maxDocumentLength('2', log), 2 * 1024 * 1024);
    assert.equal(maxDocumentLength(undefined, log), MAX_DOCUMENT_LENGTH);
    assert.equal(maxDocumentLength('lots', log), MAX_DOCUMENT_LENGTH);
    assert.equal(maxDocumentLength('-1', log), MAX_DOCUMENT_LENGTH);
    assert.equal(log.lines.filter((line) => line.startsWith('warn')).length, 2);
  });
});

void describe('workspace scan', () => {
  const root = mkdtempSync(join(tmpdir(), 'halint-ws-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  void it('skips FIFOs and devices named like configurations', { timeout: 30_000 }, () => {
    execFileSync('mkfifo', [join(root, 'haproxy.cfg')]);
    mkdirSync(join(root, 'lb2'));
    symlinkSync('/dev/zero', join(root, 'lb2', 'haproxy.cfg'));
    writeFileSync(join(root, 'keepalived.conf'), 'global_defs {\n}\n');
    const log = recorder();
    const workspace = new Workspace(createLanguageService(), log);
    workspace.scan([pathToFileURL(root).href], []);
    assert.deepEqual(
      workspace.documents([]).map((document) => document.uri),
      [pathToFileURL(join(root, 'keepalived.conf')).href],
    );
    assert.equal(log.lines.filter((line) => line.startsWith('warn Not reading')).length, 2);
  });

  void it('logs what its limits cut, and takes in later only what it would read', () => {
    const limited = join(root, 'limited');
    for (const folder of ['lb1', 'lb2', 'lb3/deep/deeper', 'node_modules/x']) {
      mkdirSync(join(limited, folder), { recursive: true });
    }
    writeFileSync(join(limited, 'lb1', 'keepalived.conf'), 'global_defs {\n}\n');
    writeFileSync(join(limited, 'lb2', 'keepalived.conf'), 'global_defs {\n}\n');
    const log = recorder();
    const workspace = new Workspace(createLanguageService(), log);
    const uri = pathToFileURL(limited).href;
    workspace.scan([{ uri, limits: { maxFiles: 1, maxDepth: 2 } }], ['**/*a*b*c']);
    assert.deepEqual(
      workspace.documents([]).map((document) => document.uri),
      [pathToFileURL(join(limited, 'lb1', 'keepalived.conf')).href],
    );
    const said = log.lines.join('\n');
    assert.match(said, /reads at most 1 workspace files; 1 more were left out/);
    assert.match(said, /searches 2 folder levels deep; 1 deeper folders/);
    assert.match(said, /haproxy\.scan\.maxDepth/);
    assert.match(said, /warn Ignoring the files.exclude pattern "\*\*\/\*a\*b\*c"/);
    // A file the client reports later counts only where the scan itself would have read it.
    for (const path of ['node_modules/x/keepalived.conf', 'lb3/deep/deeper/keepalived.conf']) {
      writeFileSync(join(limited, path), 'global_defs {\n}\n');
      workspace.refresh(pathToFileURL(join(limited, path)).href);
    }
    writeFileSync(join(limited, 'lb3', 'keepalived.conf'), 'global_defs {\n}\n');
    workspace.refresh(pathToFileURL(join(limited, 'lb3', 'keepalived.conf')).href);
    assert.equal(workspace.documents([]).length, 2);
    assert.ok(workspace.differs([{ uri, limits: { maxFiles: 2, maxDepth: 2 } }], ['**/*a*b*c']));
    assert.ok(!workspace.differs([{ uri, limits: { maxFiles: 1, maxDepth: 2 } }], ['**/*a*b*c']));
  });
});

void describe('include confinement', () => {
  const root = mkdtempSync(join(tmpdir(), 'halint-roots-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  void it('follows includes inside the workspace and the roots .halint.json names', () => {
    mkdirSync(join(root, 'ws'));
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared', 'common.conf'), 'no_such_keyword 1\n');
    writeFileSync(join(root, 'ws', 'inside.conf'), 'vrrp_script chk {\n  script "/bin/true"\n}\n');
    const main = join(root, 'ws', 'keepalived.conf');
    const text = `include inside.conf\ninclude ${join(root, 'shared', 'common.conf')}\n`;
    writeFileSync(main, text);
    const workspace = new Workspace(createLanguageService(), recorder());
    const files = createLspFileHost(
      () => undefined,
      () => workspace.includeRoots(),
    );
    const service = createLanguageService({ files });
    const messages = (): string[] =>
      service
        .validate(service.parse('keepalived', pathToFileURL(main).href, text))
        .map((issue) => `${issue.code} ${issue.message}`);
    // No workspace folders (a single file opened): nothing is confined.
    assert.ok(messages().some((line) => line.startsWith('unknown-keyword')));
    workspace.scan([pathToFileURL(join(root, 'ws')).href], []);
    const confined = messages();
    assert.equal(confined.filter((line) => /outside the folders/.test(line)).length, 1);
    assert.ok(!confined.some((line) => line.startsWith('unknown-keyword')));
    writeFileSync(join(root, 'ws', '.halint.json'), '{"includeRoots": ["../shared"]}');
    workspace.refresh(pathToFileURL(join(root, 'ws', '.halint.json')).href);
    assert.ok(messages().some((line) => line.startsWith('unknown-keyword')));
  });
});

void describe('message framing', () => {
  void it('accepts well-formed headers split anywhere', () => {
    const body = '{"jsonrpc":"2.0","method":"exit"}';
    const message = Buffer.from(`Content-Length: ${body.length}\r\n\r\n${body}`.repeat(3));
    for (let size = 1; size <= message.length; size += 7) {
      const check = new FramingCheck();
      for (let i = 0; i < message.length; i += size) check.push(message.subarray(i, i + size));
    }
  });

  void it('names every malformed header', () => {
    for (const header of [
      'Content-Length: abc',
      'Content-Length: -5',
      'Content-Length: 1',
      'Content-Length: 9007199254740992',
      'Content-Type: x',
      'garbage',
    ]) {
      assert.throws(() => contentLengthOf(header), FramingError, header);
    }
    const lfOnly = new FramingCheck();
    assert.throws(() => lfOnly.push(Buffer.from(`Content-Length: 2\n\n{}${' '.repeat(9000)}`)));
    const huge = new FramingCheck();
    assert.throws(() => huge.push(Buffer.from(`X-Pad: ${'x'.repeat(1_000_000)}\r\n\r\n`)));
  });

  void it(
    'the server exits with a clear message instead of going deaf',
    { timeout: 30_000 },
    async () => {
      for (const input of [
        'Content-Length: abc\r\n\r\n{}',
        `Content-Length: 2\n\n{}${'x'.repeat(10_000)}`,
      ]) {
        const child = spawn(process.execPath, [distFile('server.cjs'), '--stdio']);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.resume();
        child.stdin.write(input);
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        child.stdin.destroy();
        assert.equal(code, 1);
        assert.match(stderr, /malformed message/);
      }
    },
  );
});
