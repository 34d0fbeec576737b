/** LVS blocks: virtual_server, real_server, the health checkers and SSL. */
import type { ArgSpec } from '../../common/catalog.js';
import {
  addr,
  dep,
  enumv,
  iface,
  int,
  kw,
  lvsMethodArgs,
  optBool,
  path,
  port,
  ref,
  rest,
  script,
  str,
  time,
  userGroup,
  word,
} from './build.js';
import type { Extra } from './build.js';
import type { KeepalivedKeywordSpec } from './types.js';

const VS = 'virtual_server';
const RS = 'real_server';
/** Checkers that open a connection and share the common connection keywords. */
const CONN = [
  'TCP_CHECK',
  'HTTP_GET',
  'SSL_GET',
  'SMTP_CHECK',
  'DNS_CHECK',
  'PING_CHECK',
  'UDP_CHECK',
  'host',
];
const HTTP = ['HTTP_GET', 'SSL_GET'];

/** Every health checker block a `real_server` may hold. */
export const REAL_SERVER_CHECKERS: ReadonlySet<string> = new Set([
  'HTTP_GET',
  'SSL_GET',
  'TCP_CHECK',
  'MISC_CHECK',
  'SMTP_CHECK',
  'DNS_CHECK',
  'BFD_CHECK',
  'UDP_CHECK',
  'PING_CHECK',
  'FILE_CHECK',
]);

const v = (
  name: string,
  sections: readonly string[],
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): KeepalivedKeywordSpec => kw('virtual-server', name, sections, args, summary, description, extra);

const SCHEDULERS = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'sh',
  'mh',
  'dh',
  'fo',
  'ovf',
  'sed',
  'nq',
  'twos',
];
const SCHED1 = { guard: 'IP_VS_SVC_F_SCHED1' } as const;

/** Keywords valid at several levels (virtual server default → real server → checker). */
export const LVS_SHARED_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v(
    'retry',
    [VS, RS, ...CONN, 'MISC_CHECK'],
    [int('count', 0)],
    'Retries before a real server is marked down.',
    'Number of extra attempts after a failed check (default 1, 3 for DNS_CHECK, 0 for MISC_CHECK); a virtual or real server value is the default for its checkers.',
  ),
  v(
    'delay_before_retry',
    [VS, RS, ...CONN, 'MISC_CHECK'],
    [time('seconds', 0)],
    'Pause between retries.',
    'Seconds to wait before retrying a failed check (default 1, 3 for HTTP/SSL, delay_loop for DNS).',
  ),
  v(
    'warmup',
    [VS, RS, ...CONN, 'MISC_CHECK'],
    [time('seconds', 0)],
    'Random delay before the first check.',
    'The first check starts after a random delay up to this value (default delay_loop, 0 disables), to spread load.',
  ),
  v(
    'delay_loop',
    [VS, RS, ...CONN, 'MISC_CHECK'],
    [time('seconds', 0)],
    'Interval between checks.',
    'Seconds between two health checks of a real server (default 60).',
  ),
  v(
    'connect_timeout',
    [VS, RS, ...CONN],
    [time('seconds', 0)],
    'Connection timeout of checks.',
    'Seconds a check may take to connect and complete (default 5).',
  ),
  v(
    'alpha',
    [VS, RS, ...CONN, 'MISC_CHECK', 'BFD_CHECK'],
    [optBool],
    'Start with real servers considered down.',
    'Alpha mode: servers only enter the pool after their first successful check, avoiding false positives at startup.',
  ),
  v(
    'log_all_failures',
    [...CONN, 'MISC_CHECK'],
    [optBool],
    'Log every failed check.',
    'Logs each failure of this checker while it is up, not only the state change.',
  ),
  v(
    'virtualhost',
    [VS, RS, ...HTTP, 'url'],
    [str('host')],
    'Host header for HTTP/SSL checks.',
    'Host name sent in HTTP_GET/SSL_GET requests; the most specific level (url, checker, real server, virtual server) wins.',
  ),
  v(
    'smtp_alert',
    [VS, RS],
    [optBool],
    'E-mail on state changes.',
    'Sends alert e-mails on quorum changes (virtual server) or state changes (real server); default from the global settings.',
  ),
  v(
    'snmp_name',
    [VS, RS],
    [str('name')],
    'Label shown in SNMP data.',
    'Free text returned in SNMP output to identify this server.',
    { guard: '_WITH_SNMP_CHECKER_' },
  ),
  v(
    'inhibit_on_failure',
    [VS, RS],
    [optBool],
    'Set weight 0 instead of removing a failed server.',
    'Keeps a failed real server in IPVS with weight 0 so existing connections can finish.',
  ),
  v(
    'lvs_method',
    [VS, RS],
    lvsMethodArgs,
    'Forwarding method.',
    'NAT, DR or TUN (tunnel type `ipip`, `gue port <n>` or `gre`, checksum `nocsum|csum|remcsum`). Real servers default to the virtual server value, which defaults to NAT.',
  ),
];

