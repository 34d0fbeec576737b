/**
 * Options of HAProxy `server` and `default-server` lines (manual section 5.2), 2.6 to 3.4. Facts
 * come from the keyword lists in ../shared/data, the manual headings and `haproxy -dKall` of the
 * Debian 2.6.12 build; summaries and descriptions are our own words.
 *
 * The manual states that every option is also accepted by `default-server` except `id`. Options
 * with a `no-<name>` form carry `negatable: true`; the `no-*` forms are also listed as entries so
 * that a lookup by the written word always succeeds.
 */
import type { ArgSpec, ArgType } from '../../common/catalog.js';
import { haproxyDocUrl } from './doc-url.js';
import type { Lifecycle, OptionSpec } from './types.js';

const TLS_VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

function arg(name: string, type: ArgType, more: Partial<ArgSpec> = {}): ArgSpec {
  return { name, type, ...more };
}

interface Extra {
  readonly since?: string;
  readonly removed?: Lifecycle;
  readonly deprecated?: Lifecycle;
  readonly negatable?: boolean;
  readonly ssl?: boolean;
  readonly defaultServer?: boolean;
  /** Anchor when it differs from the name. */
  readonly anchor?: string;
}

/** `#5.2-<name>` in the 3.2 manual (3.4 for options new in 3.4). */
function serverDocUrl(anchor: string, version: string): string {
  return haproxyDocUrl(version, '5.2', anchor);
}

function opt(
  name: string,
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): OptionSpec {
  const { anchor, defaultServer, ...rest } = extra;
  const version = extra.since === '3.4' ? '3.4' : '3.2';
  return {
    name,
    args,
    summary,
    description,
    docUrl: serverDocUrl(anchor ?? name, version),
    defaultServer: defaultServer ?? true,
    ...rest,
  };
}

/** The `no-<name>` entry that cancels an inherited flag. */
function no(name: string, what: string, extra: Extra = {}): OptionSpec {
  return opt(
    `no-${name}`,
    [],
    `Cancel an inherited \`${name}\``,
    `Turns off ${what} for this server even when \`default-server\` enabled it; on a ` +
      '`default-server` line it resets an earlier setting.',
    extra,
  );
}

const ssl = { ssl: true } as const;

function noTls(version: string): OptionSpec {
  const word = version === 'sslv3' ? 'SSLv3' : `TLS ${version.slice(4, 5)}.${version.slice(5)}`;
  return opt(
    `no-${version}`,
    [],
    `Do not use ${word} towards the server`,
    `Removes ${word} from the versions offered to the server. A range set with \`ssl-min-ver\` / ` +
      '`ssl-max-ver` is the clearer equivalent.',
    ssl,
  );
}

function forceTls(version: string): OptionSpec {
  const word = version === 'sslv3' ? 'SSLv3' : `TLS ${version.slice(4, 5)}.${version.slice(5)}`;
  return opt(
    `force-${version}`,
    [],
    `Use only ${word} towards the server`,
    `Restricts server handshakes to ${word}. Prefer \`ssl-min-ver\` and \`ssl-max-ver\`.`,
    ssl,
  );
}

