import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseHaproxy,
  type Directive,
  type HaproxyConfig,
  type Item,
  type Statement,
  type Word,
} from '../../../server/src/core/haproxy/index.js';
import { mark } from '../../helpers/markers.js';

function allItems(ast: HaproxyConfig): Item[] {
  const items: Item[] = [...ast.preamble];
  for (const section of ast.sections) items.push(section.header, ...section.items);
  return items;
}

function statements(ast: HaproxyConfig): Statement[] {
  return allItems(ast).filter((item): item is Statement => item.kind === 'statement');
}

function statement(ast: HaproxyConfig, keyword: string): Statement {
  const found = statements(ast).find((item) => item.keyword.value === keyword);
  if (found === undefined) assert.fail(`no statement ${keyword}`);
  return found;
}

function directives(ast: HaproxyConfig): Directive[] {
  return allItems(ast).filter((item): item is Directive => item.kind === 'directive');
}

function span(word: Word | undefined): { start: number; end: number } {
  if (word === undefined) assert.fail('missing word');
  return { start: word.start, end: word.end };
}

function codes(text: string): string[] {
  return parseHaproxy(text).issues.map((issue) => issue.code);
}

void describe('parseHaproxy: words', () => {
  void it('splits words on blanks and records exact offsets', () => {
    const { text, ranges } = mark('global\n\t<|maxconn|>   <|100|>\n');
    const word = statement(parseHaproxy(text).ast, 'maxconn');
    assert.deepEqual([span(word.keyword), span(word.args[0])], ranges);
  });

  void it('joins quoted and unquoted parts into one word', () => {
    const { text, ranges } = mark(`global\n  log-tag <|a"b c"'d e'\\ f|> <|'x'|>\n`);
    const word = statement(parseHaproxy(text).ast, 'log-tag');
    assert.deepEqual(span(word.args[0]), ranges[0]);
    assert.equal(word.args[0]?.value, 'ab cd e f');
    assert.equal(word.args[0]?.quoting, 'mixed');
    assert.equal(word.args[1]?.value, 'x');
    assert.equal(word.args[1]?.quoting, 'single');
    assert.equal(word.args.length, 2);
  });

  void it('applies backslash escapes outside and inside double quotes, not inside single quotes', () => {
    const text = `global\n  log-tag a\\#b "c\\"d" 'e\\f' \\x41 "\\t" g\\qh\n`;
    const values = statement(parseHaproxy(text).ast, 'log-tag').args.map((word) => word.value);
    assert.deepEqual(values, ['a#b', 'c"d', 'e\\f', 'A', '\t', 'g\\qh']);
  });

  void it('keeps environment variables literally and flags them, only inside double quotes', () => {
    const text = 'global\n  log-tag "${HOST}-x" $HOST \'${HOST}\' "${T-5s}" "${L[*]}"\n';
    const args = statement(parseHaproxy(text).ast, 'log-tag').args;
    assert.deepEqual(
      args.map((word) => [word.value, word.hasVariable]),
      [
        ['${HOST}-x', true],
        ['$HOST', false],
        ['${HOST}', false],
        ['${T-5s}', true],
        ['${L[*]}', true],
      ],
    );
  });

  void it('reports malformed escapes and variables', () => {
    const { text, ranges } = mark('global\n  log-tag a<|\\xZ|>q "<|$|>" "<|${A|>"\n');
    const issues = parseHaproxy(text).issues;
    assert.deepEqual(
      issues.map((issue) => [issue.code, { start: issue.start, end: issue.end }]),
      [
        ['invalid-escape', ranges[0]],
        ['invalid-variable', ranges[1]],
        ['invalid-variable', ranges[2]],
      ],
    );
  });

  void it('starts a comment at an unquoted, unescaped hash, even inside a word', () => {
    const text = 'defaults\n  mode http#tail\n  log-tag "a#b" c\\#d # end\n';
    const ast = parseHaproxy(text).ast;
    const mode = statement(ast, 'mode');
    assert.deepEqual(
      mode.args.map((word) => word.value),
      ['http'],
    );
    assert.equal(mode.comment?.text, 'tail');
    const tag = statement(ast, 'log-tag');
    assert.deepEqual(
      tag.args.map((word) => word.value),
      ['a#b', 'c#d'],
    );
    assert.equal(tag.comment?.text, ' end');
  });

  void it('reports an unterminated quote up to the end of the line and keeps parsing', () => {
    const { text, ranges } = mark(
      'frontend fe\n  http-request set-header X <|"open value|>\n  bind :80\n',
    );
    const result = parseHaproxy(text);
    assert.deepEqual(
      result.issues.map((issue) => [issue.code, issue.severity, issue.start, issue.end]),
      [['unterminated-quote', 'error', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.equal(statement(result.ast, 'bind').args[0]?.value, ':80');
  });

  void it('reports an unterminated single quote too', () => {
    assert.deepEqual(codes("global\n  log-tag 'abc\n"), ['unterminated-quote']);
  });

  void it('counts offsets in UTF-16 code units', () => {
    const { text, ranges } = mark('# 😀 emoji 🚀\nglobal # ✓ 😀\n  <|maxconn|> <|10|> # 😀\n');
    const result = parseHaproxy(text);
    const word = statement(result.ast, 'maxconn');
    assert.deepEqual([span(word.keyword), span(word.args[0])], ranges);
    assert.equal(text.slice(word.keyword.start, word.keyword.end), 'maxconn');
    assert.deepEqual(result.issues, []);
  });

  void it('handles CRLF line endings', () => {
    const { text, ranges } = mark(
      'global\r\n  <|maxconn|> <|10|> # note\r\n\r\nbackend be\r\n  server s1 1.2.3.4:80\r\n',
    );
    const result = parseHaproxy(text);
    const word = statement(result.ast, 'maxconn');
    assert.deepEqual([span(word.keyword), span(word.args[0])], ranges);
    assert.equal(word.comment?.text, ' note');
    assert.equal(result.ast.sections[1]?.name?.value, 'be');
    assert.equal(statement(result.ast, 'server').args[1]?.raw, '1.2.3.4:80');
    assert.equal(result.ast.sections[0]?.end, result.ast.sections[1]?.start);
  });
});

void describe('parseHaproxy: sections', () => {
  void it('groups lines under the latest header', () => {
    const text = [
      '# leading comment',
      '',
      'global',
      '  maxconn 10',
      'defaults',
      '  mode http',
      'defaults named from base',
      'frontend fe',
      '  bind :80',
      '    backend be',
      '  server s1 1.2.3.4:80',
    ].join('\n');
    const result = parseHaproxy(text);
    const { sections, preamble } = result.ast;
    assert.deepEqual(
      sections.map((section) => [section.type, section.name?.value, section.items.length]),
      [
        ['global', undefined, 1],
        ['defaults', undefined, 1],
        ['defaults', 'named', 0],
        ['frontend', 'fe', 1],
        ['backend', 'be', 1],
      ],
    );
    assert.deepEqual(
      preamble.map((item) => item.kind),
      ['comment'],
    );
    assert.equal(sections[4]?.start, text.indexOf('    backend'));
    assert.equal(sections[4]?.end, text.length);
    assert.deepEqual(result.issues, []);
  });

  void it('knows the sections added after 2.6', () => {
    const text = 'crt-store\nlog-profile lp\ntraces\nacme le\nhealthcheck hc\n';
    assert.deepEqual(
      parseHaproxy(text).ast.sections.map((section) => section.type),
      ['crt-store', 'log-profile', 'traces', 'acme', 'healthcheck'],
    );
  });

  void it('reports sections that need a name and lack one', () => {
    const { text, ranges } = mark(
      'global\n<|frontend|>\n  bind :80\n<|backend|> # no name\nlisten l\npeers p\n<|ring|>\n',
    );
    const issues = parseHaproxy(text).issues;
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.start, issue.end]),
      ranges.map((range) => ['missing-section-name', range.start, range.end]),
    );
  });

  void it('reports keywords before the first section, but not comments or template lines', () => {
    const { text, ranges } = mark(
      '# c\n\n{% set x = 1 %}\n{{ header }}\n<|maxconn|> 10\n<|mode|> "http\nglobal\n',
    );
    const result = parseHaproxy(text);
    assert.deepEqual(
      result.issues.map((issue) => issue.code),
      ['directive-outside-section', 'directive-outside-section', 'unterminated-quote'],
    );
    assert.deepEqual(
      result.issues.slice(0, 2).map((issue) => ({ start: issue.start, end: issue.end })),
      ranges,
    );
    assert.equal(result.ast.sections.length, 1);
  });
});

