/**
 * Options of HAProxy `bind` lines (manual section 5.1), 2.6 to 3.4, plus the removed ones that
 * old configurations still carry (`process`, `ocsp-update`). Facts come from the keyword lists in
 * ../shared/data and the manual headings; summaries and descriptions are our own words.
 */
import type { ArgSpec, ArgType } from '../../common/catalog.js';
import { HAPROXY_DOC_VERSION, haproxyDocUrl } from './doc-url.js';
import type { OptionValueCheck } from './server-options.js';
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
  /** Manual version used in the link when the option is not in the 3.2 manual. */
  readonly doc?: string;
}

/** `#5.1-<name>` in the 3.2 manual unless told otherwise. */
function bindDocUrl(name: string, version = HAPROXY_DOC_VERSION): string {
  return haproxyDocUrl(version, '5.1', name);
}

function opt(
  name: string,
  args: readonly ArgSpec[],
  summary: string,
  description: string,
  extra: Extra = {},
): OptionSpec {
  const { doc, ...rest } = extra;
  const version = doc ?? (extra.since === '3.4' ? '3.4' : '3.2');
  return { name, args, summary, description, docUrl: bindDocUrl(name, version), ...rest };
}

const ssl = { ssl: true } as const;

function noTls(version: string): OptionSpec {
  const word = version === 'sslv3' ? 'SSLv3' : `TLS ${version.slice(4, 5)}.${version.slice(5)}`;
  return opt(
    `no-${version}`,
    [],
    `Refuse ${word} on this listener`,
    `Takes ${word} out of the protocol versions offered to clients on this listener. ` +
      'Setting a range with `ssl-min-ver` / `ssl-max-ver` is the clearer way to do the same.',
    ssl,
  );
}

function forceTls(version: string): OptionSpec {
  const word = version === 'sslv3' ? 'SSLv3' : `TLS ${version.slice(4, 5)}.${version.slice(5)}`;
  return opt(
    `force-${version}`,
    [],
    `Accept only ${word} on this listener`,
    `Limits the handshake to ${word} alone. Prefer \`ssl-min-ver\` and \`ssl-max-ver\`, which ` +
      'express the same thing as a range.',
    ssl,
  );
}

