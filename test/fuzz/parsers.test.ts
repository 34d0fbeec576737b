/**
 * Property tests over both parsers, the validate pipeline and the LSP document model, on text
 * built from the pieces that matter to them (braces, quotes, line endings, conditions, parameters,
 * includes, directives) rather than from uniform noise, which rarely reaches the interesting paths.
 * Every run is seeded and short: the whole file stays well under a minute in `npm test`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyChange, type TextChange } from '../../server/src/core/common/text-change.js';
import { LineIndex } from '../../server/src/core/common/line-index.js';
import { segmentMatcher } from '../../server/src/core/common/glob.js';
import { parseHaproxy, reparseHaproxy } from '../../server/src/core/haproxy/index.js';
import {
  createLanguageService,
  type FileHost,
  type Issue,
  type LanguageId,
} from '../../server/src/core/index.js';
import { parseKeepalived, reparseKeepalived } from '../../server/src/core/keepalived/index.js';
import { DocumentCache } from '../../server/src/lsp/document-cache.js';
import { resetWork, workDone } from '../../server/src/core/common/work.js';
import {
  DEFAULT_SETTINGS,
  type ClusterNodeInput,
  type KeepalivedDocument,
} from '../../server/src/core/index.js';
import {
  expandKeepalived,
  MAX_INCLUDED_FILES,
} from '../../server/src/core/keepalived/analysis/expand.js';

const SEED = 20_2026;

const SHARED = [
  ' ',
  ' ',
  '\t',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '#',
  '\\',
  '$',
  '{',
  '}',
  'x',
  '\u0000',
  '\uFEFF',
  '😀',
  '\\\n',
  ';',
  ':',
  ',',
];

const KEEPALIVED_PIECES = [
  ...SHARED,
  'vrrp_instance VI_1 ',
  'virtual_router_id 51',
  'priority 100',
  'advert_int 1.0000000001',
  'virtual_ipaddress ',
  '10.0.0.1/24',
  'global_defs ',
  'router_id $A',
  '$A=',
  '$A',
  '${A}',
  '$B=$A$A',
  '@lb1 ',
  '@^lb2 ',
  'include k*.conf',
  'include [z-a]*',
  '~SEQ(i,1,3) ',
  '{{ vip }}',
  'track_script ',
  'unicast_peer ',
];

const HAPROXY_PIECES = [
  ...SHARED,
  'global',
  'defaults',
  'frontend fe',
  'backend be',
  'listen li',
  '    bind :80',
  '    server s1 10.0.0.1:80 check',
  '    use_backend be if ',
  '    http-request deny unless ',
  '    acl a path_beg /x',
  '{ ',
  ' }',
  '!',
  '||',
  '.if ',
  '.elif ',
  '.else',
  '.endif',
  'defined(X)',
  'version_atleast(2.8)',
  '(',
  ')',
  '&&',
  '"${X}"',
  '\\x4',
];

const textOf = (pieces: readonly string[]): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((parts) => parts.join(''));

const keepalivedText = textOf(KEEPALIVED_PIECES);
const haproxyText = textOf(HAPROXY_PIECES);

/** An edit of `text`: a replaced range and an inserted text from the same pieces. */
const editOf = (text: string, pieces: readonly string[]): fc.Arbitrary<TextChange> =>
  fc
    .tuple(
      fc.nat({ max: text.length }),
      fc.nat({ max: text.length }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }),
    )
    .map(([a, b, parts]) => ({ start: Math.min(a, b), end: Math.max(a, b), text: parts.join('') }));

function assertInside(issues: readonly Issue[], text: string, label: string): void {
  for (const issue of issues) {
    if (issue.uri !== undefined) continue;
    assert.ok(
      issue.start >= 0 && issue.start <= issue.end && issue.end <= text.length,
      `${label}: ${issue.code} ${issue.start}-${issue.end} outside 0-${text.length}`,
    );
  }
}

/** Included files drawn from the same pieces, so includes, cycles and globs are exercised too. */
function hostOf(files: Record<string, string>): FileHost {
  return {
    readFile: (uri) => files[uri],
    glob: (pattern) => Object.keys(files).filter((name) => name.startsWith(pattern[0] ?? '')),
  };
}

/**
 * `HALINT_FUZZ_SCALE=20` (and `HALINT_FUZZ_SEED`) make a longer local run; CI keeps the default,
 * a fixed seed and well under a minute.
 */
const SCALE = Math.max(1, Number(process.env['HALINT_FUZZ_SCALE'] ?? 1) || 1);
const runs = (count: number): number => Math.round(count * SCALE);
const params = {
  seed: Number(process.env['HALINT_FUZZ_SEED'] ?? SEED) || SEED,
  numRuns: runs(150),
};

