/**
 * Times the HAProxy parser on generated configurations: a full parse of a 75,000-line file and an
 * incremental re-parse after a one-character edit in the middle of a 15,000-line file.
 * Run with `npx tsx scripts/bench-haproxy.ts`.
 */
import { performance } from 'node:perf_hooks';
import { parseHaproxy, reparseHaproxy } from '../server/src/core/haproxy/index.js';

/** A realistic configuration with `backends` backends of ten servers each. */
export function generateConfig(backends: number): string {
  const lines: string[] = [
    'global',
    '  log /dev/log local0',
    '  maxconn 50000',
    '  user haproxy',
    '  group haproxy',
    '  stats socket /run/haproxy/admin.sock mode 660 level admin',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  option dontlognull',
    '  timeout connect 5s',
    '  timeout client 30s',
    '  timeout server 30s',
    '',
  ];
  const frontends = 4;
  for (let f = 0; f < frontends; f++) {
    lines.push(
      `frontend fe_${f}`,
      `  bind 10.0.0.${f + 1}:80`,
      `  bind 10.0.0.${f + 1}:443 ssl crt /etc/haproxy/certs/site.pem`,
    );
    lines.push('  http-request set-header X-Forwarded-Proto https if { ssl_fc }');
    for (let b = f; b < backends; b += frontends * 50) {
      lines.push(`  acl host_${b} hdr(host) -i app${b}.example.com`);
      lines.push(`  use_backend be_${b} if host_${b} || { path_beg /app${b}/ }`);
    }
    lines.push('  default_backend be_0', '');
  }
  for (let b = 0; b < backends; b++) {
    lines.push(`backend be_${b}`, '  balance roundrobin', '  option httpchk GET /health');
    lines.push(`  cookie SRV_${b} insert indirect nocache`);
    for (let s = 0; s < 10; s++) {
      lines.push(
        `  server s${s} 10.${(b >> 8) & 255}.${b & 255}.${s + 1}:8080 check inter 2s fall 3 rise 2 cookie s${s} weight 10`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Timing {
  /** Median wall-clock time. */
  readonly median: number;
  /** Fastest run: the least disturbed by other processes on a shared machine. */
  readonly min: number;
  /** Median CPU time of this process (user + system). */
  readonly cpu: number;
}

function time(run: () => void, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) run();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { median: median(samples), min: Math.min(...samples), cpu: median(cpu) };
}

function show(label: string, timing: Timing): void {
  const format = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
  console.log(
    `${label}: median ${format(timing.median)} ms, fastest ${format(timing.min)} ms, CPU ${format(timing.cpu)} ms`,
  );
}

/** Allocation cost on this machine, to put the figures in context on a busy shared host. */
function allocationBaseline(): Timing {
  return time(
    () => {
      const objects: { start: number; end: number; raw: string }[] = [];
      for (let i = 0; i < 1_000_000; i++) objects.push({ start: i, end: i + 1, raw: 'x' });
    },
    1,
    5,
  );
}

if (process.argv[1]?.endsWith('bench-haproxy.ts')) {
  show('baseline: allocating 1,000,000 small objects', allocationBaseline());
  const big = generateConfig(5000);
  const bigLines = big.split('\n').length;
  show(
    `parseHaproxy, ${bigLines} lines`,
    time(() => parseHaproxy(big), 3, 9),
  );

  const mid = generateConfig(1000);
  const midLines = mid.split('\n').length;
  const midParse = parseHaproxy(mid);
  const at = mid.indexOf('server s5', Math.floor(mid.length / 2)) + 8;
  const change = { start: at, end: at + 1, text: '7' };
  const edited = mid.slice(0, at) + '7' + mid.slice(at + 1);
  show(
    `parseHaproxy, ${midLines} lines`,
    time(() => parseHaproxy(mid), 3, 9),
  );
  show(
    `reparseHaproxy, ${midLines} lines, one character replaced mid-file`,
    time(() => reparseHaproxy(midParse, mid, edited, change), 5, 21),
  );
  const insertion = { start: at, end: at, text: 'x' };
  const inserted = mid.slice(0, at) + 'x' + mid.slice(at);
  show(
    `reparseHaproxy, ${midLines} lines, one character inserted mid-file`,
    time(() => reparseHaproxy(midParse, mid, inserted, insertion), 5, 21),
  );
}
