import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HAPROXY_CATALOG } from '../../server/src/core/haproxy/catalog/index.js';
import { createLanguageService } from '../../server/src/core/index.js';
import { KEEPALIVED_CATALOG } from '../../server/src/core/keepalived/catalog/index.js';
import { projectRoot } from '../helpers/paths.js';
import { expandSnippet, tabStops } from './expand.js';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

function load(name: string): Record<string, Snippet> {
  const path = join(projectRoot, 'snippets', `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Snippet>;
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** Braces outside quotes and comments never close more than they opened and end balanced. */
function braceDepthProblems(text: string, commentChars: string): string | undefined {
  let depth = 0;
  for (const [lineNo, line] of text.split('\n').entries()) {
    let quote: string | undefined;
    for (const char of line) {
      if (quote !== undefined) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (commentChars.includes(char)) {
        break;
      } else if (char === '{') {
        depth += 1;
      } else if (char === '}') {
        depth -= 1;
        if (depth < 0) return `line ${lineNo + 1} closes a brace that was never opened`;
      }
    }
  }
  return depth === 0 ? undefined : `${depth} brace(s) left open`;
}

const haproxy = load('haproxy');
const keepalived = load('keepalived');

void describe('snippet expansion helper', () => {
  void it('takes defaults, first choices and mirrored values', () => {
    assert.equal(expandSnippet('a ${1:x} ${2|p,q|} $1 ${3} $0'), 'a x p x  ');
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2 \\$HOME'), 'outer inner inner $HOME');
    assert.deepEqual(tabStops('${1:a} $2 ${3|x,y|} $0'), [0, 1, 2, 3]);
    assert.throws(() => expandSnippet('${1:never closed'));
  });

  void it('finds unbalanced braces', () => {
    assert.equal(braceDepthProblems('a {\n}\n', '#'), undefined);
    assert.match(braceDepthProblems('a {\n', '#') ?? '', /left open/);
    assert.match(braceDepthProblems('}\n{', '#') ?? '', /never opened/);
    assert.equal(braceDepthProblems('a "{" # {', '#'), undefined);
  });
});

for (const [language, snippets, comments] of [
  ['haproxy', haproxy, '#'],
  ['keepalived', keepalived, '#!'],
] as const) {
  void describe(`${language} snippets`, () => {
    void it('have a string prefix, a description and a body of lines', () => {
      assert.ok(Object.keys(snippets).length >= 4);
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.equal(typeof snippet.prefix, 'string', name);
        assert.ok(typeof snippet.description === 'string' && snippet.description.length > 10, name);
        assert.ok(Array.isArray(snippet.body) && snippet.body.length > 1, name);
        for (const line of snippet.body) assert.equal(typeof line, 'string', name);
      }
    });

    void it('number tab stops from 1 without gaps and end with $0', () => {
      for (const [name, snippet] of Object.entries(snippets)) {
        const stops = tabStops(bodyText(snippet));
        assert.equal(stops[0], 0, `${name} has $0`);
        stops.slice(1).forEach((stop, i) => assert.equal(stop, i + 1, `${name} tab stop ${stop}`));
      }
    });

    void it('expand to balanced braces with nothing left to fill in', () => {
      for (const [name, snippet] of Object.entries(snippets)) {
        const text = expandSnippet(bodyText(snippet));
        assert.equal(braceDepthProblems(text, comments), undefined, name);
        assert.ok(!/\$\{?\d/.test(text), `${name} left a placeholder: ${text}`);
      }
    });
  });
}

void describe('snippet coverage', () => {
  const text = (snippets: Record<string, Snippet>, name: string): string => {
    const snippet = snippets[name];
    assert.ok(snippet, `snippet "${name}" exists`);
    return expandSnippet(bodyText(snippet));
  };

  void it('offers the HAProxy sections and setups operators start from', () => {
    assert.deepEqual(
      Object.values(haproxy).map((s) => s.prefix),
      ['global', 'defaults', 'frontend', 'frontend', 'backend', 'listen', 'listen', 'peers'],
    );
    const frontend = text(haproxy, 'HAProxy frontend with ACL routing');
    assert.match(frontend, /^\s+acl is_api /m);
    assert.match(frontend, /^\s+use_backend be_api if is_api$/m);
    const backend = text(haproxy, 'HAProxy backend with health checks');
    assert.match(backend, /option httpchk/);
    assert.match(backend, /^\s+cookie SERVERID insert indirect nocache$/m);
    assert.match(backend, /^\s+server app1 \S+ check cookie app1$/m);
    const https = text(haproxy, 'HAProxy HTTPS frontend');
    assert.match(
      https,
      /^\s+bind :443 ssl crt \/etc\/haproxy\/certs\/site\.pem alpn h2,http\/1\.1$/m,
    );
    assert.match(https, /^\s+http-request redirect scheme https .*unless \{ ssl_fc \}$/m);
    const stats = text(haproxy, 'HAProxy statistics page');
    assert.match(stats, /^listen stats$/m);
    assert.match(stats, /^\s+stats auth \S+:\S+$/m);
    const mysql = text(haproxy, 'HAProxy MySQL TCP listen');
    assert.match(mysql, /^\s+mode tcp$/m);
    assert.match(mysql, /^\s+option mysql-check user \S+$/m);
    assert.match(text(haproxy, 'HAProxy peers section'), /^\s+peer lb2 10\.0\.0\.2:10000$/m);
  });

  void it('offers a Keepalived pair tracking HAProxy, a unicast instance and a virtual server', () => {
    assert.match(text(keepalived, 'Keepalived global_defs'), /^\s+enable_script_security$/m);
    const script = text(keepalived, 'Keepalived vrrp_script checking HAProxy');
    assert.match(script, /script "\/\S+ -0 haproxy"/);
    const master = text(keepalived, 'Keepalived MASTER vrrp_instance');
    const backup = text(keepalived, 'Keepalived BACKUP vrrp_instance');
    assert.match(master, /state MASTER/);
    assert.match(backup, /state BACKUP/);
    // The twins differ only in state and priority, and the master wins the election.
    const strip = (s: string): string => s.replace(/state \w+|priority \d+/g, '');
    assert.equal(strip(master), strip(backup));
    const priority = (s: string): number => Number(/priority (\d+)/.exec(s)?.[1]);
    assert.ok(priority(master) > priority(backup));
    assert.match(master, /^\s+chk_haproxy$/m);
    const unicast = text(keepalived, 'Keepalived unicast vrrp_instance');
    assert.match(unicast, /^\s+unicast_src_ip \S+$/m);
    assert.match(unicast, /^\s+unicast_peer \{$/m);
    const vs = text(keepalived, 'Keepalived virtual_server with HTTP_GET');
    assert.match(vs, /^virtual_server \S+ \d+ \{$/m);
    assert.match(vs, /^\s+real_server \S+ \d+ \{$/m);
    assert.match(vs, /^\s+HTTP_GET \{$/m);
  });

  void it('use a catalog keyword or section name as every prefix', () => {
    const haproxyNames = new Set([
      ...HAPROXY_CATALOG.sections.map((s) => s.name),
      ...HAPROXY_CATALOG.keywords.map((k) => k.name),
    ]);
    for (const [name, snippet] of Object.entries(haproxy)) {
      assert.ok(haproxyNames.has(String(snippet.prefix)), `${name}: ${String(snippet.prefix)}`);
    }
    const keepalivedNames = new Set(KEEPALIVED_CATALOG.keywords.map((k) => k.name));
    for (const [name, snippet] of Object.entries(keepalived)) {
      assert.ok(keepalivedNames.has(String(snippet.prefix)), `${name}: ${String(snippet.prefix)}`);
    }
    assert.ok(!haproxyNames.has('not-a-keyword') && !keepalivedNames.has('vrrp_instances'));
  });
});

/** The first snippet with `prefix`, expanded. */
function expandedByPrefix(snippets: Record<string, Snippet>, prefix: string): string {
  const snippet = Object.values(snippets).find((s) => s.prefix === prefix);
  assert.ok(snippet, prefix);
  return expandSnippet(bodyText(snippet));
}

/**
 * The smallest valid configuration around one expanded HAProxy snippet: the expanded `global`
 * snippet, then the expanded `defaults` snippet (each only when the snippet is not itself that
 * section), then the snippet, then a one-server stub backend for every backend the snippet routes
 * to (`use_backend` / `default_backend`) without defining it.
 */
function haproxyContext(prefix: string, body: string): string {
  const before =
    prefix === 'global'
      ? []
      : prefix === 'defaults'
        ? [expandedByPrefix(haproxy, 'global')]
        : [expandedByPrefix(haproxy, 'global'), expandedByPrefix(haproxy, 'defaults')];
  const routed = [...body.matchAll(/^\s*(?:use_backend|default_backend)\s+(\S+)/gm)].map(
    (m) => m[1],
  );
  const stubs = [...new Set(routed)]
    .filter((name): name is string => name !== undefined)
    .filter((name) => !new RegExp(`^backend ${name}$`, 'm').test(body))
    .map((name) => `backend ${name}\n\tserver ${name}_1 127.0.0.1:8080 check\n`);
  return `${[...before, body, ...stubs].join('\n')}\n`;
}

/**
 * The same for Keepalived: the expanded `global_defs` snippet first, then the expanded
 * `vrrp_script` snippet when the snippet tracks the script it defines, then the snippet.
 */
function keepalivedContext(prefix: string, body: string): string {
  const before = prefix === 'global_defs' ? [] : [expandedByPrefix(keepalived, 'global_defs')];
  if (prefix !== 'vrrp_script' && /^\s*chk_haproxy$/m.test(body)) {
    before.push(expandedByPrefix(keepalived, 'vrrp_script'));
  }
  return `${[...before, body].join('\n')}\n`;
}

const contexts = (): Array<{ language: 'haproxy' | 'keepalived'; name: string; text: string }> => [
  ...Object.entries(haproxy).map(([name, s]) => ({
    language: 'haproxy' as const,
    name,
    text: haproxyContext(String(s.prefix), expandSnippet(bodyText(s))),
  })),
  ...Object.entries(keepalived).map(([name, s]) => ({
    language: 'keepalived' as const,
    name,
    text: keepalivedContext(String(s.prefix), expandSnippet(bodyText(s))),
  })),
];

void describe('expanded snippets pass the language service', () => {
  const service = createLanguageService();
  const errorsOf = (language: 'haproxy' | 'keepalived', text: string): string[] => {
    const uri =
      language === 'haproxy'
        ? 'file:///etc/haproxy/haproxy.cfg'
        : 'file:///etc/keepalived/keepalived.conf';
    return service
      .validate(service.parse(language, uri, text))
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.code}: ${issue.message} at "${text.slice(issue.start, issue.end)}"`);
  };

  void it('builds contexts that define what the snippets refer to', () => {
    const frontend = haproxyContext(
      'frontend',
      'frontend f\n\tuse_backend be_x if TRUE\n\tdefault_backend b\nbackend b\n',
    );
    assert.match(frontend, /^global$/m);
    assert.match(frontend, /^defaults$/m);
    assert.match(frontend, /^backend be_x$/m);
    assert.equal(frontend.match(/^backend b$/gm)?.length, 1);
    assert.doesNotMatch(haproxyContext('global', 'global\n'), /defaults/);
    assert.match(
      keepalivedContext(
        'vrrp_instance',
        'vrrp_instance V {\n\ttrack_script {\n\t\tchk_haproxy\n\t}\n}',
      ),
      /^vrrp_script chk_haproxy \{$/m,
    );
  });

  void it('finds errors in a broken configuration (the check can fail)', () => {
    assert.ok(errorsOf('haproxy', 'frontend\n\tbind :80\n').length > 0);
    assert.ok(errorsOf('keepalived', 'vrrp_instance VI_1 {\n').length > 0);
  });

  for (const { language, name, text } of contexts()) {
    void it(`${name}: no error-severity diagnostic`, () => {
      assert.deepEqual(errorsOf(language, text), [], text);
    });
  }
});