export const SERVER_OPTIONS: readonly OptionSpec[] = [
  opt(
    'addr',
    [arg('address', 'address')],
    'Address used for health checks',
    'Sends health checks to this address instead of the server address.',
  ),
  opt(
    'agent-addr',
    [arg('address', 'address')],
    'Address of the agent check',
    'Where the agent check connects; an IP address or a host name resolved at startup.',
  ),
  opt(
    'agent-check',
    [],
    'Enable the agent check',
    'Periodically connects to a small agent that replies with a weight or a state ' +
      '(up, down, drain, maint…), which then adjusts the server.',
    { negatable: true },
  ),
  opt(
    'agent-inter',
    [arg('delay', 'time')],
    'Interval between agent checks',
    'Delay between two agent checks; defaults to the check interval.',
  ),
  opt(
    'agent-port',
    [arg('port', 'port')],
    'TCP port of the agent check',
    'Port the agent check connects to.',
  ),
  opt(
    'agent-send',
    [arg('string', 'string')],
    'String sent to the agent on connect',
    'Text sent to the agent once connected, before reading its answer.',
  ),
  opt(
    'allow-0rtt',
    [],
    'Send TLS 1.3 early data to the server',
    'Allows requests to be sent in the first TLS flight when resuming a session with the server.',
    ssl,
  ),
  opt(
    'alpn',
    [arg('protocols', 'string')],
    'ALPN protocols offered to the server',
    'Comma-separated protocols proposed during the TLS handshake with the server, e.g. ' +
      '`h2,http/1.1`.',
    ssl,
  ),
  opt(
    'backup',
    [],
    'Use this server only when no regular server is up',
    'Backup servers receive traffic only when every non-backup server is down (or all of them ' +
      'with `option allbackups`).',
    { negatable: true },
  ),
  opt(
    'ca-file',
    [arg('cafile', 'path')],
    'CAs trusted to verify the server certificate',
    'PEM file of authorities (or `@system-ca`) used when `verify required` is in effect.',
    ssl,
  ),
  opt(
    'cc',
    [arg('algo', 'word')],
    'TCP congestion control algorithm towards the server',
    'Kernel congestion control algorithm set on connections to this server.',
    { since: '3.4' },
  ),
  opt(
    'check',
    [],
    'Enable health checks',
    'Runs periodic health checks on the server; without it the server is always considered up. ' +
      'The check type follows the backend `option *chk` / `tcp-check` / `http-check` settings.',
    { negatable: true },
  ),
  opt(
    'check-alpn',
    [arg('protocols', 'string')],
    'ALPN protocols offered by health checks',
    'Overrides `alpn` for health-check connections.',
    ssl,
  ),
  opt(
    'check-pool-conn-name',
    [arg('name', 'string')],
    'Connection name used to reuse pooled connections for checks',
    'Name checked against `pool-conn-name` so that checks can reuse idle connections.',
    { since: '3.2' },
  ),
  opt(
    'check-proto',
    [arg('name', 'word')],
    'Multiplexer protocol for health checks',
    'Forces the protocol (such as `h2`) used by health-check connections.',
  ),
  opt(
    'check-reuse-pool',
    [],
    'Let health checks reuse idle server connections',
    'Health checks may pick an idle connection from the pool instead of opening a new one.',
    { since: '3.2', negatable: true },
  ),
  opt(
    'check-send-proxy',
    [],
    'Send a PROXY header on health checks',
    'Health-check connections start with a PROXY protocol header, as traffic does with ' +
      '`send-proxy`.',
    { negatable: true },
  ),
  opt(
    'check-sni',
    [arg('sni', 'string')],
    'SNI sent by TLS health checks',
    'Host name placed in the SNI extension of health-check handshakes.',
    ssl,
  ),
  opt(
    'check-sni-auto',
    [],
    'Derive the health-check SNI automatically',
    'Health checks send an SNI computed the same way as for traffic (see `sni-auto`).',
    { ...ssl, since: '3.4', negatable: true },
  ),
  opt(
    'check-ssl',
    [],
    'Run health checks over SSL/TLS',
    'Forces TLS on health checks even when traffic is not encrypted (or the check port differs).',
    { ...ssl, negatable: true },
  ),
  opt(
    'check-via-socks4',
    [],
    'Send health checks through the SOCKS4 proxy',
    'Health checks go through the proxy set with `socks4`.',
  ),
  opt(
    'ciphers',
    [arg('ciphers', 'string')],
    'TLS 1.2-and-older ciphers towards the server',
    'OpenSSL cipher string for server-side handshakes up to TLS 1.2.',
    ssl,
  ),
  opt(
    'ciphersuites',
    [arg('ciphersuites', 'string')],
    'TLS 1.3 cipher suites towards the server',
    'Colon-separated TLS 1.3 suites for server-side handshakes.',
    ssl,
  ),
  opt(
    'client-sigalgs',
    [arg('sigalgs', 'string')],
    'Signature algorithms for the client certificate sent to the server',
    'Algorithms allowed when HAProxy authenticates to the server with `crt`.',
    { ...ssl, since: '3.0' },
  ),
  opt(
    'cookie',
    [arg('value', 'string')],
    'Persistence cookie value of this server',
    'Value written in the persistence cookie (see the backend `cookie` directive) so that a ' +
      'client returns to this server.',
  ),
  opt(
    'crl-file',
    [arg('crlfile', 'path')],
    'Revocation list for the server certificate',
    'PEM CRL file checked when verifying the server certificate.',
    ssl,
  ),
  opt(
    'crt',
    [arg('cert', 'path')],
    'Client certificate presented to the server',
    'PEM certificate and key HAProxy uses to authenticate itself to the server.',
    ssl,
  ),
  opt(
    'curves',
    [arg('curves', 'string')],
    'Curves / groups offered to the server',
    'Colon-separated list of key-exchange groups for server handshakes.',
    { ...ssl, since: '3.0' },
  ),
  opt(
    'disabled',
    [],
    'Start the server in maintenance mode',
    'The server receives no traffic until enabled from the CLI or stats page.',
  ),
  opt(
    'downinter',
    [arg('delay', 'time')],
    'Check interval while the server is down',
    'Interval between checks while the server is fully down; defaults to `inter`.',
  ),
  opt('enabled', [], 'Start the server enabled', 'Cancels an inherited `disabled`.'),
  opt(
    'error-limit',
    [arg('count', 'int', { min: 1 })],
    'Consecutive errors before `on-error` applies',
    'Number of consecutive errors seen by `observe` that trigger the `on-error` action.',
  ),
  opt(
    'fall',
    [arg('count', 'int', { min: 1 })],
    'Failed checks before the server is marked down',
    'Consecutive failed health checks needed to declare the server down (default 3).',
  ),
  opt(
    'fastinter',
    [arg('delay', 'time')],
    'Check interval while the server changes state',
    'Interval used while the server is going up or down; defaults to `inter`.',
  ),
  forceTls('sslv3'),
  forceTls('tlsv10'),
  forceTls('tlsv11'),
  forceTls('tlsv12'),
  forceTls('tlsv13'),
  opt(
    'guid',
    [arg('guid', 'string')],
    'Globally unique id of the server',
    'Identifier unique across the whole configuration, usable to find the server from outside.',
    { since: '3.0' },
  ),
  opt(
    'hash-key',
    [arg('key', 'enum', { values: ['id', 'addr', 'addr-port'] })],
    'What identifies the server on the consistent-hash ring',
    'Places the server on the hash ring from its id, its address, or address and port, so that ' +
      'several load balancers build the same ring.',
    // In src/server.c since 3.0 (the 3.2 manual is where it was first documented).
    { since: '3.0' },
  ),
  opt(
    'healthcheck',
    [arg('name', 'reference', { refers: 'healthcheck' })],
    'Use a named healthcheck section',
    'Points the server checks to a `healthcheck` section defined elsewhere.',
    { since: '3.4' },
  ),
  opt(
    'id',
    [arg('id', 'int', { min: 1 })],
    'Numeric id of the server',
    'Persistent server id, reported in stats and used by some hashing; unique in the backend. ' +
      'Not accepted on `default-server`.',
    { defaultServer: false },
  ),
  opt(
    'idle-ping',
    [arg('delay', 'time')],
    'Ping idle server connections after this delay',
    'Sends protocol pings on idle multiplexed server connections to detect dead peers.',
    { since: '3.2' },
  ),
  opt(
    'init-addr',
    [arg('methods', 'word')],
    'How to find the server address at startup',
    'Comma-separated methods tried in order: `last` (state file), `libc`, `none`, or a literal IP.',
  ),
  opt(
    'init-state',
    [arg('state', 'enum', { values: ['fully-up', 'up', 'down', 'fully-down', 'none'] })],
    'State of the server right after startup',
    'Whether the server starts up or down, and whether one check is enough to change it.',
    { since: '3.2' },
  ),
  opt(
    'inter',
    [arg('delay', 'time')],
    'Interval between health checks',
    'Delay between two checks while the server is stable (default 2s).',
  ),
  opt(
    'ktls',
    [arg('state', 'enum', { values: ['on', 'off'] })],
    'Use kernel TLS offload (experimental)',
    'Lets the kernel encrypt records on server connections after the handshake. Experimental.',
    { ...ssl, since: '3.4' },
  ),
  opt(
    'log-bufsize',
    [arg('size', 'size')],
    'Buffer size for a log server in a log-forward / ring setup',
    'Size of the buffer used when sending logs to this server.',
    { since: '3.0' },
  ),
  opt(
    'log-proto',
    [arg('proto', 'enum', { values: ['legacy', 'octet-count'] })],
    'Framing of logs sent to a ring server',
    '`legacy` separates messages with line feeds, `octet-count` prefixes their length (RFC 6587).',
  ),
  opt(
    'max-reuse',
    [arg('count', 'int', { min: -1 })],
    'Requests allowed on one server connection',
    'Limits how many times a connection is reused before being closed; -1 means no limit.',
  ),
  opt(
    'maxconn',
    [arg('maxconn', 'int', { min: 0 })],
    'Maximum concurrent connections to the server',
    'Extra requests wait in the queue. With `minconn` it becomes the upper bound of a dynamic limit.',
  ),
  opt(
    'maxqueue',
    [arg('maxqueue', 'int', { min: 0 })],
    'Maximum requests queued for this server',
    'When the queue is full, requests go to another server or fail; 0 means unlimited.',
  ),
  opt(
    'minconn',
    [arg('minconn', 'int', { min: 0 })],
    'Lower bound of the dynamic connection limit',
    'With `maxconn` and the backend `fullconn`, the limit grows from this value as load increases.',
  ),
  opt(
    'namespace',
    [arg('name', 'word')],
    'Network namespace used to reach the server',
    'Opens the server connections from the named network namespace.',
  ),
  no('agent-check', 'the agent check'),
  no('backup', 'the backup role'),
  no('check', 'health checks'),
  no('check-reuse-pool', 'connection reuse for checks', { since: '3.2' }),
  no('check-send-proxy', 'the PROXY header on checks'),
  no('check-sni-auto', 'automatic SNI on checks', { ...ssl, since: '3.4' }),
  no('check-ssl', 'TLS on checks', ssl),
  no('renegotiate', 'TLS renegotiation', { ...ssl, since: '3.4' }),
  no('send-proxy', 'the PROXY v1 header'),
  no('send-proxy-v2', 'the PROXY v2 header'),
  no('send-proxy-v2-ssl', 'the PROXY v2 header with SSL details'),
  no('send-proxy-v2-ssl-cn', 'the PROXY v2 header with SSL and CN details'),
  no('sni-auto', 'automatic SNI', { ...ssl, since: '3.4' }),
  no('ssl', 'TLS towards the server', ssl),
  no('ssl-reuse', 'TLS session reuse', ssl),
  noTls('sslv3'),
  no('tfo', 'TCP Fast Open'),
  opt(
    'no-tls-tickets',
    [],
    'Do not use TLS session tickets with the server',
    'Disables stateless session resumption towards the server.',
    ssl,
  ),
  noTls('tlsv10'),
  noTls('tlsv11'),
  noTls('tlsv12'),
  noTls('tlsv13'),
  no('verifyhost', 'the host name check of the server certificate', ssl),
  opt(
    'non-stick',
    [],
    'Never store this server in stick tables',
    'Connections to this server do not create or update stickiness entries.',
  ),
  opt(
    'npn',
    [arg('protocols', 'string')],
    'NPN protocols offered to the server (obsolete)',
    'Protocols proposed through the old NPN extension; use `alpn` instead.',
    ssl,
  ),
  opt(
    'observe',
    [arg('mode', 'enum', { values: ['none', 'layer4', 'layer7'] })],
    'Watch live traffic to detect server errors',
    'Counts connection (`layer4`) or HTTP (`layer7`) errors of real traffic; see `error-limit` ' +
      'and `on-error`.',
  ),
  opt(
    'on-error',
    [arg('mode', 'enum', { values: ['fastinter', 'fail-check', 'sudden-death', 'mark-down'] })],
    'Reaction when `error-limit` is reached',
    'From gentle to harsh: check faster, count a failed check, fail all but one check, or mark ' +
      'the server down at once.',
  ),
  opt(
    'on-marked-down',
    [arg('action', 'enum', { values: ['shutdown-sessions'] })],
    'Action when the server goes down',
    '`shutdown-sessions` closes the sessions still open on the server.',
  ),
  opt(
    'on-marked-up',
    [arg('action', 'enum', { values: ['shutdown-backup-sessions'] })],
    'Action when the server comes back up',
    '`shutdown-backup-sessions` closes sessions that went to backup servers meanwhile.',
  ),
  opt(
    'pool-conn-name',
    [arg('expr', 'sample')],
    'Expression naming pooled connections',
    'Sample expression whose value tags idle connections; a connection is reused only for ' +
      'requests producing the same name.',
    { since: '3.0' },
  ),
  opt(
    'pool-low-conn',
    [arg('max', 'int', { min: 0 })],
    'Idle connections below which a thread avoids stealing',
    'Threads prefer opening new connections while the idle pool holds fewer than this many.',
  ),
  opt(
    'pool-max-conn',
    [arg('max', 'int', { min: -1 })],
    'Maximum idle connections kept for reuse',
    'Upper bound of idle server connections kept; -1 means unlimited, 0 disables reuse pooling.',
  ),
  opt(
    'pool-purge-delay',
    [arg('delay', 'time')],
    'How often idle connections are trimmed',
    'Interval at which part of the idle connections are closed.',
  ),
  opt(
    'port',
    [arg('port', 'port')],
    'Port used for health checks',
    'Sends health checks to this port instead of the traffic port.',
  ),
  opt(
    'proto',
    [arg('name', 'word')],
    'Multiplexer protocol towards the server (e.g. h2)',
    'Forces the protocol of server connections, such as `h2` for clear-text HTTP/2 or `fcgi`.',
  ),
  opt(
    'proxy-v2-options',
    [arg('options', 'word')],
    'Extra TLVs in the PROXY v2 header',
    'Comma-separated list among `ssl`, `cert-cn`, `ssl-cipher`, `cert-sig`, `cert-key`, ' +
      '`authority`, `crc32c`, `unique-id`…',
  ),
  opt(
    'quic-cc-algo',
    [arg('algo', 'word')],
    'QUIC congestion control towards the server',
    'Congestion control algorithm of QUIC server connections, optionally with parameters.',
    { since: '3.4' },
  ),
  opt(
    'redir',
    [arg('prefix', 'string')],
    'Redirect GET/HEAD requests to this prefix instead of forwarding',
    'Answers with a 302 to the given URL prefix for requests routed to this server.',
  ),
  opt(
    'renegotiate',
    [],
    'Allow TLS renegotiation requested by the server',
    'Accepts renegotiation on server connections.',
    { ...ssl, since: '3.4', negatable: true },
  ),
  opt(
    'resolve-net',
    [arg('networks', 'string')],
    'Preferred networks for DNS answers',
    'Comma-separated networks; among resolved addresses, one inside them is chosen first.',
  ),
  opt(
    'resolve-opts',
    [arg('options', 'word')],
    'DNS resolution options',
    'Comma-separated options such as `allow-dup-ip`, `ignore-weight` or `prevent-dup-ip`.',
  ),
  opt(
    'resolve-prefer',
    [arg('family', 'enum', { values: ['ipv4', 'ipv6'] })],
    'Preferred address family for DNS answers',
    'Chooses IPv4 or IPv6 records first when both are returned.',
  ),
  opt(
    'resolvers',
    [arg('id', 'reference', { refers: 'resolvers' })],
    'Resolvers section used to refresh the server address',
    'Re-resolves the server name at run time with the named `resolvers` section.',
  ),
  opt(
    'rise',
    [arg('count', 'int', { min: 1 })],
    'Successful checks before the server is marked up',
    'Consecutive passed health checks needed to declare the server up (default 2).',
  ),
  opt(
    'send-proxy',
    [],
    'Send a PROXY protocol v1 header',
    'Prefixes each server connection with a text PROXY header carrying the client addresses.',
    { negatable: true },
  ),
  opt(
    'send-proxy-v2',
    [],
    'Send a PROXY protocol v2 header',
    'Prefixes each server connection with a binary PROXY header; see `proxy-v2-options`.',
    { negatable: true },
  ),
  opt(
    'send-proxy-v2-ssl',
    [],
    'PROXY v2 header with SSL information',
    'Like `send-proxy-v2` and adds TLVs describing the client TLS session.',
    { negatable: true },
  ),
  opt(
    'send-proxy-v2-ssl-cn',
    [],
    'PROXY v2 header with SSL information and client CN',
    'Like `send-proxy-v2-ssl` and adds the common name of the client certificate.',
    { negatable: true },
  ),
  opt(
    'set-proxy-v2-tlv-fmt',
    [arg('fmt', 'log-format')],
    'Custom PROXY v2 TLV, written `set-proxy-v2-tlv-fmt(<id>) <fmt>`',
    'Adds a TLV of the given type id to the PROXY v2 header, its value built from a log-format ' +
      'string.',
    { since: '3.0' },
  ),
  opt(
    'shard',
    [arg('shard', 'int', { min: 0 })],
    'Peer shard this server belongs to',
    'In a `peers` section, assigns the peer to a shard so that stick-table entries are spread.',
    { since: '2.8' },
  ),
  opt(
    'sigalgs',
    [arg('sigalgs', 'string')],
    'Signature algorithms towards the server',
    'Colon-separated signature algorithms allowed in server handshakes.',
    { ...ssl, since: '3.0' },
  ),
  opt(
    'slowstart',
    [arg('time', 'time')],
    'Ramp-up time after the server comes back',
    'Weight and connection limit grow progressively over this period after recovery.',
  ),
  opt(
    'sni',
    [arg('expr', 'sample')],
    'Sample expression giving the SNI sent to the server',
    'For example `req.hdr(host)` to forward the client host name.',
    ssl,
  ),
  opt(
    'sni-auto',
    [],
    'Send an SNI derived automatically',
    'Computes the SNI from the request host when none is configured.',
    { ...ssl, since: '3.4', negatable: true },
  ),
  opt(
    'socks4',
    [arg('address', 'address')],
    'Reach the server through a SOCKS4 proxy',
    'Address and port of the SOCKS4 proxy used for the server connections.',
  ),
  opt(
    'source',
    [arg('address', 'string')],
    'Source address for server connections',
    'Local address (and optional port range) used to connect, optionally followed by `usesrc` ' +
      'for transparent proxying and `interface`.',
  ),
  opt(
    'ssl',
    [],
    'Use SSL/TLS towards the server',
    'Encrypts server connections. Pair with `verify required` and `ca-file` to authenticate it.',
    { ...ssl, negatable: true },
  ),
  opt(
    'ssl-max-ver',
    [arg('version', 'enum', { values: TLS_VERSIONS })],
    'Highest TLS version towards the server',
    'Upper bound of the versions negotiated with the server.',
    ssl,
  ),
  opt(
    'ssl-min-ver',
    [arg('version', 'enum', { values: TLS_VERSIONS })],
    'Lowest TLS version towards the server',
    'Lower bound of the versions negotiated with the server.',
    ssl,
  ),
  opt(
    'ssl-reuse',
    [],
    'Reuse TLS sessions with the server',
    'Cancels an inherited `no-ssl-reuse`.',
    { ...ssl, negatable: true },
  ),
  opt('stick', [], 'Store this server in stick tables', 'Cancels an inherited `non-stick`.'),
  opt(
    'strict-maxconn',
    [],
    'Count idle connections against `maxconn`',
    'Makes `maxconn` a strict limit on open connections, idle ones included.',
    { since: '3.2' },
  ),
  opt(
    'tcp-md5sig',
    [arg('password', 'string')],
    'TCP MD5 signature password towards the server',
    'Enables RFC 2385 signatures on server connections.',
    { since: '3.4' },
  ),
  opt(
    'tcp-ut',
    [arg('delay', 'time')],
    'TCP user timeout towards the server',
    'Sets `TCP_USER_TIMEOUT` on server connections.',
  ),
  opt(
    'tfo',
    [],
    'Use TCP Fast Open towards the server',
    'Sends the first data in the SYN when the kernel allows it.',
    { negatable: true },
  ),
  opt(
    'tls-tickets',
    [],
    'Use TLS session tickets with the server',
    'Cancels an inherited `no-tls-tickets`.',
    { ...ssl, negatable: true },
  ),
  opt(
    'track',
    [arg('server', 'reference', { refers: 'server' })],
    'Follow the health of another server, `[<backend>/]<server>`',
    'Takes its state from the named server instead of running its own checks.',
  ),
  opt(
    'usesrc',
    [arg('address', 'string')],
    'Transparent source of `source … usesrc` (part of `source`)',
    'Second half of a `source` setting: the address presented to the server (`client`, ' +
      '`clientip`, `hdr_ip(...)` or an address). The 2.6 parser registers it as its own word.',
  ),
  opt(
    'verify',
    [arg('mode', 'enum', { values: ['none', 'required'] })],
    'Server certificate verification',
    '`required` checks the server certificate against `ca-file`; `none` skips the check.',
    ssl,
  ),
  opt(
    'verifyhost',
    [arg('hostname', 'string')],
    'Expected host name in the server certificate',
    'Checks that the certificate is valid for this name when verification is on.',
    { ...ssl, negatable: true },
  ),
  opt(
    'weight',
    [arg('weight', 'int', { min: 0, max: 256 })],
    'Relative share of the load',
    'Load-balancing weight from 0 to 256 (default 1); 0 sends no new traffic.',
  ),
  opt(
    'ws',
    [arg('mode', 'enum', { values: ['auto', 'h1', 'h2'] })],
    'Protocol used for WebSocket requests',
    'Chooses the protocol for forwarding WebSocket upgrades to this server.',
  ),
];