void describe('parseHaproxy: conditional blocks', () => {
  const text = [
    'global',
    '.if version_atleast(2.4)',
    '  maxconn 1',
    'backend be',
    '  server a 1.2.3.4:80',
    '.elif defined(X) && !feature(OPENSSL) || (streq("a",b))',
    '  server b 1.2.3.4:80',
    '  .if 1',
    '  server c 1.2.3.4:80',
    '  .endif',
    '.else',
    '  server d 1.2.3.4:80',
    '.endif',
    '  server e 1.2.3.4:80',
  ].join('\n');

  void it('records blocks, branches and the branch enclosing each line', () => {
    const { ast, issues } = parseHaproxy(text);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      ast.branches.map((branch) => [branch.index, branch.block, branch.kind, branch.parent]),
      [
        [0, 0, 'if', undefined],
        [1, 0, 'elif', undefined],
        [2, 1, 'if', 1],
        [3, 0, 'else', undefined],
      ],
    );
    assert.deepEqual(
      ast.blocks.map((block) => [block.branches, block.parent, block.endif?.start]),
      [
        [[0, 1, 3], undefined, text.lastIndexOf('.endif')],
        [[2], 1, text.indexOf('.endif')],
      ],
    );
    const servers = statements(ast).filter((item) => item.keyword.value === 'server');
    assert.deepEqual(
      servers.map((server) => [server.args[0]?.value, server.branch]),
      [
        ['a', 0],
        ['b', 1],
        ['c', 2],
        ['d', 3],
        ['e', undefined],
      ],
    );
    assert.equal(statement(ast, 'maxconn').branch, 0);
    assert.equal(ast.conditionals.length, 6);
    assert.equal(
      ast.conditionals[1]?.expression,
      'defined(X) && !feature(OPENSSL) || (streq(a,b))',
    );
    assert.equal(ast.branches[0]?.end, text.indexOf('.elif'));
    assert.equal(ast.blocks[0]?.end, text.lastIndexOf('.endif') + '.endif'.length);
  });

  void it('reports stray and misplaced directives', () => {
    const { text: input, ranges } = mark(
      'global\n<|.else|>\n<|.endif|>\n<|.elif|> 1\n.if 1\n.else\n<|.else|>\n<|.elif|> 1\n.endif\n',
    );
    const issues = parseHaproxy(input).issues;
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.severity, issue.start, issue.end]),
      ranges.map((range) => ['stray-conditional', 'error', range.start, range.end]),
    );
  });

  void it('reports an .if that is never closed, and still ends its branch at the end of the text', () => {
    const { text: input, ranges } = mark(
      'global\n<|.if|> 1\n.if 0\n.endif\nbackend b\n  <|server s 1.2.3.4:80|>\n',
    );
    const { issues, ast } = parseHaproxy(input);
    // Once on the `.if`, once on the last line, where HAProxy reports it.
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.start, issue.end]),
      ranges.map((range) => ['unterminated-conditional', range.start, range.end]),
    );
    assert.equal(ast.blocks[0]?.end, input.length);
    assert.equal(statement(ast, 'server').branch, 0);
  });

  for (const [expression, wrong] of [
    ['<|(1|>', '('],
    ['1 <|)|>', ')'],
    ['<|foo|>', 'foo'],
    ['1 <|&&|>', '&&'],
    ['version_atleast(2.4) <|1|>', 'number'],
    ['<|nosuch(1)|>', 'predicate'],
    ['<|defined|>', 'parentheses'],
  ] as const) {
    void it(`rejects the expression ${expression.replace(/<\||\|>/g, '')} (${wrong})`, () => {
      const { text: input, ranges } = mark(`global\n.if ${expression}\n.endif\n`);
      const issues = parseHaproxy(input).issues;
      assert.deepEqual(
        issues.map((issue) => [issue.code, issue.start, issue.end]),
        [['invalid-conditional-expression', ranges[0]?.start, ranges[0]?.end]],
      );
    });
  }

  void it('accepts valid expressions and skips those built from variables', () => {
    const input =
      'global\n.if !(defined(A) || 0) && version_before(9.9)\n.elif "${X}"\n.elif\n.endif\n';
    assert.deepEqual(codes(input), []);
  });

  void it('reports unknown directives and extra arguments', () => {
    const { text: input, ranges } = mark(
      'global\n<|.iff|> 1\n.notice "fine message"\n.warning one <|two three|>\n.if 1\n.endif <|x|>\n',
    );
    const issues = parseHaproxy(input).issues;
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.start, issue.end]),
      [
        ['unknown-directive', ranges[0]?.start, ranges[0]?.end],
        ['unexpected-directive-argument', ranges[1]?.start, ranges[1]?.end],
        ['unexpected-directive-argument', ranges[2]?.start, ranges[2]?.end],
      ],
    );
  });

  void it('gives each directive the branch open just before it', () => {
    const { ast } = parseHaproxy('global\n.if 1\n.if 2\n.else\n.endif\n.endif\n');
    assert.deepEqual(
      directives(ast).map((directive) => [directive.name, directive.branch]),
      [
        ['.if', undefined],
        ['.if', 0],
        ['.else', 1],
        ['.endif', 2],
        ['.endif', 0],
      ],
    );
  });

  void it('accepts directives before the first section', () => {
    const input = '.if defined(A)\n.notice "hello"\n.endif\nglobal\n';
    const { issues, ast } = parseHaproxy(input);
    assert.deepEqual(issues, []);
    assert.equal(directives(ast).length, 3);
  });
});

