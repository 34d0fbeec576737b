import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseHaproxy,
  reparseHaproxy,
  type HaproxyParse,
} from '../../../server/src/core/haproxy/index.js';
import { shareParse } from '../../../server/src/core/haproxy/incremental.js';
import { applyChange, type TextChange } from '../../../server/src/core/common/text-change.js';
import { seededRandom } from '../../helpers/random.js';

const BASE = [
  '# managed by hand',
  'global',
  '  log /dev/log local0',
  '  maxconn 4096',
  '.if feature(OPENSSL)',
  '  ssl-default-bind-options no-sslv3',
  '.endif',
  '',
  'defaults web',
  '  mode http',
  '  timeout connect 5s',
  '  timeout client "30s"',
  '',
  'frontend fe_main',
  "  bind :80 name 'plain http'",
  '  acl is_api path_beg /api # API traffic',
  '  http-request deny if !{ src 10.0.0.0/8 } || is_api',
  '  use_backend be_api if is_api',
  '.if version_atleast(2.8)',
  '  http-request set-header X-Env "${ENV-prod}"',
  '.elif defined(LEGACY)',
  '  http-request set-header X-Env legacy',
  '.else',
  '  http-request set-header X-Env old',
  '.endif',
  '  default_backend be_web',
  '',
  'backend be_api',
  '  balance roundrobin',
  '  server api1 10.0.1.1:8080 check',
  '  server {{ host }} {{ ip }}:8080 check',
  '{% if tls %}',
  '  server api2 10.0.1.2:8443 check ssl verify none',
  '{% endif %}',
  '',
  'backend be_web',
  '  stick on src if { always_true }',
  '  server web1 10.0.2.1:80 check',
  '  server web2 10.0.2.2:80 check',
].join('\n');

const SNIPPETS = [
  'a',
  ' ',
  '"',
  "'",
  '#',
  '\\',
  '{',
  '}',
  '!',
  '\n',
  '\r\n',
  '\nbackend extra\n',
  '\nfrontend\n',
  'listen ',
  '\n.if defined(X)\n',
  '\n.else\n',
  '\n.endif\n',
  '.elif 1',
  ' if ',
  ' || ',
  '{{ x }}',
  '{% y %}',
  '😀',
  '${V}',
];

/** {@link BASE} without its `.if` blocks: the sections after an edit are moved in place. */
const PLAIN = BASE.split('\n')
  .filter((line) => !line.startsWith('.'))
  .join('\n');

/** {@link SNIPPETS} without conditional directives. */
const PLAIN_SNIPPETS = SNIPPETS.filter((snippet) => !/\.(if|elif|else|endif)/.test(snippet));

function randomChange(
  text: string,
  next: () => number,
  snippets: readonly string[] = SNIPPETS,
): TextChange {
  const start = Math.floor(next() * (text.length + 1));
  const kind = next();
  if (kind < 0.4 && text.length > 0) {
    const length = 1 + Math.floor(next() * Math.min(12, text.length - start));
    return { start, end: Math.min(text.length, start + length), text: '' };
  }
  const snippet = snippets[Math.floor(next() * snippets.length)] ?? 'x';
  if (kind < 0.55 && start < text.length) {
    return { start, end: Math.min(text.length, start + 1), text: snippet };
  }
  return { start, end: start, text: snippet };
}

function assertSame(actual: HaproxyParse, expected: HaproxyParse, context: string): void {
  assert.deepStrictEqual(actual.ast, expected.ast, context);
  assert.deepStrictEqual(actual.issues, expected.issues, context);
  assert.deepStrictEqual(actual.segmentIssues, expected.segmentIssues, context);
  const starts = actual.issues.map((issue) => issue.start);
  assert.deepStrictEqual(
    starts,
    [...starts].sort((a, b) => a - b),
    `${context}: issues out of order`,
  );
}

