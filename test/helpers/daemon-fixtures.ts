/**
 * One node's files for the tests of the daemons' own checks (halint and the language server).
 */

/** HAProxy refuses the certificate it cannot find, on line 11; halint cannot know it is missing. */
export const DAEMON_HAPROXY = `global
    maxconn 100

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8443 ssl crt /nonexistent/site.pem
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
`;

/** Both say the priority on line 5 is out of range; only keepalived says what it does about it. */
export const DAEMON_KEEPALIVED = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 300
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`;
