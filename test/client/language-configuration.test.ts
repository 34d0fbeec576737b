import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HAPROXY_CATALOG } from '../../server/src/core/haproxy/catalog/index.js';
import { projectRoot } from '../helpers/paths.js';

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: Array<{ beforeText: string; afterText?: string; action: { indent: string } }>;
  folding?: { markers?: { start: string; end: string } };
}

function load(name: string): LanguageConfiguration {
  const path = join(projectRoot, 'language-configuration', `${name}.language-configuration.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as LanguageConfiguration;
}

/**
 * The word VS Code selects at `column`: it scans the line with the word pattern and takes the
 * match that touches the column (the same rule as `getWordAtText`).
 */
function wordAt(pattern: string, line: string, column: number): string | undefined {
  const regexp = new RegExp(pattern, 'g');
  for (const match of line.matchAll(regexp)) {
    const start = match.index;
    if (start <= column && column <= start + match[0].length) return match[0];
    if (start > column) break;
  }
  return undefined;
}

/** Asserts that `word` is selected whole wherever the cursor is inside it. */
function assertWholeWord(pattern: string, line: string, word: string): void {
  const start = line.indexOf(word);
  assert.ok(start >= 0, `${word} is in ${line}`);
  for (const column of [start + 1, start + Math.floor(word.length / 2), start + word.length - 1]) {
    assert.equal(wordAt(pattern, line, column), word, `column ${column} of "${line}"`);
  }
}

const haproxy = load('haproxy');
const keepalived = load('keepalived');

void describe('haproxy language configuration', () => {
  void it('comments with # and pairs every bracket kind', () => {
    assert.equal(haproxy.comments.lineComment, '#');
    assert.deepEqual(
      haproxy.brackets.map((pair) => pair.join('')),
      ['{}', '[]', '()'],
    );
    const opens = haproxy.autoClosingPairs.map((pair) => pair.open);
    for (const open of ['{', '[', '(', '"', "'"]) assert.ok(opens.includes(open), open);
  });

  void it('keeps keywords, dotted names, addresses and variables as one word', () => {
    const p = haproxy.wordPattern;
    assertWholeWord(p, '    http-request deny if !ok', 'http-request');
    assertWholeWord(p, '    tune.ssl.default-dh-param 2048', 'tune.ssl.default-dh-param');
    assertWholeWord(p, '    server web1 192.168.1.10:80 check', '192.168.1.10:80');
    assertWholeWord(p, '    bind [::1]:443 ssl crt /etc/ssl/site.pem', '[::1]:443');
    assertWholeWord(p, '    bind ${VAR}:80', '${VAR}:80');
    assertWholeWord(p, '    maxconn ${VAR}', '${VAR}');
    assertWholeWord(p, '    crt-base /etc/${SITE}/certs', '/etc/${SITE}/certs');
  });

  void it('splits words at operators and sample-expression punctuation', () => {
    const p = haproxy.wordPattern;
    assert.equal(wordAt(p, '    use_backend api if !is_api', 27), 'is_api');
    assert.equal(wordAt(p, '    acl a req.hdr(host),lower -m str x', 10), 'req.hdr');
    assert.equal(wordAt(p, '    acl a req.hdr(host),lower -m str x', 27), 'lower');
    assert.equal(wordAt(p, '    log-format "%[src] ok"', 21), 'src');
  });

  void it('indents after a section header and outdents a header typed inside a section', () => {
    const increase = new RegExp(haproxy.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(haproxy.indentationRules.decreaseIndentPattern);
    for (const header of [
      'global',
      'defaults',
      'defaults web from base',
      'frontend fe_http',
      'backend be_app # main pool',
      'listen stats',
      '    backend be_typed_while_indented',
      'http-errors site',
    ]) {
      assert.ok(increase.test(header), header);
      assert.ok(decrease.test(header), header);
    }
    for (const directive of [
      '    bind :80',
      '    option httplog',
      '    default_backend be_app',
      '# frontend commented_out',
      'frontend-like-word',
      '    timeout client 30s',
    ]) {
      assert.ok(!increase.test(directive), directive);
      assert.ok(!decrease.test(directive), directive);
    }
  });

  void it('treats every section of the catalog as a header', () => {
    const increase = new RegExp(haproxy.indentationRules.increaseIndentPattern);
    const [afterHeader] = haproxy.onEnterRules;
    assert.ok(afterHeader);
    const sections = HAPROXY_CATALOG.sections.filter((s) => s.spoeOnly !== true);
    assert.ok(sections.length > 15);
    for (const { name } of sections) {
      assert.ok(increase.test(`${name} x`), name);
      assert.ok(new RegExp(afterHeader.beforeText).test(`${name} x`), name);
    }
  });

  void it('on Enter indents after a header and keeps a directive indentation', () => {
    const [afterHeader, afterDirective] = haproxy.onEnterRules;
    assert.ok(afterHeader && afterDirective);
    assert.ok(new RegExp(afterHeader.beforeText).test('frontend fe_http'));
    assert.equal(afterHeader.action.indent, 'indent');
    assert.ok(!new RegExp(afterHeader.beforeText).test('    mode http'));
    assert.ok(new RegExp(afterDirective.beforeText).test('    mode http'));
    assert.equal(afterDirective.action.indent, 'none');
    assert.ok(!new RegExp(afterDirective.beforeText).test('frontend fe_http'));
  });

  void it('folds .if blocks', () => {
    const markers = haproxy.folding?.markers;
    assert.ok(markers);
    assert.ok(new RegExp(markers.start).test('.if defined(WITH_SSL)'));
    assert.ok(new RegExp(markers.start).test('    .if streq("${ENV}",prod)'));
    assert.ok(!new RegExp(markers.start).test('.elif defined(X)'));
    assert.ok(!new RegExp(markers.start).test('    use_backend b if ok'));
    assert.ok(new RegExp(markers.end).test('.endif'));
    assert.ok(!new RegExp(markers.end).test('.else'));
  });

  void it('folds # region / # endregion comments', () => {
    const markers = haproxy.folding?.markers;
    assert.ok(markers);
    assert.ok(new RegExp(markers.start).test('# region backends'));
    assert.ok(new RegExp(markers.end).test('    # endregion'));
    assert.ok(!new RegExp(markers.start).test('# regional settings'));
    assert.ok(!new RegExp(markers.start).test('# a comment'));
  });
});

void describe('keepalived language configuration', () => {
  void it('comments with # and pairs braces and both quotes', () => {
    assert.equal(keepalived.comments.lineComment, '#');
    assert.deepEqual(keepalived.brackets, [['{', '}']]);
    const opens = keepalived.autoClosingPairs.map((pair) => pair.open);
    assert.deepEqual(opens, ['{', '"', "'"]);
  });

  void it('keeps keywords, prefixes and variables as one word', () => {
    const p = keepalived.wordPattern;
    assertWholeWord(p, '    virtual_router_id 51', 'virtual_router_id');
    assertWholeWord(p, '        10.0.0.1/24 dev eth0', '10.0.0.1/24');
    assertWholeWord(p, '    interface $NAME', '$NAME');
    assertWholeWord(p, '    interface ${NAME}', '${NAME}');
    assertWholeWord(p, '    @node1 priority 150', '@node1');
  });

  void it('ends words at comments, definitions and braces', () => {
    const p = keepalived.wordPattern;
    assert.equal(wordAt(p, '$NAME=eth0', 2), '$NAME');
    assert.equal(wordAt(p, '    state MASTER!comment', 12), 'MASTER');
    assert.equal(wordAt(p, 'vrrp_script chk{', 13), 'chk');
  });

  void it('indents after an open brace and outdents a closing one', () => {
    const increase = new RegExp(keepalived.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(keepalived.indentationRules.decreaseIndentPattern);
    for (const opener of [
      'global_defs {',
      'vrrp_instance VI_1 {',
      '    virtual_ipaddress {',
      'vrrp_script chk_haproxy { # liveness',
    ]) {
      assert.ok(increase.test(opener), opener);
    }
    for (const other of [
      '    state MASTER',
      '    track_script { chk_haproxy }',
      '! vrrp_instance VI_1 {',
      '# global_defs {',
      '}',
    ]) {
      assert.ok(!increase.test(other), other);
    }
    assert.ok(decrease.test('}'));
    assert.ok(decrease.test('    }'));
    assert.ok(!decrease.test('    state BACKUP'));
  });

  void it('on Enter between braces puts the cursor on an indented line', () => {
    const [rule] = keepalived.onEnterRules;
    assert.ok(rule?.afterText);
    assert.ok(new RegExp(rule.beforeText).test('vrrp_instance VI_1 {'));
    assert.ok(new RegExp(rule.afterText).test('}'));
    assert.equal(rule.action.indent, 'indentOutdent');
  });
});
