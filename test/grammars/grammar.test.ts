import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/paths.js';
import {
  compile,
  ONIGURUMA_ONLY,
  scopesOf,
  tokenize,
  type Grammar,
  type GrammarRule,
} from './tm-tokenizer.js';

function load(name: string): Grammar {
  const path = join(projectRoot, 'grammars', `${name}.tmLanguage.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Grammar;
}

/** Every regex source in a grammar, with a path for messages. */
function regexes(grammar: Grammar): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const visit = (rule: GrammarRule, where: string): void => {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = rule[key];
      if (source !== undefined) out.push([`${where}.${key}`, source]);
    }
    rule.patterns?.forEach((child, i) => visit(child, `${where}.patterns[${i}]`));
  };
  grammar.patterns.forEach((rule, i) => visit(rule, `patterns[${i}]`));
  for (const [name, rule] of Object.entries(grammar.repository ?? {})) visit(rule, name);
  return out;
}

/** Every `#name` include, to check that the repository has it. */
function includes(grammar: Grammar): string[] {
  const out: string[] = [];
  const visit = (rule: GrammarRule): void => {
    if (rule.include !== undefined) out.push(rule.include);
    rule.patterns?.forEach(visit);
  };
  grammar.patterns.forEach(visit);
  Object.values(grammar.repository ?? {}).forEach(visit);
  return out;
}

/** Asserts that the first character of `needle` (in `line`) carries `scope`. */
function expectScope(grammar: Grammar, line: string, needle: string, scope: string, nth = 0): void {
  const scopes = scopesOf(grammar, line, needle, nth);
  assert.ok(
    scopes.includes(scope),
    `"${needle}" in "${line}": expected ${scope}, got ${scopes.join(' ')}`,
  );
}

/** Asserts that no character of `needle` carries a scope starting with `prefix`. */
function expectNoScope(grammar: Grammar, line: string, needle: string, prefix: string): void {
  const start = line.indexOf(needle);
  assert.ok(start >= 0);
  const [chars] = tokenize(grammar, [line]);
  for (let i = start; i < start + needle.length; i += 1) {
    const scopes = chars?.[i] ?? [];
    assert.ok(
      !scopes.some((s) => s.startsWith(prefix)),
      `"${needle}" in "${line}": ${scopes.join(' ')}`,
    );
  }
}

for (const [name, scopeName, fewestRegexes] of [
  ['haproxy', 'source.haproxy', 10],
  ['keepalived', 'source.keepalived', 10],
  ['haproxy-map', 'source.haproxy-map', 5],
] as const) {
  void describe(`${name} grammar file`, () => {
    const grammar = load(name);

    void it('has the scope name package.json refers to', () => {
      assert.equal(grammar.scopeName, scopeName);
      const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
        contributes: { grammars: Array<{ language: string; scopeName: string; path: string }> };
      };
      const entry = manifest.contributes.grammars.find((g) => g.language === name);
      assert.equal(entry?.scopeName, scopeName);
      assert.equal(entry?.path, `./grammars/${name}.tmLanguage.json`);
    });

    void it('compiles every regex as JavaScript without Oniguruma-only syntax', () => {
      const all = regexes(grammar);
      assert.ok(all.length > fewestRegexes);
      for (const [where, source] of all) {
        assert.doesNotThrow(() => compile(source), where);
        for (const construct of ONIGURUMA_ONLY) {
          assert.ok(!construct.test(source), `${where} uses ${String(construct)}`);
        }
      }
    });

    void it('includes only repository entries that exist', () => {
      for (const include of includes(grammar)) {
        assert.ok(include === '$self' || grammar.repository?.[include.slice(1)], include);
      }
    });
  });
}

void describe('haproxy grammar', () => {
  const g = load('haproxy');

  void it('scopes section headers, names and inheritance', () => {
    expectScope(g, 'global', 'global', 'keyword.control.section.haproxy');
    expectScope(g, 'frontend fe_http # public', 'frontend', 'keyword.control.section.haproxy');
    expectScope(g, 'frontend fe_http # public', 'fe_http', 'entity.name.section.haproxy');
    expectScope(g, 'frontend fe_http # public', 'public', 'comment.line.number-sign.haproxy');
    expectScope(g, 'defaults web from base', 'from', 'keyword.other.from.haproxy');
    expectScope(g, 'defaults web from base', 'base', 'entity.other.inherited-class.haproxy');
    expectNoScope(g, '    frontend-ish x', 'frontend', 'keyword.control.section');
  });

  void it('scopes directive keywords, options, timeouts and actions', () => {
    expectScope(g, '    tune.ssl.default-dh-param 2048', 'tune', 'keyword.other.directive.haproxy');
    expectScope(
      g,
      '    tune.ssl.default-dh-param 2048',
      'param',
      'keyword.other.directive.haproxy',
    );
    expectScope(
      g,
      '    default_backend be_app',
      'default_backend',
      'keyword.other.directive.haproxy',
    );
    expectScope(g, '    option httplog', 'httplog', 'support.constant.option.haproxy');
    expectScope(g, '    no option http-server-close', 'no', 'storage.modifier.haproxy');
    expectScope(g, '    timeout client 30s', 'client', 'support.constant.timeout.haproxy');
    expectScope(g, '    http-request deny if x', 'http-request', 'keyword.other.directive.haproxy');
    expectScope(g, '    http-request deny if x', 'deny', 'support.function.action.haproxy');
    expectScope(g, '    acl is_api path_beg /api', 'is_api', 'entity.name.function.acl.haproxy');
    expectNoScope(g, '    not_a_keyword 1', 'not_a_keyword', 'keyword');
  });

  void it('scopes conditions and their operators', () => {
    const line = '    use_backend api if !is_api || { path_beg /admin } METH_GET';
    expectScope(g, line, 'if', 'keyword.control.conditional.haproxy');
    expectScope(g, line, '!', 'keyword.operator.logical.haproxy');
    expectScope(g, line, 'is_api', 'variable.other.acl.haproxy');
    expectScope(g, line, '||', 'keyword.operator.logical.haproxy');
    expectScope(g, line, '{', 'punctuation.section.braces.haproxy');
    expectScope(g, line, 'path_beg', 'support.function.fetch.haproxy');
    expectScope(g, line, 'METH_GET', 'constant.language.acl.haproxy');
    expectNoScope(g, line, 'api', 'keyword.control');
    const unless = '    http-request deny unless ok or LOCALHOST';
    expectScope(g, unless, 'unless', 'keyword.control.conditional.haproxy');
    expectScope(g, unless, 'or', 'keyword.operator.logical.haproxy');
  });

  void it('scopes both string kinds, escapes and environment variables', () => {
    const weak = '    bind "${IP-0.0.0.0}:80" name \\#x';
    expectScope(g, weak, '"', 'string.quoted.double.haproxy');
    expectScope(g, weak, '${IP', 'variable.other.environment.haproxy');
    expectScope(g, weak, '\\#', 'constant.character.escape.haproxy');
    expectScope(g, '    log "\\"x\\"" local0', '\\"', 'constant.character.escape.haproxy');
    const strong = "    http-request set-header X 'a\\b ${X} # no comment'";
    expectScope(g, strong, "'", 'string.quoted.single.haproxy');
    expectNoScope(g, strong, '${X}', 'variable');
    expectNoScope(g, strong, '\\b', 'constant.character.escape');
    expectNoScope(g, strong, '# no comment', 'comment');
    expectScope(g, '    maxconn ${MAXCONN}', '${MAXCONN}', 'variable.other.environment.haproxy');
  });

  void it('scopes .if-family directives and predicates', () => {
    const line = '.if defined(WITH_SSL) && !streq("$ENV",prod)';
    expectScope(g, line, '.if', 'keyword.control.directive.conditional.haproxy');
    expectScope(g, line, 'defined', 'support.function.predicate.haproxy');
    expectScope(g, line, 'streq', 'support.function.predicate.haproxy');
    expectScope(g, line, '&&', 'keyword.operator.logical.haproxy');
    expectScope(g, line, '$ENV', 'variable.other.environment.haproxy');
    expectScope(g, '  .endif', '.endif', 'keyword.control.directive.conditional.haproxy');
    expectScope(g, '.else', '.else', 'keyword.control.directive.conditional.haproxy');
    expectScope(g, '.warning "old setup"', '.warning', 'keyword.control.directive.message.haproxy');
  });

  void it('scopes numbers with units and addresses with ports', () => {
    expectScope(g, '    timeout client 30s', '30', 'constant.numeric.haproxy');
    expectScope(g, '    timeout client 30s', 's', 'keyword.other.unit.haproxy');
    expectScope(g, '    tune.bufsize 16k', 'k', 'keyword.other.unit.haproxy');
    expectScope(g, '    timeout check 500ms', 'ms', 'keyword.other.unit.haproxy');
    const server = '    server web1 192.168.1.10:80 check inter 2s';
    expectScope(g, server, '192', 'constant.numeric.ip.ipv4.haproxy');
    expectScope(g, server, '80', 'constant.numeric.port.haproxy');
    expectNoScope(g, server, 'web1', 'constant');
    expectScope(g, '    bind [::1]:443 ssl', '::1', 'constant.numeric.ip.ipv6.haproxy');
    expectScope(g, '    bind [::1]:443 ssl', '443', 'constant.numeric.port.haproxy');
    expectScope(g, '    bind :8080', '8080', 'constant.numeric.port.haproxy');
    expectScope(g, '    bind *:80', '*', 'constant.language.any-address.haproxy');
    expectScope(
      g,
      '    acl local src 10.0.0.0/8 fe80::/10',
      '10.0',
      'constant.numeric.ip.ipv4.haproxy',
    );
    expectScope(
      g,
      '    acl local src 10.0.0.0/8 fe80::/10',
      'fe80',
      'constant.numeric.ip.ipv6.haproxy',
    );
    expectNoScope(g, '    errorfile 503 /etc/haproxy/errors/503.http', '/etc', 'constant');
    expectNoScope(g, '    errorfile 503 /etc/x/503 y', '/etc/x/503', 'constant');
  });

  void it('scopes comments but not inside strings', () => {
    expectScope(g, '# whole line', '#', 'comment.line.number-sign.haproxy');
    expectScope(g, '    mode http  # trailing', 'trailing', 'comment.line.number-sign.haproxy');
    expectNoScope(g, '    log-format "%ci #%ST"', '#%ST', 'comment');
  });
});

void describe('keepalived grammar', () => {
  const g = load('keepalived');

  void it('scopes blocks, names and braces', () => {
    expectScope(g, 'global_defs {', 'global_defs', 'storage.type.block.keepalived');
    expectScope(g, 'global_defs {', '{', 'punctuation.section.block.begin.keepalived');
    expectScope(g, 'vrrp_instance VI_1 {', 'VI_1', 'entity.name.type.block.keepalived');
    expectScope(g, 'vrrp_script chk_haproxy{', 'chk_haproxy', 'entity.name.type.block.keepalived');
    expectScope(g, '}', '}', 'punctuation.section.block.end.keepalived');
    const vs = 'virtual_server 10.0.0.10 80 {';
    expectScope(g, vs, 'virtual_server', 'storage.type.block.keepalived');
    expectScope(g, vs, '10.0.0.10', 'constant.numeric.ip.ipv4.keepalived');
  });

  void it('scopes keywords and constants, not arbitrary words', () => {
    expectScope(g, '    state MASTER', 'state', 'keyword.other.keepalived');
    expectScope(g, '    state MASTER', 'MASTER', 'constant.language.keepalived');
    expectScope(g, '    virtual_router_id 51', 'virtual_router_id', 'keyword.other.keepalived');
    expectScope(g, '    virtual_router_id 51', '51', 'constant.numeric.keepalived');
    expectScope(
      g,
      '    track_script { chk_haproxy }',
      'track_script',
      'storage.type.block.keepalived',
    );
    expectNoScope(g, '    track_script { chk_haproxy }', 'chk_haproxy', 'keyword');
    expectNoScope(g, '    interface eth0', 'eth0', 'constant');
  });

  void it('scopes # and ! comments anywhere on a line', () => {
    expectScope(g, '! Configuration File', '!', 'comment.line.keepalived');
    expectScope(g, '    priority 150 # higher wins', 'higher', 'comment.line.keepalived');
    expectScope(g, '    priority 150 ! higher wins', 'higher', 'comment.line.keepalived');
  });

  void it('scopes strings, conditional prefixes, definitions and includes', () => {
    const script = '    script "/usr/bin/killall -0 haproxy"';
    expectScope(g, script, 'script', 'keyword.other.keepalived');
    expectScope(g, script, '/usr', 'string.quoted.double.keepalived');
    expectScope(g, "    script '/bin/true'", '/bin', 'string.quoted.single.keepalived');
    expectScope(g, '@node1 priority 150', '@', 'keyword.control.conditional.keepalived');
    expectScope(g, '@^node1 priority 150', 'node1', 'entity.name.tag.config-id.keepalived');
    expectScope(g, '@node1 priority 150', 'priority', 'keyword.other.keepalived');
    expectScope(g, '$IFACE=eth0', '$IFACE', 'variable.other.definition.keepalived');
    expectScope(g, '$IFACE=eth0', '=', 'keyword.operator.assignment.keepalived');
    expectScope(g, '    interface $IFACE', '$IFACE', 'variable.other.keepalived');
    expectScope(g, '    notify "${_PWD}/n.sh"', '${_PWD}', 'variable.other.keepalived');
    const include = 'include /etc/keepalived/conf.d/*.conf';
    expectScope(g, include, 'include', 'keyword.control.import.keepalived');
    expectScope(g, include, '/etc', 'string.unquoted.path.keepalived');
    expectScope(g, 'includer peers.conf', 'includer', 'keyword.control.import.keepalived');
    expectScope(g, '~SEQ(N, 1, 3) x', '~SEQ', 'keyword.control.loop.keepalived');
  });

  void it('scopes addresses with prefix lengths', () => {
    const line = '        10.0.0.1/24 dev eth0 label eth0:1';
    expectScope(g, line, '10.0.0.1', 'constant.numeric.ip.ipv4.keepalived');
    expectScope(g, line, '24', 'constant.numeric.mask.keepalived');
    expectScope(g, '        fd00::10/64', 'fd00::10', 'constant.numeric.ip.ipv6.keepalived');
  });
});

void describe('haproxy-map grammar', () => {
  const g = load('haproxy-map');

  void it('scopes comments only at the start of a line, keys and values', () => {
    expectScope(g, '# hosts', 'hosts', 'comment.line.number-sign.haproxy-map');
    expectNoScope(g, '  #tag be_x', '#tag', 'comment');
    expectScope(g, '  #tag be_x', '#tag', 'variable.other.key.haproxy-map');
    expectScope(g, 'shop.example.com be_shop', 'shop.example', 'variable.other.key.haproxy-map');
    expectScope(g, 'shop.example.com be shop', 'shop', 'string.unquoted.value.haproxy-map', 1);
    expectNoScope(g, 'shop.example.com be_shop', 'be_shop', 'variable');
  });

  void it('scopes addresses, regexes and numbers', () => {
    expectScope(g, '192.0.2.0/24 x', '192', 'constant.numeric.ip.ipv4.haproxy-map');
    expectScope(g, '192.0.2.0/24 x', '24', 'constant.numeric.mask.haproxy-map');
    expectScope(g, '2001:db8::1 x', '2001', 'constant.numeric.ip.ipv6.haproxy-map');
    expectScope(g, '^/api/ be_api', '^/api/', 'string.regexp.haproxy-map');
    expectScope(g, '\\.example\\.org$ be', 'example', 'string.regexp.haproxy-map');
    expectNoScope(g, '/static/ be', '/static/', 'string.regexp');
    expectScope(g, '/static/ 42', '42', 'constant.numeric.haproxy-map');
  });
});
