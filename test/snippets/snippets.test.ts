import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
  void it('offers the HAProxy sections operators start from', () => {
    const prefixes = Object.values(haproxy).map((s) => s.prefix);
    for (const prefix of ['global', 'defaults', 'frontend', 'backend', 'listen']) {
      assert.ok(prefixes.includes(prefix), prefix);
    }
    const frontend = expandSnippet(bodyText(haproxy['HAProxy frontend with ACL routing']!));
    assert.match(frontend, /^\s+acl is_api /m);
    assert.match(frontend, /^\s+use_backend be_api if is_api$/m);
    const backend = expandSnippet(bodyText(haproxy['HAProxy backend with health checks']!));
    assert.match(backend, /option httpchk/);
    assert.match(backend, /^\s+server \S+ \S+ check$/m);
    assert.match(expandSnippet(bodyText(haproxy['HAProxy statistics page']!)), /^listen stats$/m);
  });

  void it('offers a Keepalived pair tracking HAProxy with an absolute script path', () => {
    const text = (name: string): string => expandSnippet(bodyText(keepalived[name]!));
    assert.match(text('Keepalived global_defs'), /^\s+enable_script_security$/m);
    assert.match(text('Keepalived vrrp_script checking HAProxy'), /script "\/\S+ -0 haproxy"/);
    const master = text('Keepalived MASTER vrrp_instance');
    const backup = text('Keepalived BACKUP vrrp_instance');
    assert.match(master, /state MASTER/);
    assert.match(backup, /state BACKUP/);
    // The twins differ only in state and priority, and the master wins the election.
    const strip = (s: string): string => s.replace(/state \w+|priority \d+/g, '');
    assert.equal(strip(master), strip(backup));
    const priority = (s: string): number => Number(/priority (\d+)/.exec(s)?.[1]);
    assert.ok(priority(master) > priority(backup));
    assert.match(master, /^\s+chk_haproxy$/m);
  });
});

/**
 * The expanded HAProxy snippets, put together as one configuration, must pass `haproxy -c`. The
 * frontend routes to a second backend whose name the user will pick; a stub stands in for it.
 */
void describe('haproxy -c accepts the expanded snippets', () => {
  const haproxyBinary = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));
  void it('as one configuration', (t) => {
    if (haproxyBinary === undefined) {
      t.skip('haproxy is not installed');
      return;
    }
    const order = ['global', 'defaults', 'frontend', 'backend', 'listen'];
    const bodies = order.map((prefix) => {
      const snippet = Object.values(haproxy).find((s) => s.prefix === prefix);
      assert.ok(snippet, prefix);
      return expandSnippet(bodyText(snippet));
    });
    const stub = 'backend be_api\n\tmode http\n\tserver api1 127.0.0.1:8081\n';
    const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
    try {
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, `${bodies.join('\n')}\n${stub}`);
      // execFileSync throws, failing the test, when haproxy exits non-zero.
      execFileSync(haproxyBinary, ['-c', '-f', file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