/**
 * How HAProxy parses the value of one `server` / `bind` option, as far as `haproxy -c` refuses
 * bad values. Established on the Debian 2.6.12 build with valid and invalid cases of each option;
 * options missing from the tables are not judged.
 *
 * - `word`: any word is fine, but the option must not end the line;
 * - `time`: digits then at most one unit (`us`, `ms`, `s`, `m`, `h`, `d`); text after the unit
 *   only draws a warning in 2.6, an unknown character right after the digits is an error, and so
 *   is a value above 2147483647 ms. `positive` refuses 0;
 * - `atol`: the leading integer is read (`7a` is 7, `abc` is 0), truncated to 32 bits, then
 *   compared with `min`/`max`; `abs` compares its absolute value;
 * - `integer`: the whole word must be an integer, at least `min`;
 * - `enum`: one of `values`; `list` allows a comma-separated list of them;
 * - `mux`: a multiplexer protocol name known at the target version;
 * - `init-addr`: comma-separated `libc`, `last`, `none` or IP addresses;
 * - `shards`: `by-thread` or a count of at least 1.
 *
 * `optional` marks options HAProxy accepts at the end of the line (the value reads as empty).
 */
export type OptionValueCheck =
  | { readonly kind: 'word'; readonly optional?: boolean }
  | { readonly kind: 'time'; readonly positive?: boolean; readonly optional?: boolean }
  | {
      readonly kind: 'atol';
      readonly min?: number;
      readonly max?: number;
      readonly abs?: boolean;
      readonly optional?: boolean;
    }
  | { readonly kind: 'integer'; readonly min: number; readonly optional?: boolean }
  | {
      readonly kind: 'enum';
      readonly values: readonly string[];
      readonly list?: boolean;
      readonly optional?: boolean;
    }
  | { readonly kind: 'mux'; readonly optional?: boolean }
  | { readonly kind: 'init-addr'; readonly optional?: boolean }
  | { readonly kind: 'shards'; readonly optional?: boolean };

