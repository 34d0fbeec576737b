/**
 * Keepalived parser benchmark: `npx tsx scripts/bench-keepalived.ts`. Generates a large realistic
 * configuration, then prints full-parse and single-edit re-parse times (best of several runs, since the machine may be shared).
 */
import { performance } from 'node:perf_hooks';
import { applyChange, type TextChange } from '../server/src/core/common/text-change.js';
import { parseKeepalived, reparseKeepalived } from '../server/src/core/keepalived/index.js';

function vrrpInstance(i: number): string {
  return `vrrp_instance VI_${i} {
    state ${i % 2 === 0 ? 'MASTER' : 'BACKUP'}
    interface eth${i % 4}
    virtual_router_id ${(i % 255) + 1}
    priority ${100 + (i % 50)}   # node priority
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass "s3cr${i}"
    }
    unicast_src_ip 10.${i % 250}.0.1
    unicast_peer {
        10.${i % 250}.0.2
        10.${i % 250}.0.3
    }
    virtual_ipaddress {
        192.168.${i % 250}.${(i % 200) + 10}/24 dev eth0 label eth0:${i % 10}
    }
    track_script {
        chk_haproxy weight -20
    }
    notify_master "/etc/keepalived/notify.sh MASTER VI_${i}"
}
`;
}

function virtualServer(i: number): string {
  const realServers = [1, 2, 3]
    .map(
      (r) => `    real_server 10.20.${i % 250}.${r} 80 {
        weight 1
        HTTP_GET {
            url {
                path /health
                status_code 200
            }
            connect_timeout 3
            retry 3
            delay_before_retry 2
        }
    }
`,
    )
    .join('');
  return `virtual_server 10.10.${i % 250}.${(i % 200) + 1} 80 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    protocol TCP
${realServers}}
`;
}

function generate(instances: number, servers: number): string {
  const parts = ['! generated for the benchmark\nglobal_defs {\n    router_id LVS_BENCH\n}\n\n'];
  parts.push(
    'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n}\n\n',
  );
  for (let i = 0; i < instances; i++) parts.push(vrrpInstance(i), '\n');
  for (let i = 0; i < servers; i++) parts.push(virtualServer(i), '\n');
  return parts.join('');
}

function best(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[0] ?? Number.NaN;
}

/** Best wall-clock and best CPU time (user + system) of `runs` runs, in milliseconds. */
function time(runs: number, body: () => void): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    body();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return `${best(wall).toFixed(2)} ms wall, ${best(cpu).toFixed(2)} ms cpu`;
}

const lines = (text: string): number => text.split('\n').length;

const big = generate(2000, 500);
for (let i = 0; i < 3; i++) parseKeepalived(big); // warm-up
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const fullBig = time(10, () => parseKeepalived(big));
console.log(`full parse: ${lines(big)} lines, ${big.length} chars: ${fullBig}`);

const medium = generate(430, 110);
const mediumParse = parseKeepalived(medium);
const fullMedium = time(10, () => parseKeepalived(medium));
console.log(`full parse: ${lines(medium)} lines: ${fullMedium}`);

const middle = medium.indexOf('priority', Math.floor(medium.length / 2));
const edits: Array<[string, TextChange]> = [
  ['one-char insert mid-file', { start: middle + 9, end: middle + 9, text: '1' }],
  ['one-char insert at top', { start: 60, end: 60, text: 'x' }],
  ['one-char insert at end', { start: medium.length - 3, end: medium.length - 3, text: 'x' }],
  ['insert "{" (rebalances)', { start: middle, end: middle, text: '{' }],
];
for (const [label, change] of edits) {
  const next = applyChange(medium, change);
  for (let i = 0; i < 5; i++) reparseKeepalived(mediumParse, medium, next, change);
  const ms = time(20, () => reparseKeepalived(mediumParse, medium, next, change));
  console.log(`reparse ${label} on ${lines(medium)} lines: ${ms}`);
}