const C = (
  name: string,
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): KeepalivedKeywordSpec => v(name, CONN, args, summary, description, extra);

export const CONNECTION_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  C(
    'connect_ip',
    [addr('address')],
    'Address to check.',
    'Target of the check (default the real server address).',
  ),
  C(
    'connect_port',
    [port()],
    'Port to check.',
    'Target port of the check (default the real server port).',
  ),
  C(
    'bindto',
    [addr('address')],
    'Source address of checks.',
    'Local address checks are sent from.',
  ),
  C('bind_port', [port()], 'Source port of checks.', 'Local port checks are sent from.'),
  C(
    'bind_if',
    [iface()],
    'Source interface of checks.',
    'Interface to use, needed for an IPv6 link-local bindto address.',
  ),
  C(
    'fwmark',
    [int('mark', 0)],
    'Firewall mark of check packets.',
    'Marks outgoing check packets with this fwmark.',
    { guard: '_WITH_SO_MARK_' },
  ),
];

const V = [VS];
export const VIRTUAL_SERVER_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v(
    'ip_family',
    V,
    [enumv('family', ['inet', 'inet6'])],
    'Address family of a fwmark service.',
    'Only needed for fwmark services whose real servers are all tunnelled and no granularity is set (default inet).',
  ),
  v(
    'lvs_sched',
    V,
    [enumv('scheduler', SCHEDULERS)],
    'IPVS scheduler.',
    'Scheduling algorithm, as in `ipvsadm -s` (rr, wrr, lc, wlc, sh, mh, …).',
  ),
  v(
    'lb_algo',
    V,
    [enumv('scheduler', SCHEDULERS)],
    'Old name of lvs_sched.',
    'Same as `lvs_sched`.',
    { aliasOf: 'lvs_sched' },
  ),
  v('lb_kind', V, lvsMethodArgs, 'Old name of lvs_method.', 'Same as `lvs_method`.', {
    aliasOf: 'lvs_method',
  }),
  v('hashed', V, [], 'Set the IPVS hashed flag.', 'Sets the hashed service flag.'),
  v(
    'ops',
    V,
    [],
    'One-packet scheduling.',
    'Schedules every UDP datagram independently (`ipvsadm -o`).',
  ),
  v('flag-1', V, [], 'Scheduler flag 1.', 'Enables scheduler flag 1 (`-b flag-1`).', SCHED1),
  v('flag-2', V, [], 'Scheduler flag 2.', 'Enables scheduler flag 2 (`-b flag-2`).', SCHED1),
  v('flag-3', V, [], 'Scheduler flag 3.', 'Enables scheduler flag 3 (`-b flag-3`).', SCHED1),
  v(
    'sh-port',
    V,
    [],
    'Include the port in sh hashing.',
    'Source-hash scheduler also hashes the source port.',
    SCHED1,
  ),
  v(
    'sh-fallback',
    V,
    [],
    'sh falls back on unavailable servers.',
    'Source-hash scheduler picks another server when the chosen one is unavailable.',
    SCHED1,
  ),
  v(
    'mh-port',
    V,
    [],
    'Include the port in mh hashing.',
    'Maglev-hash scheduler also hashes the source port.',
    SCHED1,
  ),
  v(
    'mh-fallback',
    V,
    [],
    'mh falls back on unavailable servers.',
    'Maglev-hash scheduler picks another server when the chosen one is unavailable.',
    SCHED1,
  ),
  v(
    'persistence_engine',
    V,
    [word('engine')],
    'Persistence engine.',
    'IPVS persistence engine module (only `sip` exists).',
  ),
  v(
    'persistence_timeout',
    V,
    [int('seconds', 1, undefined, { optional: true })],
    'Make the service persistent.',
    'Clients stick to the same real server for this many seconds (default 360 when given without a value).',
  ),
  v(
    'persistence_granularity',
    V,
    [addr('netmask')],
    'Persistence netmask.',
    'Clients within this mask share persistence (`ipvsadm -M`).',
  ),
  v(
    'protocol',
    V,
    [enumv('protocol', ['TCP', 'UDP', 'SCTP'])],
    'Layer 4 protocol.',
    'Protocol of the virtual service (default TCP).',
  ),
  v(
    'ha_suspend',
    V,
    [],
    'Pause checks while the VIP is absent.',
    'Suspends health checks when the virtual address is not configured on this host.',
  ),
  v(
    'omega',
    V,
    [],
    'Run down notifications at shutdown.',
    'On exit, runs quorum and real server down notifiers where they apply.',
  ),
  v(
    'quorum',
    V,
    [int('weight', 0)],
    'Minimum live weight for the service.',
    'Total weight of live real servers needed for the service to be up (default 1).',
  ),
  v(
    'hysteresis',
    V,
    [int('weight', 0)],
    'Quorum flap damping.',
    'Weight margin around the quorum before gain or loss is declared (default 0).',
  ),
  v(
    'quorum_up',
    V,
    script,
    'Script run when quorum is gained.',
    'Command started when the live weight reaches the quorum.',
  ),
  v(
    'quorum_down',
    V,
    script,
    'Script run when quorum is lost.',
    'Command started when the live weight falls below the quorum.',
  ),
  v(
    'weight',
    V,
    [int('weight', 0, 2147483647)],
    'Default weight of real servers.',
    'Weight given to real servers that do not set their own.',
  ),
  v(
    'sorry_server',
    V,
    [addr('address'), port('port', { optional: true })],
    'Fallback server when quorum is lost.',
    'Server put in the pool (replacing all real servers) when the quorum is not reached.',
  ),
  v(
    'sorry_server_inhibit',
    V,
    [],
    'inhibit_on_failure for the sorry server.',
    'Applies inhibit_on_failure behaviour to the sorry server; rarely wanted.',
  ),
  v(
    'sorry_server_lvs_method',
    V,
    lvsMethodArgs,
    'Forwarding method of the sorry server.',
    'NAT, DR or TUN for the sorry server (default: the virtual server method).',
  ),
  v(
    'real_server',
    V,
    // keepalived 2.2.7 -t accepts port 0 for a real server.
    [addr('address'), { ...port('port', { optional: true }), min: 0 }],
    'A backend of the service.',
    'Declares a real server with its weight, thresholds, notifications and health checkers.',
    { blockContext: RS },
  ),
];