/**
 * Multiplexer protocols accepted by `proto` / `check-proto`, with the version that brought them.
 * `quic` only exists in QUIC-enabled builds, so it is never judged.
 */
export const MUX_PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ['h1', '2.0'],
  ['h2', '2.0'],
  ['fcgi', '2.1'],
  ['none', '2.0'],
  ['quic', '2.6'],
  ['spop', '3.1'],
  ['qmux', '3.4'],
]);

const WORD: OptionValueCheck = { kind: 'word' };
const TIME: OptionValueCheck = { kind: 'time' };
const POSITIVE_TIME: OptionValueCheck = { kind: 'time', positive: true };
const TLS_VERSION: OptionValueCheck = { kind: 'enum', values: TLS_VERSIONS };

/** Value parsing of `server` / `default-server` / `server-template` options (2.6 behaviour). */
export const SERVER_VALUE_CHECKS: ReadonlyMap<string, OptionValueCheck> = new Map<
  string,
  OptionValueCheck
>([
  ['addr', WORD],
  ['agent-addr', WORD],
  ['agent-inter', POSITIVE_TIME],
  ['agent-port', WORD],
  ['agent-send', WORD],
  ['alpn', WORD],
  ['ca-file', WORD],
  ['check-alpn', WORD],
  ['check-proto', { kind: 'mux' }],
  ['check-sni', WORD],
  ['ciphers', WORD],
  ['ciphersuites', WORD],
  ['cookie', WORD],
  ['crl-file', WORD],
  ['crt', WORD],
  ['downinter', POSITIVE_TIME],
  ['error-limit', { kind: 'atol', min: 1 }],
  ['fastinter', POSITIVE_TIME],
  ['id', { kind: 'atol', min: 1 }],
  ['init-addr', { kind: 'init-addr', optional: true }],
  ['inter', POSITIVE_TIME],
  ['log-proto', { kind: 'enum', values: ['legacy', 'octet-count'] }],
  ['max-reuse', WORD],
  ['namespace', WORD],
  ['npn', WORD],
  ['observe', { kind: 'enum', values: ['none', 'layer4', 'layer7'] }],
  ['on-error', { kind: 'enum', values: ['fastinter', 'fail-check', 'sudden-death', 'mark-down'] }],
  ['on-marked-down', { kind: 'enum', values: ['shutdown-sessions'] }],
  ['on-marked-up', { kind: 'enum', values: ['shutdown-backup-sessions'] }],
  ['pool-low-conn', WORD],
  ['pool-max-conn', WORD],
  ['pool-purge-delay', TIME],
  ['port', WORD],
  ['proto', { kind: 'mux' }],
  ['redir', WORD],
  ['resolve-net', WORD],
  [
    'resolve-opts',
    {
      kind: 'enum',
      values: ['allow-dup-ip', 'ignore-weight', 'prevent-dup-ip'],
      list: true,
      optional: true,
    },
  ],
  ['resolve-prefer', { kind: 'enum', values: ['ipv4', 'ipv6'] }],
  ['slowstart', TIME],
  ['sni', WORD],
  ['socks4', WORD],
  ['source', WORD],
  ['ssl-max-ver', TLS_VERSION],
  ['ssl-min-ver', TLS_VERSION],
  ['tcp-ut', TIME],
  ['track', WORD],
  ['verify', { kind: 'enum', values: ['none', 'required'] }],
  ['verifyhost', WORD],
  ['weight', { kind: 'atol', min: 0, max: 256, optional: true }],
  ['ws', { kind: 'enum', values: ['auto', 'h1', 'h2'] }],
]);