void describe('reparseHaproxy', () => {
  /**
   * Applies `steps` random edits to `base`, re-parsing incrementally and checking each result
   * against a full parse; `after` sees each step's parse before and after. The text is reset to
   * `base` when it drifts too far from a configuration.
   */
  function replay(
    seed: number,
    base: string,
    steps: number,
    snippets: readonly string[],
    after: (
      previous: HaproxyParse,
      result: HaproxyParse,
      change: TextChange,
      delta: number,
    ) => void,
  ): void {
    const next = seededRandom(seed);
    let text = base;
    let parse = parseHaproxy(text);
    for (let step = 0; step < steps; step++) {
      const change = randomChange(text, next, snippets);
      const newText = applyChange(text, change);
      const incremental = reparseHaproxy(parse, text, newText, change);
      // The previous parse's section list is left as it was (only its sections may have moved).
      after(parse, incremental, change, newText.length - text.length);
      assertSame(
        incremental,
        parseHaproxy(newText),
        `seed ${seed}, step ${step}: ${JSON.stringify(change)}`,
      );
      text = newText;
      parse = incremental;
      if (text.length > base.length * 2 || text.length < base.length / 3) {
        text = base;
        parse = parseHaproxy(text);
      }
    }
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    void it(`equals a full parse after each of 120 random edits (seed ${seed})`, () => {
      replay(seed, BASE, 120, SNIPPETS, () => undefined);
    });
  }

  for (const seed of [6, 7, 8]) {
    void it(`equals a full parse after each of 150 random edits without .if blocks, moving sections in place (seed ${seed})`, () => {
      let kept = 0;
      replay(seed, PLAIN, 150, PLAIN_SNIPPETS, (previous, result, change, delta) => {
        // A section kept as the same object past the edit was moved in place.
        if (delta === 0) return;
        const old = new Set(previous.ast.sections);
        kept += result.ast.sections.filter(
          (section) => old.has(section) && section.start > change.start,
        ).length;
      });
      assert.ok(kept > 20, `only ${kept} sections were moved in place`);
    });
  }

  for (const seed of [9, 10]) {
    void it(`equals a full parse after each of 150 random edits of a file without .if blocks, conditionals typed in included (seed ${seed})`, () => {
      replay(seed, PLAIN, 150, SNIPPETS, () => undefined);
    });
  }

  void it('moves the sections a re-parse made in place, and leaves a shared parse alone', () => {
    const first = { start: PLAIN.indexOf('mode http'), end: PLAIN.indexOf('mode http'), text: '#' };
    const text1 = applyChange(PLAIN, first);
    const parse1 = reparseHaproxy(parseHaproxy(PLAIN), PLAIN, text1, first);
    const backend = parse1.ast.sections[3];
    const start = backend?.start ?? -1;
    const second = { start: first.start, end: first.start + 1, text: '' };
    const text2 = applyChange(text1, second);
    const parse2 = reparseHaproxy(parse1, text1, text2, second);
    assert.equal(parse2.ast.sections[3], backend, 'the same object');
    assert.equal(backend?.start, start - 1, 'moved back by one');
    assertSame(parse2, parseHaproxy(text2), 'in place');

    // Once shared, the tree is copied instead: the other holder's parse still matches its text.
    shareParse(parse2);
    const third = { start: first.start, end: first.start, text: '##' };
    const text3 = applyChange(text2, third);
    const parse3 = reparseHaproxy(parse2, text2, text3, third);
    assert.notEqual(parse3.ast.sections[3], backend);
    assertSame(parse2, parseHaproxy(text2), 'the shared parse');
    assertSame(parse3, parseHaproxy(text3), 'the copy');
  });

  void it('moves nothing in place past an edit that leaves a .if block open', () => {
    const first = { start: PLAIN.indexOf('mode http'), end: PLAIN.indexOf('mode http'), text: '#' };
    const text1 = applyChange(PLAIN, first);
    const parse1 = reparseHaproxy(parseHaproxy(PLAIN), PLAIN, text1, first);
    const backend = parse1.ast.sections[3];
    // The lines after an unclosed `.if` belong to its branch: they are renumbered, not moved.
    const open = { start: first.start, end: first.start, text: '.if defined(X)\n' };
    const text2 = applyChange(text1, open);
    const parse2 = reparseHaproxy(parse1, text1, text2, open);
    assertSame(parse2, parseHaproxy(text2), 'a block left open');
    assert.notEqual(parse2.ast.sections[3], backend);
  });

  void it('reuses the sections before the edit and moves the ones after it', () => {
    const before = parseHaproxy(BASE);
    const at = BASE.indexOf('mode http');
    const change = { start: at, end: at, text: '#' };
    const after = reparseHaproxy(before, BASE, applyChange(BASE, change), change);
    const [global, defaults, frontend] = after.ast.sections;
    assert.equal(global, before.ast.sections[0]);
    assert.notEqual(defaults, before.ast.sections[1]);
    assert.notEqual(frontend, before.ast.sections[2]);
    assert.equal(frontend?.start, (before.ast.sections[2]?.start ?? 0) + 1);
    assert.equal(frontend?.keyword.start, (before.ast.sections[2]?.keyword.start ?? 0) + 1);
  });

  void it('renumbers the conditional branches of later sections when an edit opens a block', () => {
    const text = 'global\n  maxconn 1\nbackend b\n.if defined(A)\n  server s 1.2.3.4:80\n.endif\n';
    const before = parseHaproxy(text);
    const change = {
      start: text.indexOf('  maxconn'),
      end: text.indexOf('  maxconn'),
      text: '.if 1\n.endif\n',
    };
    const newText = applyChange(text, change);
    const after = reparseHaproxy(before, text, newText, change);
    assertSame(after, parseHaproxy(newText), 'branch renumbering');
    const server = after.ast.sections[1]?.items.find((item) => item.kind === 'statement');
    assert.equal(server?.kind === 'statement' ? server.branch : -1, 1);
  });

  void it('falls back to a full parse when the previous parse does not match the old text', () => {
    const stale = parseHaproxy('global\n');
    const text = 'global\n  maxconn 1\n';
    const change = { start: text.length, end: text.length, text: 'frontend f\n' };
    const newText = applyChange(text, change);
    assertSame(reparseHaproxy(stale, text, newText, change), parseHaproxy(newText), 'fallback');
    const fresh = parseHaproxy(text);
    const backwards = { start: 5, end: 2, text: '' };
    assertSame(reparseHaproxy(fresh, text, text, backwards), fresh, 'inverted range');
  });
});
