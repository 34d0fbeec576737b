import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createLanguageService,
  SEMANTIC_TOKENS_LEGEND,
  semanticTokensEdits,
  type LanguageId,
} from '../../../server/src/core/index.js';
import type { SemanticTokensEdit } from 'vscode-languageserver-types';

const service = createLanguageService();

/** Decodes the relative encoding into `text:type[+modifier…]` strings, in order. */
function decode(language: LanguageId, text: string): string[] {
  const document = service.parse(language, 'file:///x', text);
  const { data } = service.getSemanticTokens(document);
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let at = 0; at < data.length; at += 5) {
    const [deltaLine = 0, deltaChar = 0, length = 0, type = 0, modifiers = 0] = data.slice(
      at,
      at + 5,
    );
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaChar : deltaChar;
    const start = document.lineIndex.offsetAt({ line, character });
    const names = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push(
      [
        `${text.slice(start, start + length)}:${SEMANTIC_TOKENS_LEGEND.tokenTypes[type]}`,
        ...names,
      ].join('+'),
    );
  }
  return out;
}

test('haproxy: sections, keywords, names, fetches, operators, numbers and strings', () => {
  assert.deepEqual(
    decode(
      'haproxy',
      [
        'frontend fe',
        '    bind 10.0.0.1:443',
        '    timeout client 30s',
        '    acl is_api req.hdr(host),lower -m str "api.local"',
        '    use_backend be if !is_api || { path_beg /x }',
        'backend be',
        '',
      ].join('\n'),
    ),
    [
      'frontend:keyword',
      'fe:namespace+declaration',
      'bind:keyword',
      '443:number',
      'timeout:keyword',
      'client:keyword',
      '30s:number',
      'acl:keyword',
      'is_api:variable+declaration',
      'req.hdr:function',
      'lower:function',
      '"api.local":string',
      'use_backend:keyword',
      'be:namespace',
      'if:operator',
      '!:operator',
      'is_api:variable',
      '||:operator',
      'path_beg:function',
      'backend:keyword',
      'be:namespace+declaration',
    ],
  );
});

test('keepalived: keywords (deprecated marked), names, numbers and strings', () => {
  const tokens = decode(
    'keepalived',
    [
      'vrrp_script chk {',
      '    script "/bin/true"',
      '    interval 2',
      '}',
      'vrrp_instance VI_1 {',
      '    native_ipv6',
      '    track_script {',
      '        chk',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(tokens, [
    'vrrp_script:keyword',
    'chk:variable+declaration',
    'script:keyword',
    '"/bin/true":string',
    'interval:keyword',
    '2:number',
    'vrrp_instance:keyword',
    'VI_1:variable+declaration',
    'native_ipv6:keyword+deprecated',
    'track_script:keyword',
    'chk:variable',
  ]);
});

/** `data` with `edits` applied, as a client applies a delta. */
function applyEdits(data: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const out = [...data];
  // Later edits first, so that earlier offsets stay valid.
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  }
  return out;
}

test('delta edits turn the previous token data into the next, at whole tokens', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const tokens = (count: number): number[] => Array.from({ length: count * 5 }, () => random(4));
  for (let round = 0; round < 300; round++) {
    const previous = tokens(random(12));
    // The next version: the previous one with a run of tokens replaced, or unrelated.
    const next =
      round % 5 === 0
        ? tokens(random(12))
        : (() => {
            const cut = random(previous.length / 5 + 1) * 5;
            const length = Math.min(previous.length - cut, random(3) * 5);
            const copy = [...previous];
            copy.splice(cut, length, ...tokens(random(3)));
            return copy;
          })();
    const edits = semanticTokensEdits(previous, next);
    assert.deepEqual(applyEdits(previous, edits), next, JSON.stringify({ previous, next }));
    for (const edit of edits) {
      assert.equal(edit.start % 5, 0);
      assert.equal(edit.deleteCount % 5, 0);
    }
    if (previous.join() === next.join()) assert.deepEqual(edits, []);
  }
});

test('after a one-line edit the delta is a few tokens, and gives the new document its tokens', () => {
  const lines = ['frontend fe', '    bind :80', '    default_backend be_0'];
  for (let b = 0; b < 200; b++) {
    lines.push(`backend be_${b}`, `    server s1 192.0.2.${b % 250}:80 check`);
  }
  const before = service.parse('haproxy', 'file:///d.cfg', lines.join('\n'));
  const edited = service.update(
    before,
    [
      {
        start: before.lineIndex.lineStart(3),
        end: before.lineIndex.lineStart(3),
        text: 'backend extra\n    timeout server 5s\n',
      },
    ],
    2,
  );
  const previous = service.getSemanticTokens(before).data;
  const next = service.getSemanticTokens(edited).data;
  const edits = semanticTokensEdits(previous, next);
  assert.deepEqual(applyEdits(previous, edits), next);
  const sent = edits.reduce((sum, edit) => sum + (edit.data?.length ?? 0), 0);
  assert.ok(sent > 0 && sent <= 5 * 6, `${sent} integers sent of ${next.length}`);
  // The typed array the server keeps holds the same tokens.
  assert.deepEqual([...service.getSemanticTokenData(edited)], next);
});
