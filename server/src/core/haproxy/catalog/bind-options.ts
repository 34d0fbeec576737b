/**
 * Options of HAProxy `bind` lines (manual section 5.1), 2.6 to 3.4, plus the removed ones that
 * old configurations still carry (`process`, `ocsp-update`). The options server lines have too
 * (TLS settings, `id`, `maxconn`, `proto`, …) are recorded once in shared-options.ts; this file
 * holds the listener-only ones. Facts come from the keyword lists in ../shared/data, the manual
 * headings and `haproxy -c` of Debian's 2.6.12 (the value checks); summaries and descriptions
 * are our own words.
 */
import {
  arg,
  CHECK,
  checkedEnum,
  optionBuilder,
  sharedOptions,
  sortedByName,
} from './shared-options.js';
import type { OptionSpec } from './types.js';

const opt = optionBuilder('bind');

const ssl = { ssl: true } as const;

const BIND_ONLY: readonly OptionSpec[] = [
  opt(
    'accept-netscaler-cip',
    [arg('magic', 'int', { min: 0, check: CHECK.word })],
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
    'backlog',
    [arg('backlog', 'int', { min: 0, check: { kind: 'atol', min: 0 } })],
    'Length of the kernel accept queue for this listener',
    'Overrides the listen queue size passed to the kernel for this socket; it defaults to the ' +
      'frontend `backlog` or `maxconn`.',
  ),
  opt(
    'ca-ignore-err',
    [arg('errors', 'word', { check: CHECK.word })],
    'CA-chain verification errors to tolerate (`all` or IDs)',
    'Comma-separated list of verification error IDs (or `all`) that are ignored while checking ' +
      'the chain of a client certificate above its leaf.',
    ssl,
  ),
  opt(
    'ca-sign-file',
    [arg('cafile', 'path', { check: CHECK.word })],
    'CA used to sign generated certificates',
    'Certificate and key of the authority that signs certificates produced on the fly by ' +
      '`generate-certificates`.',
    ssl,
  ),
  opt(
    'ca-sign-pass',
    [arg('passphrase', 'string', { check: CHECK.word })],
    'Passphrase of the `ca-sign-file` key',
    'Passphrase that unlocks the private key given with `ca-sign-file`.',
    ssl,
  ),
  opt(
    'ca-verify-file',
    [arg('cafile', 'path', { check: CHECK.word })],
    'Intermediate CAs used only to verify clients',
    'CA certificates used to build and check client chains without being advertised to clients in ' +
      'the CertificateRequest list (unlike `ca-file`).',
    ssl,
  ),
  opt(
    'crt-ignore-err',
    [arg('errors', 'word', { check: CHECK.word })],
    'Leaf-certificate verification errors to tolerate (`all` or IDs)',
    'Comma-separated list of verification error IDs (or `all`) ignored when checking the client ' +
      'certificate itself.',
    ssl,
  ),
  opt(
    'crt-list',
    [arg('file', 'path', { check: CHECK.word })],
    'File listing certificates with per-certificate SSL settings and SNI filters',
    'Each line of the file names a certificate, optionally followed by bracketed SSL options and ' +
      'SNI filters, which gives per-certificate settings on one listener.',
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
    [arg('curve', 'word', { check: CHECK.word })],
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
    [checkedEnum('what', ['listeners'])],
    'Let the stats socket hand listening sockets to a new process',
    'On a stats socket, `expose-fd listeners` allows the listening file descriptors to be passed ' +
      'to a new process during a seamless reload.',
  ),
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
    [arg('gid', 'int', { min: 0, check: CHECK.word })],
    'Group id owning a UNIX socket',
    'Numeric group that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'group',
    [arg('group', 'word', { check: CHECK.word })],
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
    'interface',
    [arg('interface', 'interface', { check: CHECK.word })],
    'Bind the listener to a network interface',
    'Restricts the socket to one network interface (Linux `SO_BINDTODEVICE`).',
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
    [checkedEnum('level', ['user', 'operator', 'admin'])],
    'Privilege level of a stats/CLI socket',
    'On a stats socket, limits the commands available: `user` reads, `operator` may change some ' +
      'settings, `admin` may do everything.',
  ),
  opt(
    'mode',
    [arg('mode', 'word', { check: CHECK.word })],
    'Permissions (octal) of a UNIX socket',
    'File mode, in octal, applied to the UNIX socket created by this bind line.',
  ),
  opt(
    'mss',
    [arg('maxseg', 'int', { check: { kind: 'atol', min: 1, max: 65535, abs: true } })],
    'TCP maximum segment size to advertise',
    'Sets the MSS announced on accepted connections; a negative value only lowers the system ' +
      'default.',
  ),
  opt(
    'name',
    [arg('name', 'string', { check: CHECK.word })],
    'Name of the listener in statistics and logs',
    'Names the sockets created by this line; visible in the stats page and `so_name`.',
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
    [arg('nice', 'int', { min: -1024, max: 1024, check: CHECK.word })],
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
  opt(
    'no-strict-sni',
    [],
    'Cancel an inherited `strict-sni`',
    'Allows the default certificate to be served again when no SNI matches.',
    { ...ssl, since: '3.2' },
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
    [arg('set', 'word', { check: CHECK.word })],
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
    [checkedEnum('format', ['none', 'number', 'string'])],
    'How the CLI prefixes messages with their severity',
    'On a stats socket, reports the severity of responses as a number, a word, or not at all.',
  ),
  opt(
    'shards',
    [arg('shards', 'word', { check: { kind: 'shards' } })],
    'Split the listener into several sockets (number, by-thread, by-group)',
    'Creates several identical sockets so that the kernel spreads incoming connections between ' +
      'thread groups or threads.',
  ),
  opt(
    'strict-sni',
    [],
    'Refuse handshakes whose SNI matches no certificate',
    'Without a matching certificate the handshake fails instead of using the default one.',
    { ...ssl, negatable: true },
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
    'thread',
    [arg('set', 'word', { check: CHECK.word })],
    'Threads (and thread groups) serving this listener',
    'Restricts the listener to a thread set such as `1-4`, `odd`, `all` or `2/1-8`.',
  ),
  opt(
    'tls-ticket-keys',
    [arg('keyfile', 'path', { check: CHECK.word })],
    'File of TLS ticket encryption keys',
    'Base64 keys used to encrypt session tickets; sharing the file lets several nodes resume each ' +
      "other's sessions.",
    ssl,
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
    [arg('uid', 'int', { min: 0, check: CHECK.word })],
    'User id owning a UNIX socket',
    'Numeric user that will own the UNIX socket created by this bind line.',
  ),
  opt(
    'user',
    [arg('user', 'word', { check: CHECK.word })],
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
];

/** Every `bind` option, in name order. */
export const BIND_OPTIONS: readonly OptionSpec[] = sortedByName([
  ...sharedOptions('bind'),
  ...BIND_ONLY,
]);
