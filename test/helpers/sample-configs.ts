/**
 * Small configurations several test files use, written once: an HAProxy file with exactly one
 * error, and one node's keepalived.conf of a pair.
 */

/** A valid haproxy.cfg but for the quote never closed on the `http-request` line. */
export const BROKEN_HAPROXY = [
  'defaults',
  '  mode http',
  '  timeout connect 5s',
  '  timeout client 30s',
  '  timeout server 30s',
  '',
  'frontend web',
  '  bind :80',
  '  http-request set-header X-Env "prod',
  '  default_backend app',
  '',
  'backend app',
  '  server s1 127.0.0.1:8080 check',
  '',
].join('\n');

/** One node's keepalived.conf; two nodes with different `vrid`s are a `vrid-mismatch`. */
export function vrrpNodeConfig(state: 'MASTER' | 'BACKUP', priority: number, vrid: number): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${state}`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    `    priority ${priority}`,
    '    advert_int 1',
    '    virtual_ipaddress {',
    '        192.0.2.10/24',
    '    }',
    '}',
    '',
  ].join('\n');
}