export const BIND_OPTIONS: readonly OptionSpec[] = [
  opt(
    'accept-netscaler-cip',
    [arg('magic', 'int', { min: 0 })],
    'Expect a NetScaler Client IP header with this magic number',
    'Connections on this listener must begin with a Citrix NetScaler CIP header carrying the given ' +
      'magic number; the client address it conveys replaces the TCP source.',
  ),
  opt(
    'accept-proxy',
    [],
    'Require a PROXY protocol header on incoming connections',
    'Every connection must start with a PROXY protocol v1 or v2 header; the addresses it carries ' +
      'become the connection addresses. Only enable it behind a trusted proxy or load balancer.',
  ),
  opt(
    'allow-0rtt',
    [],
    'Accept TLS 1.3 early data (0-RTT)',
    'Lets clients send data in their first TLS 1.3 flight. Early data can be replayed, so pair it ' +
      'with `wait-for-handshake` for requests that are not idempotent.',
    ssl,
  ),
  opt(
    'alpn',
    [arg('protocols', 'string')],
    'ALPN protocols offered to clients, comma-separated',
    'Comma-separated list of protocol names announced through ALPN during the TLS handshake, ' +
      'for example `h2,http/1.1`. The order expresses preference.',
    ssl,
  ),
  opt(
    'backlog',
    [arg('backlog', 'int', { min: 0 })],
    'Length of the kernel accept queue for this listener',
    'Overrides the listen queue size passed to the kernel for this socket; it defaults to the ' +
      'frontend `backlog` or `maxconn`.',
  ),
  opt(
    'ca-file',
    [arg('cafile', 'path')],
    'CA certificates used to verify client certificates',
    'PEM file (or `@store/name` in recent versions) with the authorities trusted to sign client ' +
      'certificates. Needed when `verify` is `optional` or `required`.',
    ssl,
  ),
  opt(
    'ca-ignore-err',
    [arg('errors', 'word')],
    'CA-chain verification errors to tolerate (`all` or IDs)',
    'Comma-separated list of verification error IDs (or `all`) that are ignored while checking ' +
      'the chain of a client certificate above its leaf.',
    ssl,
  ),
  opt(
    'ca-sign-file',
    [arg('cafile', 'path')],
    'CA used to sign generated certificates',
    'Certificate and key of the authority that signs certificates produced on the fly by ' +
      '`generate-certificates`.',
    ssl,
  ),
  opt(
    'ca-sign-pass',
    [arg('passphrase', 'string')],
    'Passphrase of the `ca-sign-file` key',
    'Passphrase that unlocks the private key given with `ca-sign-file`.',
    ssl,
  ),
  opt(
    'ca-verify-file',
    [arg('cafile', 'path')],
    'Intermediate CAs used only to verify clients',
    'CA certificates used to build and check client chains without being advertised to clients in ' +
      'the CertificateRequest list (unlike `ca-file`).',
    ssl,
  ),
  opt(
    'cc',
    [arg('algo', 'word')],
    'TCP congestion control algorithm for accepted connections',
    'Names the kernel congestion control algorithm (for example `cubic` or `bbr`) to set on ' +
      'connections accepted by this listener.',
    { since: '3.4' },
  ),
  opt(
    'ciphers',
    [arg('ciphers', 'string')],
    'TLS 1.2-and-older cipher list',
    'OpenSSL cipher string used for TLS 1.2 and older handshakes on this listener; overrides ' +
      '`ssl-default-bind-ciphers`.',
    ssl,
  ),
  opt(
    'ciphersuites',
    [arg('ciphersuites', 'string')],
    'TLS 1.3 cipher suites',
    'Colon-separated TLS 1.3 cipher suites for this listener; overrides ' +
      '`ssl-default-bind-ciphersuites`.',
    ssl,
  ),
  opt(
    'client-sigalgs',
    [arg('sigalgs', 'string')],
    'Signature algorithms accepted for client certificates',
    'Colon-separated signature algorithms the listener announces for client certificate ' +
      'authentication.',
    { ...ssl, since: '2.8' },
  ),
  opt(
    'crl-file',
    [arg('crlfile', 'path')],
    'Certificate revocation list for client certificates',
    'PEM file of revocation lists checked when verifying client certificates.',
    ssl,
  ),
  opt(
    'crt',
    [arg('cert', 'path')],
    'Certificate (and key) to serve; a file or a directory',
    'PEM certificate with its key, or a directory of them, presented to clients. Several `crt` ' +
      'options may be given; the one matching the SNI is picked. Relative paths start at ' +
      '`crt-base`.',
    ssl,
  ),
  opt(
    'crt-ignore-err',
    [arg('errors', 'word')],
    'Leaf-certificate verification errors to tolerate (`all` or IDs)',
    'Comma-separated list of verification error IDs (or `all`) ignored when checking the client ' +
      'certificate itself.',
    ssl,
  ),
  opt(
    'crt-list',
    [arg('file', 'path')],
    'File listing certificates with per-certificate SSL settings and SNI filters',
    'Each line of the file names a certificate, optionally followed by bracketed SSL options and ' +
      'SNI filters, which gives per-certificate settings on one listener.',
    ssl,
  ),
  opt(
    'curves',
    [arg('curves', 'string')],
    'Elliptic curves / groups offered for key exchange',
    'Colon-separated list of curves or groups, in order of preference, for this listener.',
    ssl,
  ),
  opt(
    'default-crt',
    [arg('cert', 'path')],
    'Certificate used when no SNI match is found',
    'Names the fallback certificate served when the SNI sent by the client matches no loaded ' +
      'certificate. May be given once per key type.',
    { ...ssl, since: '3.0' },
  ),
  opt(
    'defer-accept',
    [],
    'Wake up only when the client has sent data',
    'Asks the kernel to delay accepting a connection until data arrives (Linux `TCP_DEFER_ACCEPT`). ' +
      'Only useful for protocols where the client speaks first.',
  ),
  opt(
    'ecdhe',
    [arg('curve', 'word')],
    'Named curve for ECDHE key exchange',
    'Single named curve used for ephemeral ECDH; `curves` supersedes it with a list.',
    ssl,
  ),
  opt(
    'ech',
    [arg('dir', 'path')],
    'Enable Encrypted Client Hello with keys from a directory (experimental)',
    'Loads ECH key configurations from the directory so that clients can encrypt their ' +
      'ClientHello. Experimental: needs `expose-experimental-directives`.',
    { ...ssl, since: '3.4' },
  ),
  opt(
    'expose-fd',
    [arg('what', 'enum', { values: ['listeners'] })],
    'Let the stats socket hand listening sockets to a new process',
    'On a stats socket, `expose-fd listeners` allows the listening file descriptors to be passed ' +
      'to a new process during a seamless reload.',
  ),
  forceTls('sslv3'),
  forceTls('tlsv10'),
  forceTls('tlsv11'),
  forceTls('tlsv12'),
  forceTls('tlsv13'),
  opt(
    'generate-certificates',
    [],
    'Create certificates on the fly for unknown SNI values',
    'When no certificate matches the SNI, one is generated and signed with the `ca-sign-file` ' +
      'authority. Mostly used for interception setups.',
    ssl,
  ),
  opt(
    'gid',
    [arg('gid', 'int', { min: 0 })],
    'Group id owning a UNIX socket',
    'Numeric group that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'group',
    [arg('group', 'word')],
    'Group name owning a UNIX socket',
    'Group, by name, that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'guid-prefix',
    [arg('prefix', 'string')],
    'Prefix for the global ids of the listeners of this line',
    'Each listener created by the line gets a GUID built from this prefix and its position.',
    { since: '3.0' },
  ),
  opt(
    'id',
    [arg('id', 'int', { min: 1 })],
    'Numeric id of the listening socket',
    'Sets the persistent socket id reported in statistics and by `so_id`; it must be unique in ' +
      'the frontend.',
  ),
  opt(
    'idle-ping',
    [arg('delay', 'time')],
    'Ping idle client connections (HTTP/2, QUIC) after this delay',
    'Sends protocol-level pings on frontend connections that stay idle for the given delay, to ' +
      'detect dead peers early.',
    { since: '3.2' },
  ),
  opt(
    'interface',
    [arg('interface', 'interface')],
    'Bind the listener to a network interface',
    'Restricts the socket to one network interface (Linux `SO_BINDTODEVICE`).',
  ),
  opt(
    'ktls',
    [arg('state', 'enum', { values: ['on', 'off'] })],
    'Use kernel TLS offload (experimental)',
    'Lets the kernel handle record encryption once the handshake is done. Experimental.',
    { ...ssl, since: '3.4' },
  ),
  opt(
    'label',
    [arg('label', 'word')],
    'Label shown for the listener, e.g. in traces',
    'Free label attached to the listeners of this line so that they can be told apart.',
    { since: '3.2' },
  ),
  opt(
    'level',
    [arg('level', 'enum', { values: ['user', 'operator', 'admin'] })],
    'Privilege level of a stats/CLI socket',
    'On a stats socket, limits the commands available: `user` reads, `operator` may change some ' +
      'settings, `admin` may do everything.',
  ),
  opt(
    'maxconn',
    [arg('maxconn', 'int', { min: 0 })],
    'Maximum concurrent connections on this listener',
    'Caps the connections accepted by each socket of this line; extra ones wait in the kernel ' +
      'backlog.',
  ),
  opt(
    'mode',
    [arg('mode', 'word')],
    'Permissions (octal) of a UNIX socket',
    'File mode, in octal, applied to the UNIX socket created by this bind line.',
  ),
  opt(
    'mss',
    [arg('maxseg', 'int')],
    'TCP maximum segment size to advertise',
    'Sets the MSS announced on accepted connections; a negative value only lowers the system ' +
      'default.',
  ),
  opt(
    'name',
    [arg('name', 'string')],
    'Name of the listener in statistics and logs',
    'Names the sockets created by this line; visible in the stats page and `so_name`.',
  ),
  opt(
    'namespace',
    [arg('name', 'word')],
    'Network namespace in which to create the socket',
    'Creates the listening socket in the named network namespace (Linux).',
  ),
  opt(
    'nbconn',
    [arg('count', 'int', { min: 1 })],
    'Number of pre-established connections for reverse HTTP (experimental)',
    'On an `rhttp@` listener, how many reverse connections to keep open to the remote server. ' +
      'Experimental.',
    { since: '3.0' },
  ),
  opt(
    'nice',
    [arg('nice', 'int', { min: -1024, max: 1024 })],
    "Scheduling priority of this listener's tasks",
    'Positive values make the connections of this listener yield to others; negative values favour ' +
      'them (useful for the stats socket).',
  ),
  opt(
    'no-alpn',
    [],
    'Do not offer ALPN at all',
    'Disables ALPN on this listener, including defaults inherited from global settings.',
    { ...ssl, since: '2.8' },
  ),
  opt(
    'no-ca-names',
    [],
    'Do not send the list of accepted CAs to clients',
    'Omits the CA names from the certificate request, which keeps the handshake small when many ' +
      'CAs are trusted.',
    ssl,
  ),
  noTls('sslv3'),
  opt(
    'no-strict-sni',
    [],
    'Cancel an inherited `strict-sni`',
    'Allows the default certificate to be served again when no SNI matches.',
    { ...ssl, since: '3.2' },
  ),
  opt(
    'no-tls-tickets',
    [],
    'Disable TLS session tickets',
    'Prevents session resumption through stateless tickets; the session cache is still used.',
    ssl,
  ),
  noTls('tlsv10'),
  noTls('tlsv11'),
  noTls('tlsv12'),
  noTls('tlsv13'),
  opt(
    'npn',
    [arg('protocols', 'string')],
    'NPN protocols offered to clients (obsolete, use ALPN)',
    'Comma-separated protocols announced through the old NPN extension. Modern clients only use ' +
      'ALPN.',
    ssl,
  ),
  opt(
    'ocsp-update',
    [arg('state', 'enum', { values: ['on', 'off'] })],
    'Automatic OCSP response refresh (2.8 only on bind lines)',
    'In 2.8 this could be set on bind lines; since 3.0 it belongs to `crt-list` lines or ' +
      '`crt-store` entries.',
    {
      ...ssl,
      since: '2.8',
      doc: '2.8',
      removed: {
        since: '3.0',
        replacement: 'ocsp-update in crt-list / crt-store',
        note: 'Moved out of bind lines in 3.0.',
      },
    },
  ),
  opt(
    'prefer-client-ciphers',
    [],
    "Honour the client's cipher preference order",
    "Uses the order of the client's cipher list instead of the server's when choosing a cipher.",
    ssl,
  ),
  opt(
    'process',
    [arg('set', 'word')],
    'Process/thread set for the listener (removed, use `thread`)',
    'Selected which processes or threads served the socket. It had no effect in 2.6 and was ' +
      'removed in 2.7.',
    {
      doc: '2.6',
      deprecated: { since: '2.6', replacement: 'thread' },
      removed: {
        since: '2.8',
        replacement: 'thread',
        note: 'Rejected from 2.7 on: "please use \'thread\' instead".',
      },
    },
  ),
  opt(
    'proto',
    [arg('name', 'word')],
    'Force the multiplexer protocol (e.g. h2, quic)',
    'Skips protocol detection and uses the named multiplexer for every connection, e.g. `h2` for ' +
      'clear-text HTTP/2.',
  ),
  opt(
    'quic-cc-algo',
    [arg('algo', 'word')],
    'QUIC congestion control algorithm, optionally with parameters',
    'One of `cubic`, `newreno`, `bbr` (recent versions) or `nocc`, possibly followed by ' +
      'parenthesised parameters such as a window size.',
    { since: '2.6' },
  ),
  opt(
    'quic-force-retry',
    [],
    'Always send a QUIC Retry to validate client addresses',
    'Forces address validation with a Retry packet for every new QUIC connection.',
    { since: '2.6' },
  ),
  opt(
    'quic-socket',
    [arg('mode', 'enum', { values: ['connection', 'listener'] })],
    'One socket per QUIC connection or a shared listener socket',
    'Chooses whether each QUIC connection gets its own UDP socket or shares the listener one.',
    { since: '3.0' },
  ),
  opt(
    'severity-output',
    [arg('format', 'enum', { values: ['none', 'number', 'string'] })],
    'How the CLI prefixes messages with their severity',
    'On a stats socket, reports the severity of responses as a number, a word, or not at all.',
  ),
  opt(
    'shards',
    [arg('shards', 'word')],
    'Split the listener into several sockets (number, by-thread, by-group)',
    'Creates several identical sockets so that the kernel spreads incoming connections between ' +
      'thread groups or threads.',
  ),
  opt(
    'sigalgs',
    [arg('sigalgs', 'string')],
    'Signature algorithms for the TLS handshake',
    'Colon-separated signature algorithms accepted in the handshake on this listener.',
    { ...ssl, since: '2.8' },
  ),
  opt(
    'ssl',
    [],
    'Terminate SSL/TLS on this listener',
    'Enables TLS on the sockets of this line. A certificate must be provided with `crt`, ' +
      '`crt-list` or a default.',
    ssl,
  ),
  opt(
    'ssl-max-ver',
    [arg('version', 'enum', { values: TLS_VERSIONS })],
    'Highest TLS version accepted',
    'Upper bound of the protocol versions negotiated with clients.',
    ssl,
  ),
  opt(
    'ssl-min-ver',
    [arg('version', 'enum', { values: TLS_VERSIONS })],
    'Lowest TLS version accepted',
    'Lower bound of the protocol versions negotiated with clients.',
    ssl,
  ),
  opt(
    'strict-sni',
    [],
    'Refuse handshakes whose SNI matches no certificate',
    'Without a matching certificate the handshake fails instead of using the default one.',
    { ...ssl, negatable: true },
  ),
  opt(
    'tcp-md5sig',
    [arg('password', 'string')],
    'TCP MD5 signature password (RFC 2385)',
    'Enables TCP MD5 signatures on accepted connections with the given shared password.',
    { since: '3.4' },
  ),
  opt(
    'tcp-ss',
    [arg('mode', 'word')],
    'Save the client SYN for later inspection',
    'Controls whether the kernel keeps the SYN packet of accepted connections so that fetches ' +
      'such as `fc_saved_syn` can read it.',
    { since: '3.4' },
  ),
  opt(
    'tcp-ut',
    [arg('delay', 'time')],
    'TCP user timeout for accepted connections',
    'Sets `TCP_USER_TIMEOUT` so that a dead client is detected after the given time without ' +
      'acknowledgements.',
  ),
  opt(
    'tfo',
    [],
    'Enable TCP Fast Open',
    'Lets clients send data in their SYN. The kernel must allow it.',
  ),
  opt(
    'thread',
    [arg('set', 'word')],
    'Threads (and thread groups) serving this listener',
    'Restricts the listener to a thread set such as `1-4`, `odd`, `all` or `2/1-8`.',
  ),
  opt(
    'tls-ticket-keys',
    [arg('keyfile', 'path')],
    'File of TLS ticket encryption keys',
    'Base64 keys used to encrypt session tickets; sharing the file lets several nodes resume each ' +
      "other's sessions.",
    ssl,
  ),
  opt(
    'tls-tickets',
    [],
    'Re-enable TLS session tickets',
    'Cancels an inherited `no-tls-tickets`.',
    { ...ssl, since: '3.2', negatable: true },
  ),
  opt(
    'transparent',
    [],
    'Accept connections for non-local addresses (TPROXY)',
    'Lets the socket receive traffic sent to addresses the host does not own; needs kernel ' +
      'transparent proxy support and privileges.',
  ),
  opt(
    'uid',
    [arg('uid', 'int', { min: 0 })],
    'User id owning a UNIX socket',
    'Numeric user that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'user',
    [arg('user', 'word')],
    'User name owning a UNIX socket',
    'User, by name, that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'v4v6',
    [],
    'Accept IPv4 and IPv6 on an IPv6 socket',
    'Makes an IPv6 wildcard socket also receive IPv4 connections, whatever the system default.',
  ),
  opt(
    'v6only',
    [],
    'Accept only IPv6 on an IPv6 socket',
    'Makes an IPv6 wildcard socket ignore IPv4 connections.',
  ),
  opt(
    'verify',
    [arg('mode', 'enum', { values: ['none', 'optional', 'required'] })],
    'Client certificate verification mode',
    '`none` asks for no certificate, `optional` checks one if sent, `required` refuses clients ' +
      'without a valid one. Needs `ca-file` for the last two.',
    ssl,
  ),
];

