import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  DEFAULT_SETTINGS,
  PLAIN_FORMAT,
  type ClientFormat,
} from '../../../server/src/core/index.js';
import { mark } from '../../helpers/markers.js';

const service = createLanguageService();
const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

function hoverText(input: string, format: ClientFormat = MARKDOWN): string {
  const { text, cursors } = mark(input);
  const document = service.parse('haproxy', 'file:///x', text);
  const hover: Hover | null = service.getHover(document, cursors[0] ?? 0, {
    settings: DEFAULT_SETTINGS,
    format,
  });
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

const FRONTEND = (cursorLine: string): string => `frontend fe
  mode http
  bind :80
  use_backend api if { path_beg /api }
  http-request set-header X-A 1
  tcp-request content accept
  http-request set-header X-B 1
  ${cursorLine}
  http-request set-header X-D 1
  default_backend app
backend app
  server s1 192.0.2.1:80
backend api
  http-request set-header X-E 1
  server s1 192.0.2.2:80
`;

test('rule phase: position among the list and the lists before and after', () => {
  const text = hoverText(FRONTEND('http-req<|>uest set-header X-C 1'));
  assert.match(
    text,
    /Runs in the HTTP request phase, 3rd of 4 `http-request` rules in this frontend; after every `tcp-request content` rule, before every `use_backend` rule, whatever order the lines are written in\./,
  );
});

test('rule phase: use_backend, default_backend and a backend rule', () => {
  assert.match(
    hoverText(FRONTEND('# x').replace('  use_backend api', '  use_<|>backend api')),
    /Runs in backend selection, the only `use_backend` rule in this frontend; after every `tcp-request content` and `http-request` rule, whatever/,
  );
  assert.match(
    hoverText(FRONTEND('# x').replace('  default_backend', '  default_<|>backend')),
    /Used when none of the 1 `use_backend` rule of this frontend matches, after all of them\./,
  );
  assert.match(
    hoverText(
      FRONTEND('# x').replace('  http-request set-header X-E', '  http-<|>request set-header X-E'),
    ),
    /HTTP request phase of the backend, once a frontend has chosen it/,
  );
});

test('rule phase: nothing for other keywords, plain text without backticks', () => {
  assert.doesNotMatch(hoverText(FRONTEND('# x').replace('  bind :80', '  bi<|>nd :80')), /Runs in/);
  const plain = hoverText(FRONTEND('http-req<|>uest set-header X-C 1'), PLAIN_FORMAT);
  assert.match(plain, /Runs in the HTTP request phase, 3rd of 4 http-request rules/);
});
