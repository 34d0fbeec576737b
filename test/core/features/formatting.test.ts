import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-types';
import {
  createLanguageService,
  type LanguageId,
  type ParsedDocument,
} from '../../../server/src/core/index.js';
import type { Item } from '../../../server/src/core/haproxy/ast.js';
import type { KeepalivedNode } from '../../../server/src/core/keepalived/ast.js';
import { reportSharedMissing, sharedDir } from '../../helpers/paths.js';

const service = createLanguageService();

function apply(document: ParsedDocument, edits: readonly TextEdit[]): string {
  let text = document.text;
  const sorted = edits
    .map((edit) => ({
      start: document.lineIndex.offsetAt(edit.range.start),
      end: document.lineIndex.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  for (const edit of sorted) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

function format(language: LanguageId, text: string, options?: Partial<FormattingOptions>): string {
  const document = service.parse(language, 'file:///x', text);
  return apply(document, service.format(document, options));
}

/** Every word value of a document, in order: what formatting must never change. */
function words(document: ParsedDocument): string[] {
  const out: string[] = [];
  if (document.languageId === 'haproxy') {
    const items = (list: readonly Item[]): void => {
      for (const item of list) {
        if (item.kind === 'statement' || item.kind === 'directive') {
          for (const word of item.words) out.push(word.value);
          if (item.comment) out.push(`#${item.comment.text}`);
        } else out.push(item.text);
      }
    };
    items(document.parse.ast.preamble);
    for (const section of document.parse.ast.sections) {
      for (const word of section.header.words) out.push(word.value);
      items(section.items);
    }
    return out;
  }
  const walk = (nodes: readonly KeepalivedNode[]): void => {
    for (const node of nodes) {
      if (node.condition) out.push(`@${node.condition.negated ? '^' : ''}${node.condition.id}`);
      if (node.kind === 'definition') out.push(`$${node.name}=${node.value}`);
      else if (node.kind === 'sequence') for (const word of node.body) out.push(word.value);
      else if (node.kind === 'include') {
        out.push(node.keyword.value, node.path?.value ?? '', ...node.extra.map((w) => w.value));
      } else {
        out.push(node.keyword.value, ...node.args.map((word) => word.value));
        if (node.block) {
          out.push('{');
          walk(node.block.items);
          out.push(node.block.close === undefined ? '<open>' : '}');
        }
      }
    }
  };
  walk(document.parse.ast.items);
  out.push(`${document.parse.ast.comments.length} comments`);
  return out;
}

test('haproxy: headers at 0, body indented, directives at 0, words and comments kept', () => {
  const input = [
    '   global   # main',
    'maxconn    100',
    '',
    '  \t',
    '      # about the backend',
    '  backend   be',
    '.if defined(HAPROXY_MWORKER)',
    '  # the servers',
    'server s1 "10.0.0.1:80"   check   inter 2s#tail',
    '        .endif',
    '\thttp-request set-header X-A "a  b"  if { path_beg /x }  # keep  spaces',
    '',
  ].join('\n');
  assert.equal(
    format('haproxy', input),
    [
      'global # main',
      '    maxconn 100',
      '',
      '',
      '# about the backend',
      'backend be',
      '.if defined(HAPROXY_MWORKER)',
      '    # the servers',
      '    server s1 "10.0.0.1:80" check inter 2s#tail',
      '.endif',
      '    http-request set-header X-A "a  b" if { path_beg /x } # keep  spaces',
      '',
    ].join('\n'),
  );
  assert.equal(
    format('haproxy', 'backend b\n server s a:1\n', { tabSize: 2, insertSpaces: false }),
    'backend b\n\tserver s a:1\n',
  );
  assert.equal(
    format('haproxy', 'backend b\r\n server s a:1\r\n', { tabSize: 2, insertSpaces: true }),
    'backend b\r\n  server s a:1\r\n',
  );
});

test('keepalived: indentation by brace depth, comments follow the next line', () => {
  const input = [
    '! header',
    'vrrp_instance VI_1 {',
    'state MASTER   # primary',
    '      virtual_ipaddress {',
    '10.0.0.1/24',
    '  # last',
    '}',
    '   }',
    'global_defs { router_id a }',
    '@lb1   vrrp_script  chk{',
    '  script   "/bin/check  x"',
    '}',
    '',
  ].join('\n');
  assert.equal(
    format('keepalived', input),
    [
      '! header',
      'vrrp_instance VI_1 {',
      '    state MASTER # primary',
      '    virtual_ipaddress {',
      '        10.0.0.1/24',
      '        # last',
      '    }',
      '}',
      'global_defs { router_id a }',
      '@lb1 vrrp_script chk{',
      '    script "/bin/check  x"',
      '}',
      '',
    ].join('\n'),
  );
});

test('range formatting touches only the lines of the range', () => {
  const document = service.parse('haproxy', 'file:///x', 'backend b\nserver a a:1\nserver b b:1\n');
  const edits = service.format(document, undefined, {
    start: { line: 2, character: 3 },
    end: { line: 3, character: 0 },
  });
  assert.deepEqual(
    edits.map((edit) => [edit.range.start.line, edit.newText]),
    [[2, '    server b b:1']],
  );
});

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found;
}

test('corpus: formatting keeps every word and is idempotent', (t) => {
  if (!sharedDir) {
    reportSharedMissing('formatting corpus');
    t.skip('../shared is missing');
    return;
  }
  let checked = 0;
  for (const path of filesUnder(join(sharedDir, 'corpus'))) {
    const text = readFileSync(path, 'utf8');
    const language = service.detectLanguage(path, text);
    if (!language) continue;
    const before = service.parse(language, path, text);
    const once = apply(before, service.format(before));
    const after = service.parse(language, path, once);
    assert.deepEqual(words(after), words(before), `words changed in ${path}`);
    assert.deepEqual(service.format(after), [], `second format is not a no-op in ${path}`);
    checked++;
  }
  assert.ok(checked > 0);
});

test('a line off its form by one blank gets an edit; lines in form get none', () => {
  const inForm = [
    'backend be',
    '    server s1 192.0.2.1:80 check # main',
    '    balance roundrobin',
  ];
  const offForm = [
    '   server s2 192.0.2.2:80', // one space short
    '     server s3 192.0.2.3:80', // one space too many
    '\tserver s4 192.0.2.4:80', // a tab where four spaces go
    '    server s5  192.0.2.5:80', // two spaces between words
    '    server s6 192.0.2.6:80 ', // a trailing space
    '    server s7 192.0.2.7:80\t# x', // a tab before the comment
    '    server s8 192.0.2.8:80  # x', // two spaces before the comment
    '  ', // blanks only
  ];
  const text = [...inForm, ...offForm, ''].join('\n');
  const document = service.parse('haproxy', 'file:///x', text);
  const edited = service.format(document).map((edit) => edit.range.start.line);
  assert.deepEqual(
    edited,
    offForm.map((_, at) => inForm.length + at),
  );
  // With tabs, the tabbed line is the one in form.
  const tabbed = service.format(document, { insertSpaces: false, tabSize: 4 });
  assert.ok(!tabbed.some((edit) => edit.range.start.line === inForm.length + 2));
  assert.ok(tabbed.some((edit) => edit.range.start.line === 1));
});
