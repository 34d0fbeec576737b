import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  parseKeepalived,
  type KeepalivedItem,
  type KeepalivedNode,
  type KeepalivedWord,
} from '../../../server/src/core/keepalived/index.js';
import { mark } from '../../helpers/markers.js';

/** Parses the marked input; returns the parse and the marker positions. */
function parseMarked(input: string) {
  const marked = mark(input);
  return { ...marked, parse: parseKeepalived(marked.text) };
}

function item(node: KeepalivedNode | undefined): KeepalivedItem {
  assert.ok(node, 'expected a node');
  assert.equal(node.kind, 'item');
  return node;
}

function span(word: KeepalivedWord | undefined): { start: number; end: number } {
  assert.ok(word, 'expected a word');
  return { start: word.start, end: word.end };
}

function codes(text: string): string[] {
  return parseKeepalived(text).issues.map((issue) => `${issue.code}:${issue.severity}`);
}

describe('keepalived parser: structure', () => {
  it('builds items with blocks and exact word offsets', () => {
    const { ranges, cursors, parse } = parseMarked(
      '<|vrrp_instance|> <|VI_1|> <|>{\n  <|state|> <|MASTER|>\n<|>}\n',
    );
    assert.deepEqual(parse.issues, []);
    const top = item(parse.ast.items[0]);
    assert.deepEqual(span(top.keyword), ranges[0]);
    assert.deepEqual(span(top.args[0]), ranges[1]);
    assert.equal(top.block?.open, cursors[0]);
    assert.equal(top.block?.close, cursors[1]);
    const state = item(top.block?.items[0]);
    assert.deepEqual(span(state.keyword), ranges[2]);
    assert.deepEqual(span(state.args[0]), ranges[3]);
    assert.equal(state.keyword.value, 'state');
    assert.equal(top.end, (cursors[1] ?? 0) + 1);
  });

  it('splits braces glued to words and several items on one line, as keepalived does', () => {
    const parse = parseKeepalived('vrrp_instance VI_1{state MASTER}\n');
    assert.deepEqual(parse.issues, []);
    const top = item(parse.ast.items[0]);
    assert.deepEqual(
      top.args.map((w) => w.value),
      ['VI_1'],
    );
    const inner = item(top.block?.items[0]);
    assert.deepEqual([inner.keyword.value, ...inner.args.map((w) => w.value)], ['state', 'MASTER']);
  });

  it('accepts the opening brace on a later line', () => {
    const parse = parseKeepalived('vrrp_instance VI_1\n\n{\n  state BACKUP\n}\n');
    assert.deepEqual(parse.issues, []);
    assert.equal(parse.ast.items.length, 1);
    assert.equal(item(parse.ast.items[0]).block?.items.length, 1);
  });

  it('reads list-block lines as generic items', () => {
    const parse = parseKeepalived(
      'virtual_ipaddress {\n  10.0.0.1/24 dev eth0 label eth0:1\n}\ntrack_script {\n  chk weight -20\n}\n',
    );
    const vip = item(item(parse.ast.items[0]).block?.items[0]);
    assert.deepEqual(
      [vip.keyword.value, ...vip.args.map((w) => w.value)],
      ['10.0.0.1/24', 'dev', 'eth0', 'label', 'eth0:1'],
    );
    const track = item(item(parse.ast.items[1]).block?.items[0]);
    assert.deepEqual(
      [track.keyword.value, ...track.args.map((w) => w.value)],
      ['chk', 'weight', '-20'],
    );
  });

  it('keeps an unknown block a block, without cascading errors', () => {
    const parse = parseKeepalived(
      'vrrp_instanse VI_1 {\n  state MASTER\n  x { y }\n}\nvrrp_instance VI_2 {\n}\n',
    );
    assert.deepEqual(parse.issues, []);
    assert.deepEqual(
      parse.ast.items.map((n) => item(n).keyword.value),
      ['vrrp_instanse', 'vrrp_instance'],
    );
  });
});