const R = [RS];
const checker = (
  name: string,
  summary: string,
  description: string,
  extra: Extra = {},
): KeepalivedKeywordSpec => v(name, R, [], summary, description, { blockContext: name, ...extra });

export const REAL_SERVER_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v(
    'weight',
    R,
    [int('weight', 0, 2147483647)],
    'IPVS weight (0…2147483647).',
    'Relative share of connections this server receives (default 1).',
  ),
  v(
    'uthreshold',
    R,
    [int('connections', 0)],
    'Upper connection limit.',
    'IPVS stops sending new connections above this many.',
  ),
  v(
    'lthreshold',
    R,
    [int('connections', 0)],
    'Lower connection limit.',
    'Connections resume once below this many after the upper limit was hit.',
  ),
  v(
    'notify_up',
    R,
    script,
    'Script run when the server comes up.',
    'Command started when the checkers declare the server alive.',
  ),
  v(
    'notify_down',
    R,
    script,
    'Script run when the server goes down.',
    'Command started when the checkers declare the server dead.',
  ),
  checker(
    'HTTP_GET',
    'HTTP health check.',
    'Fetches one or more URLs and compares status code, digest or content.',
  ),
  checker(
    'SSL_GET',
    'HTTPS health check.',
    'Like HTTP_GET over TLS, using the SSL block for the client context.',
  ),
  checker('TCP_CHECK', 'TCP connect check.', 'The server is alive when a TCP connection succeeds.'),
  checker('SMTP_CHECK', 'SMTP health check.', 'Connects and exchanges HELO with an SMTP server.'),
  checker('DNS_CHECK', 'DNS health check.', 'Sends a DNS query over UDP and expects an answer.'),
  checker(
    'MISC_CHECK',
    'Script health check.',
    'Runs a program whose exit status decides the health (and optionally the weight).',
  ),
  checker('BFD_CHECK', 'BFD session check.', 'Follows the state of a bfd_instance.', {
    guard: '_WITH_BFD_',
  }),
  checker('PING_CHECK', 'ICMP echo check.', 'The server is alive when it answers pings.'),
  checker(
    'UDP_CHECK',
    'UDP health check.',
    'Sends a datagram; ICMP errors or a wrong reply mark the server down.',
  ),
  checker(
    'FILE_CHECK',
    'Tracked-file check.',
    'Uses the value of a track_file to mark the server down or adjust its weight.',
  ),
];