void describe('parseHaproxy: rule conditions', () => {
  void it('splits a condition into OR groups of possibly negated terms', () => {
    const input =
      'frontend fe\n  http-request deny if !{ src 10.0.0.0/8 } is_api || ! bad or !!good { path_beg /x }\n';
    const rule = statement(parseHaproxy(input).ast, 'http-request');
    assert.deepEqual(
      rule.args.map((word) => word.value),
      ['deny'],
    );
    assert.equal(rule.condition?.polarity, 'if');
    const groups = rule.condition?.groups.map((group) =>
      group.terms.map((term) =>
        term.kind === 'acl'
          ? [term.negated, term.name]
          : [term.negated, term.words.map((word) => word.value).join(' ')],
      ),
    );
    assert.deepEqual(groups, [
      [
        [true, 'src 10.0.0.0/8'],
        [false, 'is_api'],
      ],
      [[true, 'bad']],
      [
        [false, 'good'],
        [false, 'path_beg /x'],
      ],
    ]);
    const negatedWord = rule.condition?.groups[1]?.terms[0];
    assert.equal(negatedWord?.start, input.indexOf('! bad'));
    assert.equal(rule.words.length, 17);
  });

  void it('records the offsets of anonymous ACL braces and of names', () => {
    const { text: input, ranges } = mark(
      'backend b\n  use-server s1 <|unless|> <|!{|> ssl_fc <|}|> || <|!x|>\n',
    );
    const condition = statement(parseHaproxy(input).ast, 'use-server').condition;
    if (condition === undefined) assert.fail('no condition');
    assert.deepEqual(span(condition.keyword), ranges[0]);
    const [anonymous] = condition.groups[0]?.terms ?? [];
    const [named] = condition.groups[1]?.terms ?? [];
    assert.equal(anonymous?.kind, 'anonymous');
    if (anonymous?.kind === 'anonymous') {
      assert.deepEqual(span(anonymous.open), ranges[1]);
      assert.deepEqual(span(anonymous.close), ranges[2]);
    }
    assert.equal(named?.kind, 'acl');
    if (named?.kind === 'acl') {
      assert.equal(named.nameStart, (ranges[3]?.start ?? 0) + 1);
      assert.equal(named.name, 'x');
    }
  });

  void it('only reads conditions for keywords that take one', () => {
    const input =
      'frontend fe\n  acl a path_beg if\n  stats uri if\n  stats admin if a\n  monitor fail if a\n  stick on src if a\n';
    const ast = parseHaproxy(input).ast;
    const [acl, uri, admin, monitor, stick] = statements(ast).slice(1);
    assert.equal(acl?.condition, undefined);
    assert.equal(acl?.args.length, 3);
    assert.equal(uri?.condition, undefined);
    assert.equal(admin?.condition?.groups.length, 1);
    assert.deepEqual(
      admin?.args.map((word) => word.value),
      ['admin'],
    );
    assert.equal(monitor?.condition?.polarity, 'if');
    assert.deepEqual(
      stick?.args.map((word) => word.value),
      ['on', 'src'],
    );
  });

  void it('reports braces HAProxy rejects', () => {
    const { text: input, ranges } = mark(
      'frontend fe\n  http-request deny if <|{ ssl_fc|>\n  http-request deny if <|{ }|>\n  http-request deny if a <|}|>\n  bind :80\n',
    );
    const { issues, ast } = parseHaproxy(input);
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.severity, issue.start, issue.end]),
      [
        ['unclosed-anonymous-acl', 'error', ranges[0]?.start, ranges[0]?.end],
        ['empty-anonymous-acl', 'error', ranges[1]?.start, ranges[1]?.end],
        ['unmatched-closing-brace', 'error', ranges[2]?.start, ranges[2]?.end],
      ],
    );
    assert.equal(statement(ast, 'bind').args[0]?.value, ':80');
  });

  void it('warns about conditions HAProxy accepts but that cannot be what was meant', () => {
    // `||` cannot sit next to a range marker, so these ranges are given as line and column.
    const lines = [
      'frontend fe',
      '  http-request deny if',
      '  http-request deny if ||  a',
      '  http-request deny if a ||',
      '  http-request deny if a || or b',
      '  http-request deny if a !',
      '  http-request deny if a ! || b',
    ];
    const input = lines.join('\n') + '\n';
    const at = (line: number, column: number): number =>
      lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0) + column;
    const expected = [
      [at(1, 20), at(1, 22)],
      [at(2, 23), at(2, 25)],
      [at(3, 25), at(3, 27)],
      [at(4, 28), at(4, 30)],
      [at(5, 25), at(5, 26)],
      [at(6, 25), at(6, 27)],
    ];
    const issues = parseHaproxy(input).issues;
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.severity, issue.start, issue.end]),
      expected.map(([start, end]) => ['invalid-condition', 'warning', start, end]),
    );
  });
});

