/**
 * The server's memory stays flat while a large document is edited: no version of a document keeps
 * an earlier version's text alive. The edits go through the document cache, as `didChange` does,
 * and the diagnostics run every 100th edit, as the debounced publisher would.
 *
 * Measuring retained memory needs forced garbage collection, which Node only offers with
 * `--expose-gc`: the test runs this same file again in a child process with that flag and the
 * `HEAP_PROBE` variable naming the language to edit; the child prints its two heap figures.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { createLanguageService } from '../../server/src/core/index.js';
import { DocumentCache } from '../../server/src/lsp/document-cache.js';
import { backendsForLines, generateHaproxy } from '../../scripts/bench/inputs.js';

const EDITS = 1000;
const VALIDATE_EVERY = 100;
const ALLOWED_GROWTH_MB = 20;

type Language = 'haproxy' | 'keepalived';

interface HeapFigures {
  readonly lines: number;
  /** Heap used after the first edit, after garbage collection, in MB. */
  readonly first: number;
  /** The same after the last edit. */
  readonly last: number;
}

/** About 15,000 lines of Keepalived: instances with nested blocks and long words. */
function keepalivedConfig(instances: number): string {
  const parts = ['global_defs {\n    router_id lb_memory_test\n}\n\n'];
  for (let i = 0; i < instances; i++) {
    parts.push(
      `vrrp_instance VI_${i} {\n    state BACKUP\n    interface eth0\n` +
        `    virtual_router_id ${(i % 255) + 1}\n    priority 100\n    advert_int 1\n` +
        `    authentication {\n        auth_type PASS\n        auth_pass pw${i % 1000}\n    }\n` +
        `    virtual_ipaddress {\n        192.0.2.${i % 250}/24 dev eth0 label eth0:vip${i}\n    }\n` +
        `    notify_master "/usr/local/bin/notify-master-instance.sh VI_${i}"\n}\n\n`,
    );
  }
  return parts.join('');
}

function heapMb(gc: () => void): number {
  // Twice: the first collection may only queue finalizers that free more on the second.
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/**
 * Opens a 15,000-line document and types over it: each odd edit types a character somewhere (a
 * different place each time, so that every part of the tree is re-parsed at some version), the
 * next takes it back. Most edits overwrite a character; every tenth pair inserts and deletes, which
 * also moves everything after the edit.
 */
function probe(language: Language, gc: () => void): HeapFigures {
  const text =
    language === 'haproxy' ? generateHaproxy(backendsForLines(15_100)) : keepalivedConfig(940);
  const anchor = language === 'haproxy' ? 'weight 10' : 'priority 100';
  const service = createLanguageService();
  const cache = new DocumentCache(service);
  const uri = language === 'haproxy' ? 'file:///lb/haproxy.cfg' : 'file:///lb/keepalived.conf';
  cache.open(uri, language, 1, text);
  let first = 0;
  let at = 0;
  for (let edit = 1; edit <= EDITS; edit++) {
    const document = cache.get(uri);
    assert.ok(document);
    const pair = (edit - 1) >> 1;
    const typing = edit % 2 === 1;
    if (typing) {
      // A different place each pair: steps of the golden ratio spread them over the whole text.
      const from = Math.floor(((pair * 0.618) % 1) * text.length);
      at = document.text.indexOf(anchor, from);
      if (at === -1) at = document.text.indexOf(anchor);
    }
    const start = document.lineIndex.positionAt(at);
    const next = { line: start.line, character: start.character + 1 };
    const lower = anchor.charAt(0);
    let change: TextDocumentContentChangeEvent;
    if (pair % 10 === 0) {
      change = typing
        ? { range: { start, end: start }, text: 'x' }
        : { range: { start, end: next }, text: '' };
    } else {
      change = { range: { start, end: next }, text: typing ? lower.toUpperCase() : lower };
    }
    const changed = cache.change(uri, edit + 1, [change]);
    assert.ok(changed);
    if (edit === 1 || edit % VALIDATE_EVERY === 0) service.getDiagnostics(changed);
    if (edit === 1) first = heapMb(gc);
  }
  assert.equal(cache.get(uri)?.text, text, 'every edit was taken back');
  return { lines: text.split('\n').length, first, last: heapMb(gc) };
}

function runProbe(language: Language): Promise<HeapFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url)],
      { env: { ...process.env, HEAP_PROBE: language }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('HEAP '));
      if (code !== 0 || line === undefined) {
        reject(new Error(`heap probe failed (exit ${code}):\n${out}\n${err}`));
      } else {
        resolve(JSON.parse(line.slice(5)) as HeapFigures);
      }
    });
  });
}

const probed = process.env.HEAP_PROBE;
if (probed === 'haproxy' || probed === 'keepalived') {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the heap probe needs --expose-gc');
  console.log(`HEAP ${JSON.stringify(probe(probed, gc))}`);
} else {
  // The two probes are separate processes: they can run side by side.
  void describe('memory over many edits', { concurrency: 2 }, () => {
    for (const language of ['haproxy', 'keepalived'] as const) {
      void it(`keeps the ${language} heap flat over ${EDITS} edits of a large document`, async () => {
        const figures = await runProbe(language);
        assert.ok(figures.lines >= 15_000, `${figures.lines} lines`);
        const growth = figures.last - figures.first;
        assert.ok(
          growth < ALLOWED_GROWTH_MB,
          `heap grew by ${growth.toFixed(1)} MB (${figures.first.toFixed(1)} MB after the first edit, ${figures.last.toFixed(1)} MB after the last)`,
        );
      });
    }
  });
}
