import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent, SignatureHelp } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  PLAIN_FORMAT,
  type ClientFormat,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

function help(
  language: 'haproxy' | 'keepalived',
  input: string,
  format: ClientFormat = MARKDOWN,
): SignatureHelp | null {
  const { text, cursors } = mark(input);
  const document = service.parse(language, 'file:///x', text);
  return service.getSignatureHelp(document, cursors[0] ?? 0, {
    settings: DEFAULT_SETTINGS,
    format,
  });
}

/** The label of the active parameter. */
function active(result: SignatureHelp | null): string {
  assert.ok(result);
  const signature = result.signatures[0];
  assert.ok(signature);
  const label = signature.parameters?.[result.activeParameter ?? 0]?.label;
  assert.ok(Array.isArray(label));
  return signature.label.slice(label[0], label[1]);
}

test('haproxy: keyword arguments, multi-word names, active parameter', () => {
  const timeout = help('haproxy', 'defaults\n  timeout connect <|>\n');
  assert.equal(timeout?.signatures[0]?.label, 'timeout connect <timeout>');
  assert.equal(active(timeout), '<timeout>');
  const server = help('haproxy', 'backend b\n  server s1 <|>\n');
  assert.equal(server?.activeParameter, 1);
  assert.match(
    (server?.signatures[0]?.documentation as MarkupContent).value,
    /\[Documentation\]\(/,
  );
});

test('haproxy: rule actions get their own signature', () => {
  const result = help('haproxy', 'frontend f\n  http-request set-header X-Env <|>\n');
  assert.equal(result?.signatures[0]?.label, 'http-request set-header <name> <fmt>');
  assert.equal(active(result), '<fmt>');
  assert.equal(help('haproxy', 'frontend f\n  http-request deny if <|>\n'), null);
});

test('haproxy: nothing while typing the keyword or in a comment', () => {
  assert.equal(help('haproxy', 'defaults\n  time<|>\n'), null);
  assert.equal(help('haproxy', 'defaults\n  # timeout connect <|>\n'), null);
});

test('keepalived: keyword arguments, plain text documentation', () => {
  const result = help('keepalived', 'vrrp_instance VI_1 {\n  priority <|>\n}\n', PLAIN_FORMAT);
  assert.equal(result?.signatures[0]?.label, 'priority <priority>');
  assert.equal(active(result), '<priority>');
  assert.equal((result?.signatures[0]?.documentation as MarkupContent).kind, 'plaintext');
  const track = help('keepalived', 'vrrp_instance VI_1 {\n  track_script {\n    chk <|>\n  }\n}\n');
  assert.ok(track?.signatures[0]);
});
