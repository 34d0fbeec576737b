import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionsOf } from '../../../../server/src/core/haproxy/analysis/resolve.js';
import { BIND_OPTIONS } from '../../../../server/src/core/haproxy/catalog/bind-options.js';
import { SERVER_OPTIONS } from '../../../../server/src/core/haproxy/catalog/server-options.js';
import { invalidOptionValue } from '../../../../server/src/core/haproxy/rules/invalid-option-value.js';
import { atolInt } from '../../../../server/src/core/haproxy/rules/option-value-helpers.js';
import { DEFAULTS, expectFindings, runRule } from './harness.js';

void describe('invalid-option-value', () => {
  void it('judges only options that take exactly one word in the catalog', () => {
    for (const [bind, table] of [
      [true, BIND_OPTIONS],
      [false, SERVER_OPTIONS],
    ] as const) {
      const judged = table.filter((option) => option.args.some((arg) => arg.check));
      assert.ok(judged.length > 20, `${bind ? 'bind' : 'server'}: value checks found`);
      for (const option of judged) {
        const spec = optionsOf(bind).get(option.name);
        assert.equal(spec, option, option.name);
        assert.equal(option.args.length, 1, option.name);
        assert.ok(option.args[0]?.check, option.name);
        assert.notEqual(option.args[0]?.optional, true, option.name);
      }
    }
  });

  void it('reads numbers the way C atol does', () => {
    assert.equal(atolInt('7a'), 7);
    assert.equal(atolInt('abc'), 0);
    assert.equal(atolInt('-5'), -5);
    assert.equal(atolInt('99999999999'), 1215752191);
  });

  void it('reports bad delays, missing values and numbers out of range on servers', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}backend be
  default-server inter <|abc|> fall 3
  server s1 10.0.0.1:80 check <|inter|>
  server s2 10.0.0.2:80 slowstart <|10x|> weight <|300|>
  server s3 10.0.0.3:80 check inter <|0|> fastinter <|30d|>
  server s4 10.0.0.4:80 id <|0|> error-limit <|abc|>
  server s5 10.0.0.5:80 weight 7a id 7a slowstart 0 pool-purge-delay 0
`,
    );
  });

  void it('accepts the delays HAProxy 2.6 reads, warnings included', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:80 check inter 500us fastinter 1m30s downinter 10sx agent-inter 5d
  server s2 10.0.0.2:80 weight
  server s3 10.0.0.3:80 init-addr
  server s4 10.0.0.4:80 inter "\${INTER}" weight \${W}
`,
    );
  });

  void it('reports words outside the accepted lists', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:80 init-addr <|last,bogus|> on-marked-down <|reboot-everything|>
  server s2 10.0.0.2:443 ssl verify none ssl-min-ver <|TLSv1.4|>
  server s3 10.0.0.3:443 ssl verify <|optional|> observe <|layer5|> on-error <|stop|>
  server s4 10.0.0.4:80 resolve-opts <|allow-dup-ip,nope|> resolve-prefer <|ipv5|>
  server s5 10.0.0.5:80 init-addr last,libc,none,10.0.0.9,::1 on-marked-up shutdown-backup-sessions
  server s6 10.0.0.6:80 init-addr <|10.0.0.999|>
`,
    );
  });

  void it('knows the multiplexer protocols of each version', () => {
    const text = `${DEFAULTS}frontend fe
  bind :80 proto <|qmux|>
  bind :81 proto h2
backend be
  server s1 10.0.0.1:80 proto <|h3|>
  server s2 10.0.0.2:80 proto fcgi check-proto h2
`;
    expectFindings(invalidOptionValue, text);
    const later = runRule(invalidOptionValue, text.replace(/<\||\|>/g, ''), '3.4');
    assert.deepEqual(
      later.map((issue) => issue.message.slice(0, 4)),
      ["'h3'"],
    );
  });

  void it('reports bind options without their value and bad bind values', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}frontend fe
  bind :443 ssl <|crt|>
  bind :444 alpn h2 ssl crt /etc/haproxy/site.pem
  bind :445 id <|7a|> backlog <|-1|> mss <|x|>
  bind :446 level <|root|> verify optional shards <|0|>
  bind :447,:448 <|id|> 4
  bind :449-450 <|id|> 5
  bind :451 id +5 maxconn 5x mss -1460 shards by-thread tcp-ut 1m
  bind :452 tcp-ut <|5x|>
`,
    );
  });

  void it('stops at the first unknown option and skips negated ones', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}backend be
  server s1 10.0.0.1:80 weight <|300|> nosuchopt inter 10x
  server s2 10.0.0.2:80 ssl no-ssl verify none
`,
    );
  });

  // haproxy -c 3.0.11: "'curves' : missing curves list", "'sigalgs' : missing signature
  // algorithm list", on bind and server lines alike.
  void it('wants a value after the TLS lists of 3.0 on both sides', () => {
    const text = `${DEFAULTS}frontend fe
  bind :443 ssl crt /etc/haproxy/site.pem curves X25519 <|sigalgs|>
  bind :444 ssl crt /etc/haproxy/site.pem <|client-sigalgs|>
backend be
  server s1 10.0.0.1:443 ssl verify none <|curves|>
  server s2 10.0.0.2:443 ssl verify none sigalgs RSA-PSS+SHA256 <|client-sigalgs|>
`;
    expectFindings(invalidOptionValue, text, '3.0');
    // Before they exist, unknown-option speaks instead.
    expectFindings(invalidOptionValue, text.replace(/<\||\|>/g, ''), '2.6');
  });

  void it('reads server-template options too', () => {
    expectFindings(
      invalidOptionValue,
      `${DEFAULTS}backend be
  server-template web 3 10.0.0.80:80 check inter <|5x|>
  server-template api 2 10.0.0.90:80 check inter 5s
`,
    );
  });
});
