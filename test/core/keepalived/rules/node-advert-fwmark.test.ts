import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advertIntV3 } from '../../../../server/src/core/keepalived/rules/advert-int-v3.js';
import { fwmarkProtocol } from '../../../../server/src/core/keepalived/rules/fwmark-protocol.js';
import { applyFix, expectFindings, instance } from './node-harness.js';

const vips = (address: string): string => `\n  virtual_ipaddress {\n    ${address}\n  }`;

void describe('advert-int-v3', () => {
  // keepalived 2.2.7 -t exits 5: "VRRPv3 advertisement interval 41.00s is out of range. Must be
  // less than 40.96s" (explicit version, global vrrp_version 3 and IPv6 alike) and "… 2.675000s
  // must be in units of 10ms - rounding".
  void it('flags intervals of 40.96 s or more and steps finer than 10 ms', () => {
    const { issues, text } = expectFindings(
      advertIntV3,
      instance('VI_1', `  version 3\n  advert_int <|41|>${vips('10.0.0.1')}`) +
        instance('VI_2', `  advert_int <|40.96|>${vips('fe80::2')}`) +
        instance('VI_3', `  version 3\n  advert_int <|2.675|>${vips('10.0.0.3')}`),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /must be below 40\.96 s/);
    assert.match(applyFix(text, issues[0]), /advert_int 40\.95\n/);
    assert.match(applyFix(text, issues[2]!), /advert_int 2\.68\n/);
  });

  void it('follows the global vrrp_version', () => {
    expectFindings(
      advertIntV3,
      'global_defs {\n  vrrp_version 3\n}\n' +
        instance('VI_1', `  advert_int <|50|>${vips('10.0.0.1')}`),
    );
  });

  // All accepted by 2.2.7 -t (exit 0): 40.95, 0.07, 4.35, 40.950, version 2 with IPv6, and v2.
  void it('accepts what keepalived takes', () => {
    expectFindings(
      advertIntV3,
      instance('VI_1', `  version 3\n  advert_int 40.95${vips('10.0.0.1')}`) +
        instance('VI_2', `  version 3\n  advert_int 0.07${vips('10.0.0.2')}`) +
        instance('VI_3', `  advert_int 40.950${vips('fe80::3')}`) +
        instance('VI_4', `  version 2\n  advert_int 50${vips('fe80::4')}`) +
        instance('VI_5', `  advert_int 100${vips('10.0.0.5')}`) +
        instance('VI_6', `  version 3\n  advert_int 4.35${vips('10.0.0.6')}`),
    );
  });
});

const virtualServer = (head: string, lines: string): string =>
  `virtual_server ${head} {\n  delay_loop 6\n  lb_algo rr\n  lb_kind NAT\n${lines}  real_server 10.0.0.5 80 {\n    weight 1\n  }\n}\n`;

void describe('fwmark-protocol', () => {
  // keepalived 2.2.7 -t: "Warning: Virtual server FWM 1: protocol specified for fwmark - protocol
  // will be ignored", exit 5.
  void it('flags protocol in a fwmark virtual_server, with a fix removing it', () => {
    const { issues, text } = expectFindings(
      fwmarkProtocol,
      virtualServer('fwmark 1', '  <|protocol|> UDP\n'),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.doesNotMatch(applyFix(text, issues[0]), /protocol/);
  });

  void it('accepts protocol on an address service and a fwmark service without it', () => {
    expectFindings(
      fwmarkProtocol,
      virtualServer('10.0.0.1 80', '  protocol TCP\n') + virtualServer('fwmark 2', ''),
    );
  });
});
