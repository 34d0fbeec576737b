/**
 * The node the code actions that write configuration start from: lb1 alone, a MASTER with a
 * script weighted by the caller and one weighted -100, unicast to 192.0.2.2, and its
 * HAProxy file. Shared by the core tests and the daemon checks of the written files.
 */

/**
 * lb1's Keepalived file: a MASTER tracking two weighted scripts, unicast;
 * a `<|>` cursor marker before the instance name.
 */
export function masterKeepalived(options: { priority?: string; weight?: number } = {}): string {
  return [
    'global_defs {',
    '    router_id lb1',
    '    enable_script_security',
    '    script_user root',
    '}',
    'vrrp_script chk_haproxy {',
    '    script "/usr/bin/killall -0 haproxy"',
    '    interval 2',
    `    weight ${options.weight ?? -30}`,
    '}',
    'vrrp_script chk_disk {',
    '    script "/usr/bin/test -w /var/lib"',
    '    interval 5',
    '    weight -100',
    '}',
    'vrrp_instance <|>VI_1 {',
    '    state MASTER',
    '    interface eth0',
    '    virtual_router_id 51',
    ...(options.priority === '' ? [] : [`    priority ${options.priority ?? '150'}`]),
    '    advert_int 1',
    '    authentication {',
    '        auth_type PASS',
    '        auth_pass s3cret',
    '    }',
    '    unicast_src_ip 192.0.2.1',
    '    unicast_peer {',
    '        192.0.2.2',
    '    }',
    '    virtual_ipaddress {',
    '        192.0.2.100/24',
    '    }',
    '    track_script {',
    '        chk_haproxy',
    '        chk_disk',
    '    }',
    '}',
    '',
  ].join('\n');
}

/** lb1's HAProxy file: the VIP bound with `transparent`, a stats listener on lb1's own address. */
export const MASTER_HAPROXY = [
  'global',
  '    localpeer lb1',
  '',
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  '',
  'peers mesh',
  '    peer lb1 192.0.2.1:10000',
  '    peer lb2 192.0.2.2:10000',
  '',
  'frontend fe_web',
  '    bind 192.0.2.100:80 transparent',
  '    default_backend be_app',
  '',
  'listen stats',
  '    bind 192.0.2.1:8404',
  '    stats enable',
  '    stats uri /stats',
  '    stats auth admin:Adm1nPassw0rd',
  '',
  'backend be_app',
  '    server s1 198.51.100.11:8080 check',
  '    server s2 198.51.100.12:8080 check',
  '',
].join('\n');
