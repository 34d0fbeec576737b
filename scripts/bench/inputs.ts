/**
 * The benchmark's inputs, generated deterministically (no randomness: the same arguments give the
 * same bytes) so that two runs, on two branches or two machines, measure the same files. Every
 * address is from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lines of the fixed part of {@link generateHaproxy} (global, defaults, frontends). */
const HAPROXY_FRONTENDS = 4;

/** Server address of server `s` of backend `b`: documentation ranges, unique with the port. */
function serverAddress(b: number, s: number): string {
  const network = Math.floor(b / 254) % 2 === 0 ? '198.51.100' : '203.0.113';
  const port = 8000 + Math.floor(b / 508) * 10 + s;
  return `${network}.${(b % 254) + 1}:${port}`;
}

/**
 * A realistic `haproxy.cfg`: `backends` backends of ten servers each, and an ACL and a
 * `use_backend` per backend spread over four frontends. About 17 lines per backend. `haproxy -c`
 * accepts it (no certificates or users it would need on disk).
 */
export function generateHaproxy(backends: number): string {
  const lines: string[] = [
    'global',
    '  log stdout format raw local0',
    '  maxconn 50000',
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
  for (let f = 0; f < HAPROXY_FRONTENDS; f++) {
    lines.push(
      `frontend fe_${f}`,
      `  bind 192.0.2.${f + 1}:80`,
      `  bind 192.0.2.${f + 1}:8080`,
      '  http-request set-header X-Forwarded-Proto http',
    );
    for (let b = f; b < backends; b += HAPROXY_FRONTENDS) {
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
        `  server s${s} ${serverAddress(b, s)} check inter 2s fall 3 rise 2 cookie s${s} weight 10`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Backends for a `haproxy.cfg` of about `lines` lines. */
export function backendsForLines(lines: number): number {
  const fixed = generateHaproxy(0).split('\n').length;
  const perBackend = generateHaproxy(1).split('\n').length - fixed;
  return Math.max(1, Math.round((lines - fixed) / perBackend));
}

function vrrpInstance(i: number): string {
  // Two interfaces, so that 500 instances fit in the 255 router ids of each.
  const vrid = (Math.floor(i / 2) % 255) + 1;
  // Every instance its own virtual address; one node talking to one peer.
  const vip = i < 254 ? `203.0.113.${i + 1}` : `198.51.100.${i - 253}`;
  return `vrrp_instance VI_${i} {
    state ${i % 2 === 0 ? 'MASTER' : 'BACKUP'}
    interface eth${i % 2}
    virtual_router_id ${vrid}
    priority ${100 + (i % 50)}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass s3cr${i}
    }
    unicast_src_ip 192.0.2.1
    unicast_peer {
        192.0.2.2
    }
    virtual_ipaddress {
        ${vip}/24 dev eth${i % 2}
    }
    track_script {
        chk_haproxy
    }
}
`;
}

/** A `keepalived.conf` of `instances` (at most 508) VRRP instances (on eth0 and eth1) tracking one script. */
export function generateKeepalived(instances: number): string {
  const parts = [
    '! generated for the benchmark\n',
    'global_defs {\n    router_id LVS_BENCH\n    enable_script_security\n    script_user root\n}\n\n',
    'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n    weight -20\n}\n\n',
  ];
  for (let i = 0; i < instances; i++) parts.push(vrrpInstance(i), '\n');
  return parts.join('');
}

/** VRRP groups every cluster node takes part in. */
const CLUSTER_GROUPS = 10;

/** Base priority of node `node` (1-based) in group `group` (1-based): distinct within a group. */
export function clusterPriority(nodes: number, node: number, group: number): number {
  return 200 - ((node - group + nodes) % nodes) * 5;
}

/** `keepalived.conf` of cluster node `node` (1-based) of `nodes`. */
export function clusterKeepalived(nodes: number, node: number): string {
  const parts = [
    `global_defs {\n    router_id lb${node}\n    enable_script_security\n    script_user root\n}\n\n`,
    'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n    weight -20\n}\n\n',
  ];
  for (let group = 1; group <= CLUSTER_GROUPS; group++) {
    const priority = clusterPriority(nodes, node, group);
    parts.push(`vrrp_instance VI_${group} {
    state ${priority === 200 ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id ${group}
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass grp${group}
    }
    virtual_ipaddress {
        192.0.2.${group}/24
    }
    track_script {
        chk_haproxy
    }
}

`);
  }
  return parts.join('');
}

/** Paths of one generated cluster node. */
export interface ClusterNode {
  readonly haproxy: string;
  readonly keepalived: string;
}

/**
 * Writes a cluster of `nodes` nodes under `dir` (folders lb1…lbN, each with a `haproxy.cfg` of 50
 * backends binding the group VIPs and a `keepalived.conf` of ten VRRP groups every node is in).
 */
export function writeCluster(dir: string, nodes: number): ClusterNode[] {
  const haproxy = generateHaproxy(50);
  const written: ClusterNode[] = [];
  for (let node = 1; node <= nodes; node++) {
    const folder = join(dir, `lb${node}`);
    mkdirSync(folder, { recursive: true });
    const paths = {
      haproxy: join(folder, 'haproxy.cfg'),
      keepalived: join(folder, 'keepalived.conf'),
    };
    writeFileSync(paths.haproxy, haproxy);
    writeFileSync(paths.keepalived, clusterKeepalived(nodes, node));
    written.push(paths);
  }
  return written;
}
