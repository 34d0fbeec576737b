import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressProblem } from '../../../../server/src/core/haproxy/rules/address-helpers.js';
import { invalidAddress } from '../../../../server/src/core/haproxy/rules/invalid-address.js';
import { DEFAULTS, expectFindings } from './harness.js';

void describe('invalid-address', () => {
  void it('reports bind ports and prefixes HAProxy 2.6 refuses', () => {
    expectFindings(
      invalidAddress,
      `${DEFAULTS}frontend fe
  bind <|127.0.0.1:https|>
  bind <|127.0.0.1|>
  bind <|127.0.0.1:0|>
  bind <|127.0.0.1:90-80|>
  bind <|127.0.0.1:+5|>
  bind <|udp@127.0.0.1:80|>
  bind <|abnsz@hap|>
  bind <|"rhttp@be/srv"|>
  bind <|"quic+127.0.0.1:443"|>
  bind <|quic+ipv4@:443|>
  bind <|foo@127.0.0.1:80|>
  bind <|""|>
  bind :80,:81 ssl crt /x.pem
  bind 127.0.0.1:8000-8010
  bind [::]:443 v4v6
  bind :::8443
  bind ipv6@:80
  bind stream+ipv4@127.0.0.1:82
  bind unix@/run/haproxy.sock
  bind abns@hap
  bind /run/admin.sock
  bind quic4@:443
  bind "\${ADDR}"
  bind localhost:8080
`,
    );
  });

  void it('follows the target version for newer prefixes', () => {
    const bind = `${DEFAULTS}frontend fe
  bind abnsz@hap
  bind rhttp@be/srv
  bind mptcp@:80
`;
    expectFindings(invalidAddress, bind, '3.2');
    assert.match(addressProblem('rhttp@be/s', 'bind', '2.8', false) ?? '', /appeared in 2\.9/);
  });

  void it('reports server, server-template and source addresses', () => {
    expectFindings(
      invalidAddress,
      `${DEFAULTS}backend be
  source <|10.0.0.999|>
  server s1 <|10.0.0.1:http|>
  server s2 <|10.0.0.2:80-81|>
  server s3 <|udp@10.0.0.3:80|>
  server s4 <|quic4@10.0.0.4:443|> ssl verify none
  server s5 <|fd@3|>
  server-template web 3 <|10.0.0.300:80|>
  server s6 10.0.0.6:80 source <|10.0.0.9:abc|>
  server s7 10.0.0.7:+1000 source 10.0.0.9:1024-2000
  server s8 10.0.0.8
  server s9 10.0.0.9:-10
  server s10 abns@hap
  server s11 [::1]:80
backend be2
  source <|10.0.0.2:1000-2000|>
  server s1 10.0.0.1:80
`,
    );
  });

  void it('accepts UDP servers of log backends where they exist', () => {
    expectFindings(
      invalidAddress,
      `backend logs
  mode log
  server s1 udp@127.0.0.1:514
`,
      '3.2',
    );
  });

  // haproxy -c 2.6.12: "log : invalid port '2147483648'" (atoi makes it negative), while
  // 4294967376 is read as port 80.
  void it('reports log, peers and nameserver addresses', () => {
    expectFindings(
      invalidAddress,
      `global
  log <|10.0.0.999:514|> local0
  log <|127.0.0.1:2147483648|> local0
  log 127.0.0.1:4294967376 local0
  log stdout format raw local0
  log /dev/log local0
${DEFAULTS}backend be
  log <|backend@logs|> local0
  log <|127.0.0.1:514-515|> local0
  log ring@buf local0
  log udp@127.0.0.1:514 local0
  log global
  server s1 10.0.0.1:80
peers mesh
  peer lb1 <|10.0.0.5:abc|>
  peer lb2 <|10.0.0.999:10000|>
  peer lb3 10.0.0.6:10000
  server lb4
resolvers dns
  nameserver ns1 <|10.0.0.353:53|>
  nameserver ns2 <|10.0.0.53|>
  nameserver ns3 tcp@10.0.0.54:53
  nameserver ns4 udp@10.0.0.55:53
`,
    );
  });
});

// haproxy -c 2.6.12: "port offset not permitted here in ':::+11011'", "'usesrc 0.0.0.1:+16002' :
// port offset not permitted here", "'socks4 0.0.0.1' : missing port specification", "'tcp-check
// connect' : 'addr' : port offset not permitted here".
void describe('invalid-address: port offsets and missing ports', () => {
  void it('flags offsets on bare IPv6 binds and server option addresses, socks4 without port', () => {
    expectFindings(
      invalidAddress,
      `${DEFAULTS}frontend fe
  bind <|:::+11011|>
  bind <|fe80::|>
  bind :::8080
backend be
  server s1 10.0.0.1:80 source 0.0.0.0 usesrc <|0.0.0.1:+16002|>
  server s2 10.0.0.1:80 socks4 <|0.0.0.1|>
  server s3 10.0.0.1:80 addr <|10.0.0.2:+5|>
  server s4 10.0.0.1:80 socks4 127.0.0.1:1080 source 0.0.0.0 usesrc client
  tcp-check connect addr <|0.0.0.1:+19002|>
  tcp-check connect addr 10.0.0.3:9000
`,
    );
  });
});
