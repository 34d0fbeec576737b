import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyChange, type TextChange } from '../../../server/src/core/common/text-change.js';
import { parseKeepalived, reparseKeepalived } from '../../../server/src/core/keepalived/index.js';
import { seededRandom } from '../../helpers/random.js';

const BASE = `! Configuration File for keepalived
global_defs {
   notification_email {
     ops@example.com
   }
   router_id LVS_DEVEL
   @node1 vrrp_strict
}

$PRIO=100
$BLOCK= \\
  track_script { \\
    chk_haproxy \\
  }

vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"   # cheap check
    interval 2
    weight -20
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority $PRIO
    @^node2 nopreempt
    authentication { auth_type PASS
        auth_pass 'se cret' }
    virtual_ipaddress {
        192.168.200.16/24 dev eth0 label eth0:1
        {{ vip }}
    }
    unicast_peer {
        10.0.0.2
    }
}
{% if lvs %}
virtual_server 10.0.0.1 80 {
    delay_loop 6
    lb_algo rr
    real_server 10.0.0.2 80 {
        weight 1
        TCP_CHECK { connect_timeout 3 }
    }
}
{% endif %}
~SEQ(N, 1, 3) static_ipaddress { 10.1.$N.1/24 dev eth0 }
include /etc/keepalived/conf.d/*.conf
`;

const PIECES = [
  '{',
  '}',
  '}',
  '{',
  '"',
  "'",
  '\n',
  '\n',
  '#',
  '!',
  '@n1 ',
  '@^',
  '$',
  '$X=',
  '\\',
  '\\\n',
  ' ',
  'x',
  'vrrp_instance V {',
  '{{',
  '}}',
  '{%',
  '%}',
  '~SEQ(',
  ')',
  '\r\n',
  'é',
  '😀',
  '  ',
  'include ',
];

function randomChange(text: string, random: () => number): TextChange {
  const pick = (n: number): number => Math.floor(random() * n);
  const start = pick(text.length + 1);
  const roll = random();
  if (roll < 0.45) {
    return { start, end: start, text: PIECES[pick(PIECES.length)] ?? 'x' };
  }
  const end = Math.min(text.length, start + 1 + pick(roll < 0.8 ? 3 : 40));
  const replacement = roll < 0.8 ? '' : (PIECES[pick(PIECES.length)] ?? '');
  return { start, end, text: replacement };
}

function fuzz(seed: number, steps: number): void {
  const random = seededRandom(seed);
  let text = BASE;
  let parse = parseKeepalived(text);
  for (let step = 0; step < steps; step++) {
    const change = randomChange(text, random);
    const next = applyChange(text, change);
    const incremental = reparseKeepalived(parse, text, next, change);
    const full = parseKeepalived(next);
    assert.deepStrictEqual(
      incremental,
      full,
      `seed ${seed} step ${step}: ${JSON.stringify(change)}`,
    );
    text = next;
    parse = incremental;
    // Keep the document realistic: start over when the edits have mangled it too much.
    if (text.length > BASE.length * 2 || text.length < BASE.length / 3) {
      text = BASE;
      parse = parseKeepalived(text);
    }
  }
}

describe('reparseKeepalived', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches a full parse after every random edit (seed ${seed})`, () => {
      fuzz(seed, 150);
    });
  }

  it('reuses the untouched top-level blocks', () => {
    const text = 'a {\n b 1\n}\nc {\n d 2\n}\ne {\n f 3\n}\n';
    const parse = parseKeepalived(text);
    const at = text.indexOf('d 2') + 2;
    const change = { start: at, end: at + 1, text: '22' };
    const next = reparseKeepalived(parse, text, applyChange(text, change), change);
    assert.equal(next.ast.items[0], parse.ast.items[0]);
    assert.notEqual(next.ast.items[1], parse.ast.items[1]);
    assert.equal(next.ast.items[2]?.start, (parse.ast.items[2]?.start ?? 0) + 1);
  });

  it('re-attaches a block when a brace is inserted on the line after an item', () => {
    const text = 'vrrp_script chk\n\nvrrp_instance VI {\n}\n';
    const parse = parseKeepalived(text);
    const change = { start: 17, end: 17, text: '{ script x }' };
    const next = applyChange(text, change);
    assert.deepStrictEqual(reparseKeepalived(parse, text, next, change), parseKeepalived(next));
    const first = parseKeepalived(next).ast.items[0];
    assert.equal(first?.kind === 'item' ? first.block?.items.length : -1, 1);
  });
});