const WORD: OptionValueCheck = { kind: 'word' };
const TLS_VERSION: OptionValueCheck = { kind: 'enum', values: TLS_VERSIONS };

/** Value parsing of `bind` options (2.6 behaviour, see {@link OptionValueCheck}). */
export const BIND_VALUE_CHECKS: ReadonlyMap<string, OptionValueCheck> = new Map<
  string,
  OptionValueCheck
>([
  ['accept-netscaler-cip', WORD],
  ['alpn', WORD],
  ['backlog', { kind: 'atol', min: 0 }],
  ['ca-file', WORD],
  ['ca-ignore-err', WORD],
  ['ca-sign-file', WORD],
  ['ca-sign-pass', WORD],
  ['ca-verify-file', WORD],
  ['ciphers', WORD],
  ['ciphersuites', WORD],
  ['crl-file', WORD],
  ['crt', WORD],
  ['crt-ignore-err', WORD],
  ['crt-list', WORD],
  ['curves', WORD],
  ['ecdhe', WORD],
  ['expose-fd', { kind: 'enum', values: ['listeners'] }],
  ['gid', WORD],
  ['group', WORD],
  ['id', { kind: 'integer', min: 1 }],
  ['interface', WORD],
  ['level', { kind: 'enum', values: ['user', 'operator', 'admin'] }],
  ['maxconn', { kind: 'atol', min: 0 }],
  ['mode', WORD],
  ['mss', { kind: 'atol', min: 1, max: 65535, abs: true }],
  ['name', WORD],
  ['namespace', WORD],
  ['nice', WORD],
  ['npn', WORD],
  ['process', WORD],
  ['proto', { kind: 'mux' }],
  ['severity-output', { kind: 'enum', values: ['none', 'number', 'string'] }],
  ['shards', { kind: 'shards' }],
  ['ssl-max-ver', TLS_VERSION],
  ['ssl-min-ver', TLS_VERSION],
  ['tcp-ut', { kind: 'time' }],
  ['thread', WORD],
  ['tls-ticket-keys', WORD],
  ['uid', WORD],
  ['user', WORD],
  ['verify', { kind: 'enum', values: ['none', 'optional', 'required'] }],
]);