void describe('parseHaproxy: templates', () => {
  void it('keeps template spans as single flagged words and ignores tag-only lines', () => {
    const { text, ranges } = mark(
      '{% for b in backends %}\nbackend {{ b.name }}\n  server <|{{ name }}|> <|{{ ip }}:80|> check\n  {# note #}\n  {{- .Extra }}\n{% endfor %}\n',
    );
    const result = parseHaproxy(text);
    assert.deepEqual(result.issues, []);
    const server = statement(result.ast, 'server');
    assert.deepEqual(
      server.args.map((word) => [word.raw, word.template]),
      [
        ['{{ name }}', true],
        ['{{ ip }}:80', true],
        ['check', false],
      ],
    );
    assert.deepEqual(server.args.slice(0, 2).map(span), ranges);
    assert.equal(result.ast.sections[0]?.name?.template, true);
    assert.deepEqual(
      result.ast.sections[0]?.items.map((item) => item.kind),
      ['statement', 'template', 'statement', 'template'],
    );
    assert.equal(result.ast.preamble[0]?.kind, 'template');
  });

  void it('recognises template spans inside double quotes but not inside single quotes', () => {
    const text = `global\n  log-tag "a {{ b }}" 'c {{ d }}' {{e}}\n`;
    const args = statement(parseHaproxy(text).ast, 'log-tag').args;
    assert.deepEqual(
      args.map((word) => [word.value, word.template]),
      [
        ['a {{ b }}', true],
        ['c {{ d }}', false],
        ['{{e}}', true],
      ],
    );
  });

  void it('does not warn about conditions made of template spans', () => {
    assert.deepEqual(codes('frontend fe\n  use_backend {{ be }} if {{ cond }}\n'), []);
  });
});

void describe('parseHaproxy: robustness', () => {
  void it('parses everything after broken lines', () => {
    const input = [
      'global',
      '  log-tag "broken',
      '.else',
      'frontend',
      '  http-request deny if { x',
      '  bind :80',
      'backend be',
      '  server s1 1.2.3.4:80',
    ].join('\n');
    const { ast, issues } = parseHaproxy(input);
    assert.deepEqual(
      issues.map((issue) => issue.code),
      ['unterminated-quote', 'stray-conditional', 'missing-section-name', 'unclosed-anonymous-acl'],
    );
    assert.deepEqual(
      ast.sections.map((section) => section.type),
      ['global', 'frontend', 'backend'],
    );
    assert.equal(statement(ast, 'server').args[1]?.value, '1.2.3.4:80');
  });

  void it('parses an empty text and a text without final line feed', () => {
    assert.deepEqual(parseHaproxy('').ast.sections, []);
    const ast = parseHaproxy('global\n  maxconn 1').ast;
    assert.equal(statement(ast, 'maxconn').end, 'global\n  maxconn 1'.length);
  });
});