void describe('fuzz: parsers', () => {
  void it('never throw, and every range lies inside the text', () => {
    fc.assert(
      fc.property(keepalivedText, haproxyText, (keepalived, haproxy) => {
        const k = parseKeepalived(keepalived);
        assertInside(k.issues, keepalived, 'keepalived');
        const h = parseHaproxy(haproxy);
        assertInside(h.issues, haproxy, 'haproxy');
      }),
      { ...params, numRuns: runs(400) },
    );
  });

  void it('re-parse after an edit equals a fresh parse (Keepalived)', () => {
    fc.assert(
      fc.property(
        keepalivedText.chain((text) =>
          fc.tuple(fc.constant(text), editOf(text, KEEPALIVED_PIECES)),
        ),
        ([text, change]) => {
          const next = applyChange(text, change);
          const incremental = reparseKeepalived(parseKeepalived(text), text, next, change);
          assert.deepStrictEqual(incremental, parseKeepalived(next));
        },
      ),
      params,
    );
  });

  void it('re-parse after an edit equals a fresh parse (HAProxy)', () => {
    fc.assert(
      fc.property(
        haproxyText.chain((text) => fc.tuple(fc.constant(text), editOf(text, HAPROXY_PIECES))),
        ([text, change]) => {
          const next = applyChange(text, change);
          const incremental = reparseHaproxy(parseHaproxy(text), text, next, change);
          assert.deepStrictEqual(incremental, parseHaproxy(next));
        },
      ),
      params,
    );
  });
});

void describe('fuzz: validate pipeline', () => {
  void it('never throws, and its findings lie inside the document', () => {
    fc.assert(
      fc.property(keepalivedText, keepalivedText, haproxyText, (keepalived, included, haproxy) => {
        const files = { 'k1.conf': included, 'k2.conf': keepalived, 'main.conf': keepalived };
        const ruleErrors: string[] = [];
        const service = createLanguageService({
          files: hostOf(files),
          onRuleError: (code, error) => {
            ruleErrors.push(`${code}: ${String(error)}`);
          },
        });
        for (const [language, text] of [
          ['keepalived', keepalived],
          ['haproxy', haproxy],
        ] as [LanguageId, string][]) {
          const document = service.parse(language, 'main.conf', text);
          assertInside(service.validate(document), text, language);
          service.getDocumentSymbols(document);
          service.getFoldingRanges(document);
          service.getSemanticTokens(document);
          service.format(document, { tabSize: 4, insertSpaces: true });
        }
        assert.deepEqual(ruleErrors, []);
      }),
      { ...params, numRuns: runs(100) },
    );
  });
});

void describe('fuzz: glob matching', () => {
  void it('the linear matcher agrees with a regular expression on small patterns', () => {
    const part = fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[!a]', '[a-b]', '[b-a]');
    const toRegExp = (parts: readonly string[]): RegExp =>
      new RegExp(
        `^${parts
          .map((p) =>
            p === '*'
              ? '.*'
              : p === '?'
                ? '.'
                : p === '.'
                  ? '\\.'
                  : p === '[!a]'
                    ? '[^a]'
                    : p === '[b-a]'
                      ? '(?!)'
                      : p,
          )
          .join('')}$`,
        's',
      );
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 8 }),
        fc.array(fc.constantFrom('a', 'b', '.'), { maxLength: 10 }),
        (parts, chars) => {
          const pattern = parts.join('');
          const name = chars.join('');
          const leadingDot = name.startsWith('.') && !pattern.startsWith('.');
          const expected = !leadingDot && toRegExp(parts).test(name);
          assert.equal(segmentMatcher(pattern)(name), expected, `${pattern} ~ ${name}`);
        },
      ),
      { ...params, numRuns: runs(1000) },
    );
  });
});

void describe('fuzz: include graphs', () => {
  void it('read each file once and stop at the budget, whatever the graph', () => {
    const names = ['a0.conf', 'a1.conf', 'b0.conf', 'b1.conf', 'c0.conf', 'c1.conf', 'c2.conf'];
    const includeLine = fc.constantFrom(
      'include a*\n',
      'include b*\n',
      'include c*\n',
      'include *\n',
      'x 1\n',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(includeLine, { maxLength: 4 }), { minLength: 7, maxLength: 7 }),
        (bodies) => {
          const files: Record<string, string> = {};
          names.forEach((name, i) => (files[name] = (bodies[i] ?? []).join('')));
          let reads = 0;
          let globs = 0;
          const host: FileHost = {
            readFile: (uri) => {
              reads++;
              return files[uri];
            },
            glob: (pattern) => {
              globs++;
              const prefix = pattern.replace(/\*.*$/, '');
              return names.filter((name) => name.startsWith(prefix));
            },
          };
          const expansion = expandKeepalived(parseKeepalived('include *\n').ast, {
            uri: 'main.conf',
            files: host,
          });
          assert.ok(reads <= names.length, `${reads} reads`);
          assert.ok(globs <= (MAX_INCLUDED_FILES + 1) * 4, `${globs} globs`);
          assert.ok(expansion.items.length <= MAX_INCLUDED_FILES * 4);
        },
      ),
      params,
    );
  });
});

