/**
 * After an edit, validation re-runs only what the edit can change (`haproxy/rules/run.ts`). Its
 * findings must equal those of a fresh document with the same text: checked on random edit
 * sequences over our fixtures and, when present, the shared corpus.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { TextChange } from '../../../server/src/core/common/text-change.js';
import { createLanguageService, type ParsedDocument } from '../../../server/src/core/index.js';
import { projectRoot, reportSharedMissing, sharedDir } from '../../helpers/paths.js';
import { seededRandom } from '../../helpers/random.js';

function configsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return configsUnder(path);
    return name.endsWith('.cfg') ? [path] : [];
  });
}

/**
 * One edit as people make them: a word lengthened or shortened (a name no longer matching its
 * references), a line deleted, a line of the original copied elsewhere (a duplicate, a section
 * header splitting a section), or a character typed anywhere.
 */
function randomEdit(text: string, lines: readonly string[], next: () => number): TextChange {
  const at = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline < 0 ? text.length : newline;
  const kind = next();
  if (kind < 0.4) {
    const words = /\S+/g;
    words.lastIndex = lineStart;
    const word = words.exec(text);
    if (word && word.index < lineEnd) {
      const end = word.index + word[0].length;
      return next() < 0.5 ? { start: end, end, text: 'x' } : { start: end - 1, end, text: '' };
    }
    return { start: at, end: at, text: 'y' };
  }
  if (kind < 0.6) return { start: lineStart, end: Math.min(text.length, lineEnd + 1), text: '' };
  if (kind < 0.8) {
    const line = lines[Math.floor(next() * lines.length)] ?? '';
    return { start: lineStart, end: lineStart, text: `${line}\n` };
  }
  return { start: at, end: at, text: 'ab :/\n#{}'.charAt(Math.floor(next() * 10)) };
}

const service = createLanguageService({});
/** A second service, so that the fresh side shares no cache with the edited one. */
const reference = createLanguageService({});

function assertSameAsFresh(document: ParsedDocument, what: string): void {
  const fresh = reference.parse('haproxy', document.uri, document.text, document.version);
  assert.deepEqual(
    service.getDiagnostics(document, {}),
    reference.getDiagnostics(fresh, {}),
    `${what}: findings after incremental validation differ from a fresh validation`,
  );
}

function editSequence(name: string, text: string, seed: number, edits: number): void {
  const next = seededRandom(seed);
  const lines = text.split('\n');
  let document = service.parse('haproxy', 'file:///edited/haproxy.cfg', text, 1);
  service.getDiagnostics(document, {});
  for (let step = 1; step <= edits; step++) {
    const change = randomEdit(document.text, lines, next);
    document = service.update(document, [change], step + 1);
    assertSameAsFresh(document, `${name}, seed ${seed}, edit ${step} ${JSON.stringify(change)}`);
  }
}

describe('incremental validation equals a full validation', () => {
  it('after editing the name of a backend far from its use_backend', () => {
    const text = [
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 30s',
      '  timeout server 30s',
      'frontend fe',
      '  bind :80',
      '  use_backend be_api if { path_beg /api }',
      '  default_backend be_web',
      'backend be_web',
      '  server web1 192.0.2.10:80 check',
      'backend be_api',
      '  server api1 192.0.2.11:80 check',
      '',
    ].join('\n');
    let document = service.parse('haproxy', 'file:///far/haproxy.cfg', text, 1);
    assert.deepEqual(service.getDiagnostics(document, {}), []);
    const at = text.indexOf('backend be_api\n') + 'backend be_api'.length;
    document = service.update(document, [{ start: at, end: at, text: 's' }], 2);
    const codes = service.getDiagnostics(document, {}).map((diagnostic) => diagnostic.code);
    assert.ok(codes.includes('undefined-backend'), `got ${codes.join(', ')}`);
    assertSameAsFresh(document, 'renamed backend');
  });

  it('after an edit of the defaults the proxies inherit from', () => {
    const text = [
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 30s',
      '  timeout server 30s',
      'listen stats',
      '  bind :8404',
      '  stats enable',
      '  stats uri /stats',
      '  stats auth admin:Xr4-long-pass',
      'backend be_web',
      '  option httpchk GET /health',
      '  server web1 192.0.2.10:80',
      '',
    ].join('\n');
    let document = service.parse('haproxy', 'file:///defaults/haproxy.cfg', text, 1);
    const before = service.getDiagnostics(document, {});
    const at = text.indexOf('mode http') + 'mode '.length;
    document = service.update(document, [{ start: at, end: at + 4, text: 'tcp' }], 2);
    assertSameAsFresh(document, 'defaults switched to mode tcp');
    assert.notDeepEqual(service.getDiagnostics(document, {}), before);
  });

  it('on random edit sequences over the fixtures and the corpus', () => {
    const files = configsUnder(join(projectRoot, 'test', 'fixtures'));
    if (sharedDir) files.push(...configsUnder(join(sharedDir, 'corpus', 'haproxy')));
    else reportSharedMissing('incremental validation on the shared corpus');
    let checked = 0;
    files.forEach((file, index) => {
      const text = readFileSync(file, 'utf8');
      // Every third file keeps the run short.
      if (index % 3 !== 0 || text.length > 100_000) return;
      editSequence(relative(projectRoot, file), text, index + 1, 8);
      checked++;
    });
    assert.ok(checked >= 10, `only ${checked} files checked`);
  });
});
