/**
 * Options of HAProxy `server` and `default-server` lines (manual section 5.2), 2.6 to 3.4. The
 * options bind lines have too (TLS settings, `id`, `maxconn`, `proto`, …) are recorded once in
 * shared-options.ts; this file holds the server-only ones. Facts come from the keyword lists in
 * ../shared/data, the manual headings and `haproxy -dKall` / `haproxy -c` of the Debian 2.6.12
 * build (the value checks); summaries and descriptions are our own words.
 *
 * The manual states that every option is also accepted by `default-server` except `id`. Options
 * with a `no-<name>` form carry `negatable: true`; the `no-*` forms are also listed as entries so
 * that a lookup by the written word always succeeds.
 */
import {
  arg,
  CHECK,
  checkedEnum,
  optionBuilder,
  sharedOptions,
  sortedByName,
} from './shared-options.js';
import type { OptionFacts } from './shared-options.js';
import type { OptionSpec } from './types.js';

const opt = optionBuilder('server');

/** The `no-<name>` entry that cancels an inherited flag. */
function no(name: string, what: string, facts: OptionFacts = {}): OptionSpec {
  return opt(
    `no-${name}`,
    [],
    `Cancel an inherited \`${name}\``,
    `Turns off ${what} for this server even when \`default-server\` enabled it; on a ` +
      '`default-server` line it resets an earlier setting.',
    facts,
  );
}

const ssl = { ssl: true } as const;