const haproxyBinary = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));
const keepalivedBinary = ['/usr/sbin/keepalived', '/usr/local/sbin/keepalived'].find((p) =>
  existsSync(p),
);
const openssl = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));

/**
 * `haproxy -c` and `keepalived -t` accept every expanded snippet in its context. `haproxy -c` loads
 * certificates, so the HTTPS snippet's `crt` path is pointed at a throw-away self-signed one.
 */
void describe('haproxy -c and keepalived -t accept the expanded snippets', () => {
  for (const { language, name, text } of contexts()) {
    void it(name, (t) => {
      const binary = language === 'haproxy' ? haproxyBinary : keepalivedBinary;
      if (binary === undefined) {
        t.skip(`${language} is not installed`);
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
      try {
        let config = text;
        if (/ crt \S+\.pem/.test(config)) {
          if (openssl === undefined) {
            t.skip('openssl is needed to make a certificate for the crt path');
            return;
          }
          const key = join(dir, 'site.key');
          const cert = join(dir, 'site.crt');
          execFileSync(
            openssl,
            [
              'req',
              '-x509',
              '-newkey',
              'rsa:2048',
              '-nodes',
              '-keyout',
              key,
              '-out',
              cert,
              '-days',
              '2',
              '-subj',
              '/CN=localhost',
            ],
            { stdio: 'pipe' },
          );
          const pem = join(dir, 'site.pem');
          writeFileSync(pem, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
          config = config.replace(/ crt \S+\.pem/, ` crt ${pem}`);
        }
        const file = join(dir, language === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf');
        writeFileSync(file, config);
        const args = language === 'haproxy' ? ['-c', '-f', file] : ['-t', '-f', file, '-l', '-n'];
        // execFileSync throws, failing the test with the tool's output, on a non-zero exit.
        execFileSync(binary, args, { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