void describe('fuzz: LSP document model', () => {
  /** Applies an edit the way a client computes it: positions in LSP 3.17 lines of the old text. */
  void it('keeps the text in step with the editor for any edit and line ending', () => {
    const service = createLanguageService();
    fc.assert(
      fc.property(
        keepalivedText.chain((text) =>
          fc.tuple(fc.constant(text), fc.array(editOf(text, KEEPALIVED_PIECES), { maxLength: 4 })),
        ),
        ([text, changes]) => {
          const cache = new DocumentCache(service);
          cache.open('file:///k.conf', 'keepalived', 1, text);
          let expected = text;
          let version = 1;
          for (const change of changes) {
            // Offsets beyond the current text are clamped as a client's positions would be.
            const start = Math.min(change.start, expected.length);
            const end = Math.min(change.end, expected.length);
            const lines = new LineIndex(expected);
            const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
            // A position inside a \r\n is not one a client sends; it maps to the line end.
            const from = lines.offsetAt(range.start);
            const to = lines.offsetAt(range.end);
            expected = expected.slice(0, from) + change.text + expected.slice(to);
            const document = cache.change('file:///k.conf', ++version, [
              { range, text: change.text },
            ]);
            assert.equal(document?.text, expected);
          }
          const final = cache.get('file:///k.conf');
          assert.deepStrictEqual(final?.parse, parseKeepalived(expected));
        },
      ),
      params,
    );
  });
});

/**
 * Linear work: n, 4n and 16n copies of a text. With work w(k) = a + b·k the second step adds four
 * times what the first added; a quadratic cost adds sixteen times. Differences rather than plain
 * ratios, because the first copy is cheaper than the others (nothing to be a duplicate of yet).
 * Work is what `common/work.ts` counts (edit-distance cells, duplicate and cluster comparisons);
 * the longer local run (`npm run fuzz`) also times the steps.
 */
function assertLinear(label: string, cost: (copies: number) => number, base: number): void {
  const [w1, w4, w16] = [base, base * 4, base * 16].map(cost) as [number, number, number];
  assert.ok(
    w16 - w4 <= 4.5 * (w4 - w1) + 64,
    `${label}: ${w1}, ${w4}, ${w16} for ${base}, ${base * 4}, ${base * 16} copies`,
  );
}

/** Milliseconds `run` takes, for the timed steps of the local run. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

void describe('fuzz: linear work', () => {
  const service = createLanguageService();

  void it('copies of a text cost a constant amount each (work counter)', () => {
    fc.assert(
      fc.property(keepalivedText, haproxyText, (keepalived, haproxy) => {
        for (const [language, text] of [
          ['keepalived', keepalived],
          ['haproxy', haproxy],
        ] as [LanguageId, string][]) {
          const counted = (copies: number): number => {
            const document = service.parse(language, 'main.conf', `${text}\n`.repeat(copies));
            resetWork();
            service.validate(document);
            return workDone();
          };
          assertLinear(`${language} ${JSON.stringify(text)}`, counted, 1);
          if (SCALE > 1) {
            const clock = (copies: number): number =>
              timed(() => {
                service.validate(service.parse(language, 'main.conf', `${text}\n`.repeat(copies)));
              });
            // Timing is noisy: only a square law (sixteen times) should trip this.
            const [t4, t16, t64] = [4, 16, 64].map(clock) as [number, number, number];
            assert.ok(
              t64 - t16 <= 10 * Math.max(t16 - t4, 1) + 250,
              `${language}: ${t4} ${t16} ${t64} ms`,
            );
          }
        }
      }),
      { ...params, numRuns: runs(40) },
    );
  });

  void it('nodes of a cluster cost a constant amount each (work counter)', () => {
    fc.assert(
      fc.property(keepalivedText, (text) => {
        const config = `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n}\n${text}`;
        const nodes = (count: number): ClusterNodeInput[] =>
          Array.from({ length: count }, (_, i) => ({
            name: `lb${i}`,
            keepalived: [
              service.parse('keepalived', `file:///w/lb${i}/keepalived.conf`, config),
            ] as KeepalivedDocument[],
            haproxy: [],
          }));
        const counted = (count: number): number => {
          const input = nodes(count);
          resetWork();
          service.analyseCluster(input, { settings: DEFAULT_SETTINGS });
          return workDone();
        };
        // Past the per-group member limit, so that the bounded pairwise parts are constant.
        assertLinear(JSON.stringify(text), counted, 40);
      }),
      { ...params, numRuns: runs(5) },
    );
  });
});