describe('keepalived parser: comments and quoting', () => {
  it('starts a comment at # or ! anywhere outside double quotes', () => {
    const { ranges, parse } = parseMarked(
      'priority 1<|#00 x|>\nrouter_id a<|! b|>\nnotify "a#b!c"\n',
    );
    const priority = item(parse.ast.items[0]);
    assert.deepEqual(
      priority.args.map((w) => w.value),
      ['1'],
    );
    assert.deepEqual(
      parse.ast.comments.map((c) => ({ start: c.start, end: c.end })),
      ranges,
    );
    assert.equal(item(parse.ast.items[2]).args[0]?.value, 'a#b!c');
  });

  it('does not start a comment at an escaped # or !', () => {
    const parse = parseKeepalived('router_id a\\#b\\!c\n');
    assert.equal(item(parse.ast.items[0]).args[0]?.value, 'a#b!c');
    assert.deepEqual(parse.ast.comments, []);
  });

  it('decodes double and single quotes and their escapes', () => {
    const { ranges, parse } = parseMarked(
      `x <|"a b\\t\\x41\\101\\"q"|> <|'se cret'|> <|pre"fix"|>\n`,
    );
    const words = item(parse.ast.items[0]).args;
    assert.deepEqual(words.map(span), ranges);
    assert.deepEqual(
      words.map((w) => [w.value, w.quoting]),
      [
        ['a b\tAA"q', 'double'],
        ['se cret', 'single'],
        ['prefix', 'mixed'],
      ],
    );
    assert.equal(words[0]?.raw, '"a b\\t\\x41\\101\\"q"');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.start, i.end]),
      [['glued-quote', ranges[2]?.start, ranges[2]?.end]],
    );
  });

  it('reports an unclosed double quote as an error and keeps parsing', () => {
    const { ranges, parse } = parseMarked('notify <|"abc # d|>\nstate MASTER\n');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.severity, i.start, i.end]),
      [['unterminated-quote', 'error', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.equal(item(parse.ast.items[1]).keyword.value, 'state');
  });

  it('warns when a single quote is cut by a comment character', () => {
    assert.deepEqual(codes("virtual_router_id '3#00'\n"), ['unterminated-quote:warning']);
    assert.deepEqual(codes("x 'abc\n"), ['unterminated-quote:warning']);
  });
});