export const HTTP_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v(
    'nb_get_retry',
    HTTP,
    [int('count', 0)],
    'Old name of retry.',
    'Former spelling of `retry` for HTTP checks.',
    { deprecated: dep('2.0', 'retry') },
  ),
  v(
    'http_protocol',
    HTTP,
    [enumv('version', ['1.0', '1.0C', '1.0c', '1.1'])],
    'HTTP version of requests.',
    '1.0, 1.0C (1.0 plus `Connection: close`) or 1.1.',
  ),
  v(
    'enable_sni',
    HTTP,
    [optBool],
    'Send SNI in the TLS handshake.',
    'Sends the server name indication (the virtualhost, or sni_name).',
    { guard: '_HAVE_SSL_SET_TLSEXT_HOST_NAME_' },
  ),
  v(
    'sni_name',
    HTTP,
    [str('name')],
    'Name sent as SNI.',
    'Server name indication to send instead of the virtual host.',
    { guard: '_HAVE_SSL_SET_TLSEXT_HOST_NAME_', since: '2.4' },
  ),
  v(
    'fast_recovery',
    HTTP,
    [optBool],
    'Check all URLs without delay on recovery.',
    'At startup or after a failure, checks the URLs back to back so the server returns sooner.',
  ),
  v(
    'tls_compliant',
    [...HTTP, 'url'],
    [optBool],
    'Close TLS with close_notify.',
    'Ends TLS sessions properly with a close_notify alert (SSL_GET).',
    { since: '2.2.8' },
  ),
  v(
    'url',
    HTTP,
    [],
    'A URL to check.',
    'One URL with its expected status, digest or regex; several may be given.',
    { blockContext: 'url' },
  ),
];

const U = ['url'];
const REGEX = { guard: '_WITH_REGEX_CHECK_' } as const;
export const URL_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v('path', U, [str('path')], 'Path to request.', 'Path of the URL, such as `/` or `/health`.'),
  v(
    'digest',
    U,
    [word('md5')],
    'Expected MD5 of the body.',
    'Hex MD5 digest the response body must have (compute it with genhash).',
  ),
  v(
    'status_code',
    U,
    [word('code|range', { variadic: true })],
    'Accepted status codes.',
    'Codes or ranges such as `200-299 503` (default 200-299).',
  ),
  v(
    'regex',
    U,
    [str('pattern')],
    'Pattern the body must match.',
    'PCRE2 regular expression searched in the response.',
    REGEX,
  ),
  v('regex_no_match', U, [], 'Fail when the pattern matches.', 'Inverts the regex test.', REGEX),
  v(
    'regex_options',
    U,
    [word('option', { variadic: true })],
    'PCRE2 options.',
    'Space-separated PCRE2 options such as `caseless multiline`.',
    REGEX,
  ),
  v(
    'regex_min_offset',
    U,
    [int('offset', 0)],
    'Start of the searched region.',
    'Offset in the body where matching starts.',
    REGEX,
  ),
  v(
    'regex_max_offset',
    U,
    [int('offset', 0)],
    'Latest start of a match.',
    'Highest offset at which a match may begin.',
    REGEX,
  ),
  v(
    'regex_stack',
    U,
    [int('start', 0), int('max', 0)],
    'JIT stack sizes.',
    'Initial and maximum PCRE2 JIT stack size in bytes for complex patterns.',
    { guard: '_WITH_REGEX_CHECK_ && !PCRE2_DONT_USE_JIT' },
  ),
];

