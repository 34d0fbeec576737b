import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createLanguageService,
  SEMANTIC_TOKENS_LEGEND,
  type LanguageId,
} from '../../../server/src/core/index.js';

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
