/**
 * The editor features read a Keepalived target the way validation does: target 2.3 stands for
 * 2.3.3, the release checked against, where `thread_timer_expired` (added in 2.3.2) exists but is
 * deprecated for `timer_expired_backup` (keepalived 2.3.3 -t asks for the replacement). At 2.2
 * (2.2.7) it does not exist yet. Each feature is asked at both targets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  PLAIN_FORMAT,
  resolveSettings,
  SEMANTIC_TOKENS_LEGEND,
  type ClientFormat,
  type ServiceSettings,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const RICH: ClientFormat = { markdown: true, snippets: false, deprecatedTag: true };
const AT_2_3 = resolveSettings({ keepalived: { version: '2.3' } });
const AT_2_2 = resolveSettings({ keepalived: { version: '2.2' } });

function parse(input: string): { document: ReturnType<typeof service.parse>; cursor: number } {
  const { text, cursors } = mark(input);
  return { document: service.parse('keepalived', 'file:///k.conf', text), cursor: cursors[0] ?? 0 };
}

function hoverText(input: string, settings: ServiceSettings): string {
  const { document, cursor } = parse(input);
  const hover = service.getHover(document, cursor, { settings, format: PLAIN_FORMAT });
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

test('hover at target 2.3: thread_timer_expired is there, deprecated, not too new', () => {
  const input = 'vrrp_instance VI_1 {\n    thread_timer_<|>expired\n}\n';
  const at23 = hoverText(input, AT_2_3);
  assert.match(at23, /The target version warns about it\./);
  assert.doesNotMatch(at23, /Not available in the target version/);
  assert.match(hoverText(input, AT_2_2), /Not available in the target version 2\.2\./);
});

test('completion at target 2.3: thread_timer_expired is offered, tagged deprecated', () => {
  const { document, cursor } = parse('vrrp_instance VI_1 {\n    thread_timer<|>\n}\n');
  const at23 = service.getCompletions(document, cursor, { settings: AT_2_3, format: RICH });
  const item = at23.find((candidate) => candidate.label === 'thread_timer_expired');
  assert.ok(item, 'thread_timer_expired offered at 2.3');
  assert.deepEqual(item.tags, [1]);
  const at22 = service.getCompletions(document, cursor, { settings: AT_2_2, format: RICH });
  assert.equal(
    at22.some((candidate) => candidate.label === 'thread_timer_expired'),
    false,
  );
});

test('signature help at target 2.3: the note says deprecated, not unavailable', () => {
  const { document, cursor } = parse('vrrp_instance VI_1 {\n    thread_timer_expired <|>\n}\n');
  const at23 = service.getSignatureHelp(document, cursor, {
    settings: AT_2_3,
    format: PLAIN_FORMAT,
  });
  const doc23 = at23?.signatures[0]?.documentation as MarkupContent | undefined;
  assert.equal(at23?.signatures[0]?.label, 'thread_timer_expired [<priority>]');
  assert.match(doc23?.value ?? '', /The target version warns about it\./);
  assert.doesNotMatch(doc23?.value ?? '', /Not available/);
  const at22 = service.getSignatureHelp(document, cursor, {
    settings: AT_2_2,
    format: PLAIN_FORMAT,
  });
  const doc22 = at22?.signatures[0]?.documentation as MarkupContent | undefined;
  assert.match(doc22?.value ?? '', /Not available in the target version 2\.2\./);
});

test('semantic tokens at target 2.3: thread_timer_expired carries the deprecated modifier', () => {
  const { document } = parse('vrrp_instance VI_1 {\n    thread_timer_expired\n}\n');
  const deprecatedBit = 1 << SEMANTIC_TOKENS_LEGEND.tokenModifiers.indexOf('deprecated');
  const modifiersOfSecondToken = (settings: ServiceSettings): number => {
    // Tokens come in fives; the keyword of line 2 is the third token (after vrrp_instance, VI_1).
    const { data } = service.getSemanticTokens(document, { settings });
    assert.equal(data[10], 1, 'third token on the next line');
    return data[14] ?? 0;
  };
  assert.equal(modifiersOfSecondToken(AT_2_3) & deprecatedBit, deprecatedBit);
  assert.equal(modifiersOfSecondToken(AT_2_2) & deprecatedBit, 0);
});
