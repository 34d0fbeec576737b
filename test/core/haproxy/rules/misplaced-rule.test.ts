import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Issue } from '../../../../server/src/core/common/issue.js';
import { httpOptionInTcp } from '../../../../server/src/core/haproxy/rules/http-option-in-tcp.js';
import { misplacedRule } from '../../../../server/src/core/haproxy/rules/misplaced-rule.js';
import { daemonMissing, daemonPath } from '../../../helpers/daemons.js';
import { DEFAULTS, expectFindings, runRule } from './harness.js';

/** `text` with every edit of the issue's first fix applied. */
function withFix(text: string, issue: Issue): string {
  const edits = [...(issue.fixes?.[0]?.edits ?? assert.fail('no fix'))];
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce(
    (out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end),
    text,
  );
}

// haproxy -c 2.6.12 warns on exactly the marked lines, naming the same earlier rule.
void describe('misplaced-rule', () => {
  void it('flags rules written after ones HAProxy evaluates later', () => {
    const { issues } = expectFindings(
      misplacedRule,
      `${DEFAULTS}frontend fe
  bind :80
  use_backend be if { path_beg /a }
  <|redirect|> prefix /x if { path_beg /b }
  <|http-request|> deny if { path_beg /c }
  <|tcp-request|> content accept
  <|tcp-request|> connection accept
  <|monitor|> fail if { path_beg /d }
  http-response del-header X
  default_backend be
backend be
  use-server s1 if { path_beg /e }
  <|http-request|> deny if { path_beg /f }
  server s1 127.0.0.1:80
`,
    );
    assert.match(issues[1]?.message ?? '', /after a 'redirect' rule/);
    assert.equal(issues[0]?.severity, 'warning');
  });

  void it('moves a misplaced line above the first rule HAProxy runs after it', (t) => {
    let text = `${DEFAULTS}frontend fe
  bind 127.0.0.1:18080
  http-request set-header X-A a
  use_backend be if { path_beg /a }
  redirect prefix /x if { path_beg /b } # old site
  http-request deny if { path_beg /c }
  default_backend be
backend be
  server s1 127.0.0.1:18081
  use-server s1 if { path_beg /e }
  http-request deny if { path_beg /f }`;
    const original = text;
    for (let pass = 0; pass < 5; pass++) {
      const issue = runRule(misplacedRule, text, '2.6')[0];
      if (!issue) break;
      text = withFix(text, issue);
    }
    assert.deepEqual(runRule(misplacedRule, text, '2.6'), []);
    assert.equal(
      text,
      `${DEFAULTS}frontend fe
  bind 127.0.0.1:18080
  http-request set-header X-A a
  http-request deny if { path_beg /c }
  redirect prefix /x if { path_beg /b } # old site
  use_backend be if { path_beg /a }
  default_backend be
backend be
  server s1 127.0.0.1:18081
  http-request deny if { path_beg /f }
  use-server s1 if { path_beg /e }`,
    );
    const haproxy = daemonPath('haproxy-2.6');
    if (!haproxy) return t.skip(daemonMissing('haproxy-2.6'));
    const dir = mkdtempSync(join(tmpdir(), 'halint-misplaced-'));
    try {
      const check = (config: string) => {
        const file = join(dir, 'haproxy.cfg');
        writeFileSync(file, `${config}\n`);
        const run = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
        return `${run.stdout}${run.stderr}`;
      };
      assert.match(check(original), /will still be processed before/);
      assert.doesNotMatch(check(text), /will still be processed before/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('offers no move across .if branches', () => {
    const text = `${DEFAULTS}frontend fe
  bind :80
  use_backend be if { path_beg /a }
.if defined(HAPROXY_LOCALPEER)
  http-request deny if { path_beg /c }
.endif
  default_backend be
backend be
  server s1 127.0.0.1:80
`;
    const issues = runRule(misplacedRule, text, '2.6');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.fixes, undefined);
  });

  void it('accepts rules in HAProxy order', () => {
    expectFindings(
      misplacedRule,
      `${DEFAULTS}frontend fe
  bind :80
  tcp-request connection accept
  tcp-request content accept
  http-request deny if { path_beg /c }
  redirect prefix /x if { path_beg /b }
  use_backend be if { path_beg /a }
  default_backend be
backend be
  server s1 127.0.0.1:80
`,
    );
  });
});

// haproxy -c 2.6.12: "'option httplog' not usable with frontend 'api' (needs 'mode http'). Falling
// back to 'option tcplog'", "'option forwardfor' ignored for frontend 'api' as it requires HTTP
// mode" (and for the backend); option tcplog in the proxy silences the first.
void describe('http-option-in-tcp: options inherited from defaults', () => {
  void it('flags httplog and forwardfor inherited by TCP proxies', () => {
    const defaults = `defaults
  mode http
  option httplog
  option forwardfor
  timeout connect 5s
  timeout client 30s
  timeout server 30s
`;
    const { issues } = expectFindings(
      httpOptionInTcp,
      `${defaults}frontend <|api|>
  bind :6443
  mode tcp
  default_backend api
backend <|api|>
  mode tcp
  server s1 127.0.0.1:6443
frontend web
  bind :80
  default_backend web
backend web
  server s1 127.0.0.1:80
frontend <|quiet|>
  bind :6444
  mode tcp
  option tcplog
  default_backend api
`.replace('frontend <|api|>', 'frontend <|<|api|>|>'),
    );
    assert.ok(issues.some((issue) => /falls back to 'option tcplog'/.test(issue.message)));
  });
});