describe('keepalived parser: includes, conditions, parameters', () => {
  it('records include variants with the path word', () => {
    const { ranges, parse } = parseMarked(
      'include <|/etc/keepalived/*.conf|>\nincluder <|"a b.conf"|>\n',
    );
    const [first, second] = parse.ast.items;
    assert.equal(first?.kind, 'include');
    assert.equal(second?.kind, 'include');
    if (first?.kind !== 'include' || second?.kind !== 'include') return;
    assert.deepEqual(span(first.path), ranges[0]);
    assert.equal(second.variant, 'includer');
    assert.equal(second.path?.value, 'a b.conf');
    assert.deepEqual(codes('include\n'), ['missing-include-path:error']);
  });

  it('records @id and @^id prefixes on the item', () => {
    const { ranges, parse } = parseMarked('<|@main|> router_id A\n<|@^backup|> nopreempt\n');
    const a = item(parse.ast.items[0]);
    const b = item(parse.ast.items[1]);
    assert.deepEqual(a.condition, { id: 'main', negated: false, ...ranges[0] });
    assert.deepEqual(b.condition, { id: 'backup', negated: true, ...ranges[1] });
    assert.equal(a.start, ranges[0]?.start);
    assert.equal(a.keyword.value, 'router_id');
  });

  it('flags malformed or empty @ prefixes', () => {
    assert.deepEqual(codes('@ router_id A\n'), ['invalid-condition:warning']);
    assert.deepEqual(codes('@main\n@^x # only a comment\n'), [
      'empty-condition:warning',
      'empty-condition:warning',
    ]);
  });

  it('parses $NAME=value definitions, multi-line ones included', () => {
    const input =
      '@main $PRIO=240\n$BLOCK= \\\n  vrrp_instance X { \\\n  # skipped\n    state MASTER \\\n  }\nlast 1\n';
    const parse = parseKeepalived(input);
    assert.deepEqual(parse.issues, []);
    const [prio, block, last] = parse.ast.items;
    assert.equal(prio?.kind, 'definition');
    assert.equal(block?.kind, 'definition');
    if (prio?.kind !== 'definition' || block?.kind !== 'definition') return;
    assert.equal(prio.name, 'PRIO');
    assert.equal(prio.value, '240');
    assert.equal(prio.condition?.id, 'main');
    assert.equal(block.multiline, true);
    assert.equal(block.value, 'vrrp_instance X {\nstate MASTER\n}');
    assert.equal(
      input.slice(block.valueStart, block.valueEnd),
      'vrrp_instance X { \\\n  # skipped\n    state MASTER \\\n  }',
    );
    assert.equal(item(last).keyword.value, 'last');
    assert.deepEqual(parse.ast.definitions, [prio, block]);
    assert.deepEqual(parse.ast.comments.length, 1);
  });

  it('reports a trailing backslash outside a definition', () => {
    const { ranges, parse } = parseMarked('priority 100 <|\\|>\n  nopreempt\n');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.severity, i.start, i.end]),
      [['line-continuation', 'error', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.equal(parse.ast.items.length, 2);
  });

  it('lists definitions nested in blocks', () => {
    const parse = parseKeepalived('a {\n  $X=1\n}\n$Y=2\n');
    assert.deepEqual(
      parse.ast.definitions.map((d) => d.name),
      ['X', 'Y'],
    );
  });

  it('reports definitions keepalived does not recognise', () => {
    assert.deepEqual(codes('$X =1\n'), ['invalid-definition:error']);
    assert.deepEqual(codes('$1X=1\n'), ['invalid-definition:error']);
    assert.deepEqual(codes('$X\n'), []);
  });

  it('records $NAME and ${NAME} uses with their ranges', () => {
    const { ranges, parse } = parseMarked(
      'priority <|$PRIO|>\nip 10.<|${A}|>.<|${B}|>/24 $A.x\nx <|${_RANDOM 1 9}|>\n',
    );
    const refs = parse.ast.items.flatMap((n) => item(n).args.flatMap((w) => w.refs));
    assert.deepEqual(
      refs.map((r) => ({ start: r.start, end: r.end })),
      ranges,
    );
    assert.deepEqual(
      refs.map((r) => [r.name, r.braced]),
      [
        ['PRIO', false],
        ['A', true],
        ['B', true],
        ['_RANDOM', true],
      ],
    );
    assert.equal(item(parse.ast.items[2]).args.length, 1);
  });

  it('records ~SEQ and ~LST lines as sequence nodes whose braces are text', () => {
    const { ranges, parse } = parseMarked(
      '<|~SEQ(N, 1, 3)|> <|~SEQx(M, 0x90, 0x10, 0xc0)|> ip 10.0.${N}.1\n~LST({IP, IP1}, {10,1},{20,4}) x { y }\n',
    );
    assert.deepEqual(parse.issues, []);
    const [seq, lst] = parse.ast.items;
    assert.equal(seq?.kind, 'sequence');
    assert.equal(lst?.kind, 'sequence');
    if (seq?.kind !== 'sequence' || lst?.kind !== 'sequence') return;
    assert.deepEqual(
      seq.generators.map((g) => ({ start: g.start, end: g.end })),
      ranges,
    );
    assert.deepEqual(
      seq.generators.map((g) => [g.kind, g.spec]),
      [
        ['SEQ', 'N, 1, 3'],
        ['SEQx', 'M, 0x90, 0x10, 0xc0'],
      ],
    );
    assert.deepEqual(
      seq.body.map((w) => w.value),
      ['ip', '10.0.${N}.1'],
    );
    assert.deepEqual(
      lst.body.map((w) => w.value),
      ['x', '{', 'y', '}'],
    );
    assert.deepEqual(codes('~SEQ(A) foo\n'), ['invalid-sequence:error']);
    assert.deepEqual(codes('~SEQ A, 1, 2 foo\n'), ['invalid-sequence:error']);
  });
});