export const OTHER_CHECKER_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  v(
    'helo_name',
    ['SMTP_CHECK'],
    [str('name')],
    'Name sent in HELO.',
    'HELO argument of the SMTP check.',
  ),
  v(
    'host',
    ['SMTP_CHECK'],
    [],
    'Additional SMTP target.',
    'Old way to check several hosts in one SMTP_CHECK; define more SMTP_CHECK blocks instead.',
    {
      blockContext: 'host',
      guard: 'WITH_HOST_ENTRIES',
      deprecated: dep(
        '2.0',
        'another SMTP_CHECK block',
        'keepalived logs that the SMTP_CHECK host block is deprecated.',
      ),
    },
  ),
  v(
    'type',
    ['DNS_CHECK'],
    [enumv('type', ['A', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'AAAA'])],
    'DNS query type.',
    'Record type queried (default SOA).',
  ),
  v(
    'name',
    ['DNS_CHECK'],
    [str('domain')],
    'Domain queried.',
    'Name looked up by the DNS check (default `.`).',
  ),
  v(
    'misc_path',
    ['MISC_CHECK'],
    [{ name: 'command', type: 'command' }, rest('arguments')],
    'Program to run.',
    'Command line of the check; exit 0 is healthy, 1 failed, and with misc_dynamic 2–255 also set the weight.',
  ),
  v(
    'misc_timeout',
    ['MISC_CHECK'],
    [int('seconds', 0)],
    'Time limit of the program.',
    'The program is killed and the check fails after this many seconds.',
  ),
  v(
    'misc_dynamic',
    ['MISC_CHECK'],
    [],
    'Exit status sets the weight.',
    'Exit codes 2–255 mark the server up and adjust its weight to the code minus 2.',
  ),
  v(
    'user',
    ['MISC_CHECK'],
    userGroup,
    'User and group running the program.',
    'Overrides the global script_user for this check.',
  ),
  v(
    'payload',
    ['UDP_CHECK'],
    [word('hex', { variadic: true })],
    'Data sent in the datagram.',
    'Hex bytes to send; a random payload is used otherwise.',
  ),
  v(
    'require_reply',
    ['UDP_CHECK'],
    [word('hex', { optional: true, variadic: true })],
    'Expect a reply.',
    'A reply is required; when hex is given its leading bytes must match (x is a wildcard nibble).',
  ),
  v(
    'min_reply_length',
    ['UDP_CHECK'],
    [int('bytes', 0)],
    'Shortest acceptable reply.',
    'Minimum reply length (default 0).',
  ),
  v(
    'max_reply_length',
    ['UDP_CHECK'],
    [int('bytes', 0)],
    'Longest acceptable reply.',
    'Maximum reply length (default 255).',
  ),
  v(
    'track_file',
    ['FILE_CHECK'],
    [ref('track file', 'track_file')],
    'track_file to follow.',
    'Name of the track_file block whose value drives this checker.',
  ),
  v(
    'weight',
    ['FILE_CHECK'],
    [int('weight', -2147483647, 2147483647), rest('reverse')],
    'Multiplier for the file value.',
    'The file value times this weight is added to the real server weight; `reverse` inverts it.',
  ),
  v(
    'name',
    ['BFD_CHECK'],
    [ref('bfd instance', 'bfd_instance')],
    'BFD session to follow.',
    'Name of the bfd_instance whose state decides the health.',
  ),
];

const SSLC = ['SSL'];
export const SSL_KEYWORDS: readonly KeepalivedKeywordSpec[] = [
  kw(
    'ssl',
    'password',
    SSLC,
    [str('password')],
    'Password of the private key.',
    'Passphrase protecting the key file.',
  ),
  kw(
    'ssl',
    'ca',
    SSLC,
    [path('file')],
    'CA certificate file.',
    'Certificate authority file used to verify servers.',
  ),
  kw(
    'ssl',
    'certificate',
    SSLC,
    [path('file')],
    'Client certificate file.',
    'Certificate presented by SSL_GET checks.',
  ),
  kw(
    'ssl',
    'key',
    SSLC,
    [path('file')],
    'Client private key file.',
    'Private key matching the certificate.',
  ),
];