const SERVER_ONLY: readonly OptionSpec[] = [
  opt(
    'addr',
    [arg('address', 'address', { check: CHECK.word })],
    'Address used for health checks',
    'Sends health checks to this address instead of the server address.',
  ),
  opt(
    'agent-addr',
    [arg('address', 'address', { check: CHECK.word })],
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
    [arg('delay', 'time', { check: CHECK.positiveTime })],
    'Interval between agent checks',
    'Delay between two agent checks; defaults to the check interval.',
  ),
  opt(
    'agent-port',
    [arg('port', 'port', { check: CHECK.word })],
    'TCP port of the agent check',
    'Port the agent check connects to.',
  ),
  opt(
    'agent-send',
    [arg('string', 'string', { check: CHECK.word })],
    'String sent to the agent on connect',
    'Text sent to the agent once connected, before reading its answer.',
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
    'check',
    [],
    'Enable health checks',
    'Runs periodic health checks on the server; without it the server is always considered up. ' +
      'The check type follows the backend `option *chk` / `tcp-check` / `http-check` settings.',
    { negatable: true },
  ),
  opt(
    'check-alpn',
    [arg('protocols', 'string', { check: CHECK.word })],
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
    [arg('name', 'word', { check: CHECK.mux })],
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
    [arg('sni', 'string', { check: CHECK.word })],
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
    'cookie',
    [arg('value', 'string', { check: CHECK.word })],
    'Persistence cookie value of this server',
    'Value written in the persistence cookie (see the backend `cookie` directive) so that a ' +
      'client returns to this server.',
  ),
  opt(
    'disabled',
    [],
    'Start the server in maintenance mode',
    'The server receives no traffic until enabled from the CLI or stats page.',
  ),
  opt(
    'downinter',
    [arg('delay', 'time', { check: CHECK.positiveTime })],
    'Check interval while the server is down',
    'Interval between checks while the server is fully down; defaults to `inter`.',
  ),
  opt('enabled', [], 'Start the server enabled', 'Cancels an inherited `disabled`.'),
  opt(
    'error-limit',
    [arg('count', 'int', { min: 1, check: { kind: 'atol', min: 1 } })],
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
    [arg('delay', 'time', { check: CHECK.positiveTime })],
    'Check interval while the server changes state',
    'Interval used while the server is going up or down; defaults to `inter`.',
  ),
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
    'init-addr',
    [arg('methods', 'word', { check: { kind: 'init-addr', optional: true } })],
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
    [arg('delay', 'time', { check: CHECK.positiveTime })],
    'Interval between health checks',
    'Delay between two checks while the server is stable (default 2s).',
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
    [checkedEnum('proto', ['legacy', 'octet-count'])],
    'Framing of logs sent to a ring server',
    '`legacy` separates messages with line feeds, `octet-count` prefixes their length (RFC 6587).',
  ),
  opt(
    'max-reuse',
    [arg('count', 'int', { min: -1, check: CHECK.word })],
    'Requests allowed on one server connection',
    'Limits how many times a connection is reused before being closed; -1 means no limit.',
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
  no('tfo', 'TCP Fast Open'),
  no('verifyhost', 'the host name check of the server certificate', ssl),
  opt(
    'non-stick',
    [],
    'Never store this server in stick tables',
    'Connections to this server do not create or update stickiness entries.',
  ),
  opt(
    'observe',
    [checkedEnum('mode', ['none', 'layer4', 'layer7'])],
    'Watch live traffic to detect server errors',
    'Counts connection (`layer4`) or HTTP (`layer7`) errors of real traffic; see `error-limit` ' +
      'and `on-error`.',
  ),
  opt(
    'on-error',
    [checkedEnum('mode', ['fastinter', 'fail-check', 'sudden-death', 'mark-down'])],
    'Reaction when `error-limit` is reached',
    'From gentle to harsh: check faster, count a failed check, fail all but one check, or mark ' +
      'the server down at once.',
  ),
  opt(
    'on-marked-down',
    [checkedEnum('action', ['shutdown-sessions'])],
    'Action when the server goes down',
    '`shutdown-sessions` closes the sessions still open on the server.',
  ),
  opt(
    'on-marked-up',
    [checkedEnum('action', ['shutdown-backup-sessions'])],
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
    [arg('max', 'int', { min: 0, check: CHECK.word })],
    'Idle connections below which a thread avoids stealing',
    'Threads prefer opening new connections while the idle pool holds fewer than this many.',
  ),
  opt(
    'pool-max-conn',
    [arg('max', 'int', { min: -1, check: CHECK.word })],
    'Maximum idle connections kept for reuse',
    'Upper bound of idle server connections kept; -1 means unlimited, 0 disables reuse pooling.',
  ),
  opt(
    'pool-purge-delay',
    [arg('delay', 'time', { check: CHECK.time })],
    'How often idle connections are trimmed',
    'Interval at which part of the idle connections are closed.',
  ),
  opt(
    'port',
    [arg('port', 'port', { check: CHECK.word })],
    'Port used for health checks',
    'Sends health checks to this port instead of the traffic port.',
  ),
  opt(
    'proxy-v2-options',
    [arg('options', 'word')],
    'Extra TLVs in the PROXY v2 header',
    'Comma-separated list among `ssl`, `cert-cn`, `ssl-cipher`, `cert-sig`, `cert-key`, ' +
      '`authority`, `crc32c`, `unique-id`…',
  ),
  opt(
    'redir',
    [arg('prefix', 'string', { check: CHECK.word })],
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
    [arg('networks', 'string', { check: CHECK.word })],
    'Preferred networks for DNS answers',
    'Comma-separated networks; among resolved addresses, one inside them is chosen first.',
  ),
  opt(
    'resolve-opts',
    [
      arg('options', 'word', {
        check: {
          kind: 'enum',
          values: ['allow-dup-ip', 'ignore-weight', 'prevent-dup-ip'],
          list: true,
          optional: true,
        },
      }),
    ],
    'DNS resolution options',
    'Comma-separated options such as `allow-dup-ip`, `ignore-weight` or `prevent-dup-ip`.',
  ),
  opt(
    'resolve-prefer',
    [checkedEnum('family', ['ipv4', 'ipv6'])],
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
    'slowstart',
    [arg('time', 'time', { check: CHECK.time })],
    'Ramp-up time after the server comes back',
    'Weight and connection limit grow progressively over this period after recovery.',
  ),
  opt(
    'sni',
    [arg('expr', 'sample', { check: CHECK.word })],
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
    [arg('address', 'address', { check: CHECK.word })],
    'Reach the server through a SOCKS4 proxy',
    'Address and port of the SOCKS4 proxy used for the server connections.',
  ),
  opt(
    'source',
    [arg('address', 'string', { check: CHECK.word })],
    'Source address for server connections',
    'Local address (and optional port range) used to connect, optionally followed by `usesrc` ' +
      'for transparent proxying and `interface`.',
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
    'track',
    [arg('server', 'reference', { refers: 'server', check: CHECK.word })],
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
    'verifyhost',
    [arg('hostname', 'string', { check: CHECK.word })],
    'Expected host name in the server certificate',
    'Checks that the certificate is valid for this name when verification is on.',
    { ...ssl, negatable: true },
  ),
  opt(
    'weight',
    [
      arg('weight', 'int', {
        min: 0,
        max: 256,
        check: { kind: 'atol', min: 0, max: 256, optional: true },
      }),
    ],
    'Relative share of the load',
    'Load-balancing weight from 0 to 256 (default 1); 0 sends no new traffic.',
  ),
  opt(
    'ws',
    [checkedEnum('mode', ['auto', 'h1', 'h2'])],
    'Protocol used for WebSocket requests',
    'Chooses the protocol for forwarding WebSocket upgrades to this server.',
  ),
];

/** Every `server` / `default-server` / `server-template` option, in name order. */
export const SERVER_OPTIONS: readonly OptionSpec[] = sortedByName([
  ...sharedOptions('server'),
  ...SERVER_ONLY,
]);