describe('keepalived parser: templates', () => {
  it('keeps a template span as one opaque word and ignores tag-only lines', () => {
    const { ranges, parse } = parseMarked(
      '{% if lvs %}\nvirtual_ipaddress {\n  <|{{ vip | default("x") }}|> dev eth0\n}\n  {%- endif %}\npriority <|{% if m %}150{% else %}100{% endif %}|>\n',
    );
    assert.deepEqual(parse.issues, []);
    assert.equal(parse.ast.items.length, 2);
    const vip = item(item(parse.ast.items[0]).block?.items[0]);
    assert.deepEqual(span(vip.keyword), ranges[0]);
    assert.equal(vip.keyword.hasTemplate, true);
    const priority = item(parse.ast.items[1]);
    assert.deepEqual(span(priority.args[0]), ranges[1]);
    assert.equal(priority.keyword.hasTemplate, false);
    assert.deepEqual(
      parse.ast.comments.map((c) => c.template),
      [true, true],
    );
  });

  it('does not treat braces inside template spans as blocks', () => {
    assert.deepEqual(codes('a {{ "}" }} {\n  b {{ x }}{{ "{" }}\n}\n'), []);
    assert.deepEqual(codes('a {{ x\n'), ['unterminated-template:warning']);
    const plain = parseKeepalived('a {# not a template\n  b 1\n}\nc {# x #}\n');
    assert.deepEqual(plain.issues, []);
    assert.equal(item(plain.ast.items[0]).block?.items.length, 1);
    assert.equal(item(plain.ast.items[1]).args[0]?.hasTemplate, true);
  });
});

describe('keepalived parser: broken input', () => {
  it('reports an unclosed block on its keyword and brace', () => {
    const { ranges, parse } = parseMarked(
      '<|vrrp_instance VI_1 {|>\n  state MASTER\n  virtual_ipaddress {\n    10.0.0.1\n  }\n',
    );
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.severity, i.start, i.end]),
      [['missing-close-brace', 'error', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.equal(item(parse.ast.items[0]).block?.items.length, 2);
  });

  it('reports stray braces and keeps parsing after them', () => {
    const { ranges, parse } = parseMarked('a {\n}\n<|}|>\n<|{|>\n  x 1\n}\nb 2\n');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.start, i.end]),
      [
        ['unexpected-close-brace', ranges[0]?.start, ranges[0]?.end],
        ['unexpected-open-brace', ranges[1]?.start, ranges[1]?.end],
      ],
    );
    assert.deepEqual(
      parse.ast.items.map((n) => item(n).keyword.value),
      ['a', 'b'],
    );
  });

  it('warns about text after a closing brace on the same line', () => {
    const { ranges, parse } = parseMarked('a {\n  b 1\n} <|foo bar|>\nc {\n} # fine\n');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.severity, i.start, i.end]),
      [['text-after-brace', 'warning', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.equal(parse.ast.items.length, 3);
  });

  it('warns when a conditional line opens a block whose closing brace is unconditional', () => {
    const { ranges, parse } = parseMarked('<|@node2 vrrp_instance VI_2 {|>\n  state BACKUP\n}\n');
    assert.deepEqual(
      parse.issues.map((i) => [i.code, i.severity, i.start, i.end]),
      [['conditional-block', 'warning', ranges[0]?.start, ranges[0]?.end]],
    );
    assert.deepEqual(codes('@node2 vrrp_instance VI_2 {\n  @node2 state BACKUP\n@node2 }\n'), []);
    assert.deepEqual(codes('vrrp_instance VI_2 {\n  state BACKUP\n@node2 }\n'), [
      'conditional-block:warning',
    ]);
  });
});

describe('keepalived parser: line endings and UTF-16', () => {
  it('handles CRLF line endings', () => {
    const { ranges, parse } = parseMarked('<|a|> {\r\n  <|b|> <|1|>   <|# c|>\r\n}\r\n');
    assert.deepEqual(parse.issues, []);
    const a = item(parse.ast.items[0]);
    const b = item(a.block?.items[0]);
    assert.deepEqual([span(a.keyword), span(b.keyword), span(b.args[0])], ranges.slice(0, 3));
    assert.deepEqual(
      parse.ast.comments.map((c) => ({ start: c.start, end: c.end })),
      [ranges[3]],
    );
  });

  it('counts offsets in UTF-16 code units', () => {
    const { ranges, parse } = parseMarked('router_id <|😀é|> <|x|>\n');
    const args = item(parse.ast.items[0]).args;
    assert.deepEqual(args.map(span), ranges);
    assert.equal(args[0]?.end, 'router_id '.length + 3);
  });
});
