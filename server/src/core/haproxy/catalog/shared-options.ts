/**
 * What the `bind` table (manual section 5.1) and the `server` table (5.2) are made of: the
 * entry builder both use, the value checks and word lists they share, and one record for each
 * option that exists on both kinds of line. Each shared record holds the facts once (arguments
 * with their value checks, SSL, versions) and, per side, the wording and whatever differs there:
 * `verify` accepts `optional` on bind lines only, `id` is a whole integer on bind lines and an
 * `atol` on servers, `sigalgs` reached bind lines in 2.8 and servers in 3.0. Facts come from the
 * keyword lists in ../shared/data, the manual headings and `haproxy -c` of Debian's 2.6.12;
 * summaries and descriptions are our own words.
 */
import type { ArgType } from '../../common/catalog.js';
import { HAPROXY_DOC_VERSION, haproxyDocUrl } from './doc-url.js';
import type {
  Lifecycle,
  OptionArgSpec,
  OptionSpec,
  OptionValueCheck,
  VersionString,
} from './types.js';

/** Which table an entry belongs to: `bind` lines, or `server` / `default-server` lines. */
type OptionSide = 'bind' | 'server';

/** The manual section of each side, used in documentation links. */
const MANUAL_SECTION: Readonly<Record<OptionSide, string>> = { bind: '5.1', server: '5.2' };

/** Protocol versions of `ssl-min-ver` / `ssl-max-ver`; also name the `no-*` / `force-*` flags. */
export const TLS_VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

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

/** The value checks several options share (see {@link OptionValueCheck}). */
export const CHECK = {
  word: { kind: 'word' },
  time: { kind: 'time' },
  positiveTime: { kind: 'time', positive: true },
  mux: { kind: 'mux' },
  tlsVersion: { kind: 'enum', values: TLS_VERSIONS },
} as const satisfies Readonly<Record<string, OptionValueCheck>>;

/** One argument of an option; `more` adds values, range, reference or its value check. */
export function arg(name: string, type: ArgType, more: Partial<OptionArgSpec> = {}): OptionArgSpec {
  return { name, type, ...more };
}

/** An enumerated argument whose value HAProxy refuses outside `values`. */
export function checkedEnum(name: string, values: readonly string[]): OptionArgSpec {
  return arg(name, 'enum', { values, check: { kind: 'enum', values } });
}

/** The facts of an entry besides its name, arguments and wording. */
export interface OptionFacts {
  readonly since?: VersionString;
  readonly removed?: Lifecycle;
  readonly deprecated?: Lifecycle;
  readonly negatable?: boolean;
  readonly ssl?: boolean;
  /** Server options: also accepted on `default-server` lines (the default). */
  readonly defaultServer?: boolean;
  /** Manual version of the link, when the option is not in the 3.2 manual nor new in 3.4. */
  readonly doc?: string;
}

/**
 * One entry of the `side` table, linked to `#5.1-<name>` or `#5.2-<name>` in the 3.2 manual (3.4
 * for options new in 3.4, `doc` when given). Server entries say whether `default-server` takes
 * them, which it does for all but `id`.
 */
function optionEntry(
  side: OptionSide,
  name: string,
  args: readonly OptionArgSpec[],
  summary: string,
  description: string,
  facts: OptionFacts = {},
): OptionSpec {
  const { doc, defaultServer, ...rest } = facts;
  const version = doc ?? (facts.since === '3.4' ? '3.4' : HAPROXY_DOC_VERSION);
  const docUrl = haproxyDocUrl(version, MANUAL_SECTION[side], name);
  const entry: OptionSpec = { name, args, summary, description, docUrl, ...rest };
  return side === 'server' ? { ...entry, defaultServer: defaultServer ?? true } : entry;
}

/** {@link optionEntry} for one side, the way each table writes its own entries. */
export function optionBuilder(
  side: OptionSide,
): (
  name: string,
  args: readonly OptionArgSpec[],
  summary: string,
  description: string,
  facts?: OptionFacts,
) => OptionSpec {
  return (name, args, summary, description, facts) =>
    optionEntry(side, name, args, summary, description, facts);
}

/** The entries of one table in name order, whatever order its sources list them in. */
export function sortedByName(entries: readonly OptionSpec[]): readonly OptionSpec[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What one side says of a shared option: its wording, and the facts that differ there. */
interface SideEntry extends OptionFacts {
  readonly summary: string;
  readonly description: string;
  /** This side's arguments, when they differ from the shared ones. */
  readonly args?: readonly OptionArgSpec[];
}

/** An option of both `bind` and `server` lines. */
interface SharedOption extends OptionFacts {
  readonly name: string;
  readonly args: readonly OptionArgSpec[];
  readonly bind: SideEntry;
  readonly server: SideEntry;
}

const ssl = { ssl: true } as const;

/** `SSLv3` or `TLS 1.2`, as the descriptions write a protocol version. */
function versionWords(version: (typeof TLS_VERSIONS)[number]): string {
  return version === 'SSLv3' ? 'SSLv3' : `TLS ${version.slice(4)}`;
}

/** `sslv3`, `tlsv12`: the version as the `no-*` / `force-*` flags spell it. */
function flagSuffix(version: (typeof TLS_VERSIONS)[number]): string {
  return version.toLowerCase().replace('.', '');
}

/** `no-<version>` and `force-<version>` for each protocol version, on both sides. */
const VERSION_FLAGS: readonly SharedOption[] = TLS_VERSIONS.flatMap((version) => {
  const word = versionWords(version);
  const suffix = flagSuffix(version);
  return [
    {
      name: `no-${suffix}`,
      args: [],
      ...ssl,
      bind: {
        summary: `Refuse ${word} on this listener`,
        description:
          `Takes ${word} out of the protocol versions offered to clients on this listener. ` +
          'Setting a range with `ssl-min-ver` / `ssl-max-ver` is the clearer way to do the same.',
      },
      server: {
        summary: `Do not use ${word} towards the server`,
        description:
          `Removes ${word} from the versions offered to the server. A range set with ` +
          '`ssl-min-ver` / `ssl-max-ver` is the clearer equivalent.',
      },
    },
    {
      name: `force-${suffix}`,
      args: [],
      ...ssl,
      bind: {
        summary: `Accept only ${word} on this listener`,
        description:
          `Limits the handshake to ${word} alone. Prefer \`ssl-min-ver\` and \`ssl-max-ver\`, ` +
          'which express the same thing as a range.',
      },
      server: {
        summary: `Use only ${word} towards the server`,
        description: `Restricts server handshakes to ${word}. Prefer \`ssl-min-ver\` and \`ssl-max-ver\`.`,
      },
    },
  ];
});

const SHARED_OPTIONS: readonly SharedOption[] = [
  ...VERSION_FLAGS,
  {
    name: 'allow-0rtt',
    args: [],
    ...ssl,
    bind: {
      summary: 'Accept TLS 1.3 early data (0-RTT)',
      description:
        'Lets clients send data in their first TLS 1.3 flight. Early data can be replayed, so ' +
        'pair it with `wait-for-handshake` for requests that are not idempotent.',
    },
    server: {
      summary: 'Send TLS 1.3 early data to the server',
      description:
        'Allows requests to be sent in the first TLS flight when resuming a session with the ' +
        'server.',
    },
  },
  {
    name: 'alpn',
    args: [arg('protocols', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'ALPN protocols offered to clients, comma-separated',
      description:
        'Comma-separated list of protocol names announced through ALPN during the TLS ' +
        'handshake, for example `h2,http/1.1`. The order expresses preference.',
    },
    server: {
      summary: 'ALPN protocols offered to the server',
      description:
        'Comma-separated protocols proposed during the TLS handshake with the server, e.g. ' +
        '`h2,http/1.1`.',
    },
  },
  {
    name: 'ca-file',
    args: [arg('cafile', 'path', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'CA certificates used to verify client certificates',
      description:
        'PEM file (or `@store/name` in recent versions) with the authorities trusted to sign ' +
        'client certificates. Needed when `verify` is `optional` or `required`.',
    },
    server: {
      summary: 'CAs trusted to verify the server certificate',
      description:
        'PEM file of authorities (or `@system-ca`) used when `verify required` is in effect.',
    },
  },
  {
    name: 'cc',
    args: [arg('algo', 'word')],
    since: '3.4',
    bind: {
      summary: 'TCP congestion control algorithm for accepted connections',
      description:
        'Names the kernel congestion control algorithm (for example `cubic` or `bbr`) to set ' +
        'on connections accepted by this listener.',
    },
    server: {
      summary: 'TCP congestion control algorithm towards the server',
      description: 'Kernel congestion control algorithm set on connections to this server.',
    },
  },
  {
    name: 'ciphers',
    args: [arg('ciphers', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'TLS 1.2-and-older cipher list',
      description:
        'OpenSSL cipher string used for TLS 1.2 and older handshakes on this listener; ' +
        'overrides `ssl-default-bind-ciphers`.',
    },
    server: {
      summary: 'TLS 1.2-and-older ciphers towards the server',
      description: 'OpenSSL cipher string for server-side handshakes up to TLS 1.2.',
    },
  },
  {
    name: 'ciphersuites',
    args: [arg('ciphersuites', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'TLS 1.3 cipher suites',
      description:
        'Colon-separated TLS 1.3 cipher suites for this listener; overrides ' +
        '`ssl-default-bind-ciphersuites`.',
    },
    server: {
      summary: 'TLS 1.3 cipher suites towards the server',
      description: 'Colon-separated TLS 1.3 suites for server-side handshakes.',
    },
  },
  {
    name: 'client-sigalgs',
    args: [arg('sigalgs', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      since: '2.8',
      summary: 'Signature algorithms accepted for client certificates',
      description:
        'Colon-separated signature algorithms the listener announces for client certificate ' +
        'authentication.',
    },
    server: {
      since: '3.0',
      summary: 'Signature algorithms for the client certificate sent to the server',
      description: 'Algorithms allowed when HAProxy authenticates to the server with `crt`.',
    },
  },
  {
    name: 'crl-file',
    args: [arg('crlfile', 'path', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'Certificate revocation list for client certificates',
      description: 'PEM file of revocation lists checked when verifying client certificates.',
    },
    server: {
      summary: 'Revocation list for the server certificate',
      description: 'PEM CRL file checked when verifying the server certificate.',
    },
  },
  {
    name: 'crt',
    args: [arg('cert', 'path', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'Certificate (and key) to serve; a file or a directory',
      description:
        'PEM certificate with its key, or a directory of them, presented to clients. Several ' +
        '`crt` options may be given; the one matching the SNI is picked. Relative paths start ' +
        'at `crt-base`.',
    },
    server: {
      summary: 'Client certificate presented to the server',
      description: 'PEM certificate and key HAProxy uses to authenticate itself to the server.',
    },
  },
  {
    name: 'curves',
    args: [arg('curves', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'Elliptic curves / groups offered for key exchange',
      description:
        'Colon-separated list of curves or groups, in order of preference, for this listener.',
    },
    server: {
      since: '3.0',
      summary: 'Curves / groups offered to the server',
      description: 'Colon-separated list of key-exchange groups for server handshakes.',
    },
  },
  {
    name: 'id',
    args: [arg('id', 'int', { min: 1 })],
    bind: {
      // The listener parser wants the whole word to be a number (`7a` is refused)…
      args: [arg('id', 'int', { min: 1, check: { kind: 'integer', min: 1 } })],
      summary: 'Numeric id of the listening socket',
      description:
        'Sets the persistent socket id reported in statistics and by `so_id`; it must be ' +
        'unique in the frontend.',
    },
    server: {
      // … the server one reads it with atol (`7a` is 7).
      args: [arg('id', 'int', { min: 1, check: { kind: 'atol', min: 1 } })],
      defaultServer: false,
      summary: 'Numeric id of the server',
      description:
        'Persistent server id, reported in stats and used by some hashing; unique in the ' +
        'backend. Not accepted on `default-server`.',
    },
  },
  {
    name: 'idle-ping',
    args: [arg('delay', 'time')],
    since: '3.2',
    bind: {
      summary: 'Ping idle client connections (HTTP/2, QUIC) after this delay',
      description:
        'Sends protocol-level pings on frontend connections that stay idle for the given ' +
        'delay, to detect dead peers early.',
    },
    server: {
      summary: 'Ping idle server connections after this delay',
      description:
        'Sends protocol pings on idle multiplexed server connections to detect dead peers.',
    },
  },
  {
    name: 'ktls',
    args: [arg('state', 'enum', { values: ['on', 'off'] })],
    ...ssl,
    since: '3.4',
    bind: {
      summary: 'Use kernel TLS offload (experimental)',
      description:
        'Lets the kernel handle record encryption once the handshake is done. Experimental.',
    },
    server: {
      summary: 'Use kernel TLS offload (experimental)',
      description:
        'Lets the kernel encrypt records on server connections after the handshake. ' +
        'Experimental.',
    },
  },
  {
    name: 'maxconn',
    args: [arg('maxconn', 'int', { min: 0 })],
    bind: {
      // A listener refuses a missing or negative value; a server takes any word, even none.
      args: [arg('maxconn', 'int', { min: 0, check: { kind: 'atol', min: 0 } })],
      summary: 'Maximum concurrent connections on this listener',
      description:
        'Caps the connections accepted by each socket of this line; extra ones wait in the ' +
        'kernel backlog.',
    },
    server: {
      summary: 'Maximum concurrent connections to the server',
      description:
        'Extra requests wait in the queue. With `minconn` it becomes the upper bound of a ' +
        'dynamic limit.',
    },
  },
  {
    name: 'namespace',
    args: [arg('name', 'word', { check: CHECK.word })],
    bind: {
      summary: 'Network namespace in which to create the socket',
      description: 'Creates the listening socket in the named network namespace (Linux).',
    },
    server: {
      summary: 'Network namespace used to reach the server',
      description: 'Opens the server connections from the named network namespace.',
    },
  },
  {
    name: 'no-tls-tickets',
    args: [],
    ...ssl,
    bind: {
      summary: 'Disable TLS session tickets',
      description:
        'Prevents session resumption through stateless tickets; the session cache is still ' +
        'used.',
    },
    server: {
      summary: 'Do not use TLS session tickets with the server',
      description: 'Disables stateless session resumption towards the server.',
    },
  },
  {
    name: 'npn',
    args: [arg('protocols', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      summary: 'NPN protocols offered to clients (obsolete, use ALPN)',
      description:
        'Comma-separated protocols announced through the old NPN extension. Modern clients ' +
        'only use ALPN.',
    },
    server: {
      summary: 'NPN protocols offered to the server (obsolete)',
      description: 'Protocols proposed through the old NPN extension; use `alpn` instead.',
    },
  },
  {
    name: 'proto',
    args: [arg('name', 'word', { check: CHECK.mux })],
    bind: {
      summary: 'Force the multiplexer protocol (e.g. h2, quic)',
      description:
        'Skips protocol detection and uses the named multiplexer for every connection, e.g. ' +
        '`h2` for clear-text HTTP/2.',
    },
    server: {
      summary: 'Multiplexer protocol towards the server (e.g. h2)',
      description:
        'Forces the protocol of server connections, such as `h2` for clear-text HTTP/2 or ' +
        '`fcgi`.',
    },
  },
  {
    name: 'quic-cc-algo',
    args: [arg('algo', 'word')],
    bind: {
      since: '2.6',
      summary: 'QUIC congestion control algorithm, optionally with parameters',
      description:
        'One of `cubic`, `newreno`, `bbr` (recent versions) or `nocc`, possibly followed by ' +
        'parenthesised parameters such as a window size.',
    },
    server: {
      // HAProxy opens QUIC connections to servers from 3.4 on.
      since: '3.4',
      summary: 'QUIC congestion control towards the server',
      description:
        'Congestion control algorithm of QUIC server connections, optionally with parameters.',
    },
  },
  {
    name: 'sigalgs',
    args: [arg('sigalgs', 'string', { check: CHECK.word })],
    ...ssl,
    bind: {
      since: '2.8',
      summary: 'Signature algorithms for the TLS handshake',
      description:
        'Colon-separated signature algorithms accepted in the handshake on this listener.',
    },
    server: {
      since: '3.0',
      summary: 'Signature algorithms towards the server',
      description: 'Colon-separated signature algorithms allowed in server handshakes.',
    },
  },
  {
    name: 'ssl',
    args: [],
    ...ssl,
    bind: {
      summary: 'Terminate SSL/TLS on this listener',
      description:
        'Enables TLS on the sockets of this line. A certificate must be provided with `crt`, ' +
        '`crt-list` or a default.',
    },
    server: {
      // Only servers have `no-ssl`, to cancel a `default-server ssl`.
      negatable: true,
      summary: 'Use SSL/TLS towards the server',
      description:
        'Encrypts server connections. Pair with `verify required` and `ca-file` to ' +
        'authenticate it.',
    },
  },
  {
    name: 'ssl-max-ver',
    args: [checkedEnum('version', TLS_VERSIONS)],
    ...ssl,
    bind: {
      summary: 'Highest TLS version accepted',
      description: 'Upper bound of the protocol versions negotiated with clients.',
    },
    server: {
      summary: 'Highest TLS version towards the server',
      description: 'Upper bound of the versions negotiated with the server.',
    },
  },
  {
    name: 'ssl-min-ver',
    args: [checkedEnum('version', TLS_VERSIONS)],
    ...ssl,
    bind: {
      summary: 'Lowest TLS version accepted',
      description: 'Lower bound of the protocol versions negotiated with clients.',
    },
    server: {
      summary: 'Lowest TLS version towards the server',
      description: 'Lower bound of the versions negotiated with the server.',
    },
  },
  {
    name: 'tcp-md5sig',
    args: [arg('password', 'string')],
    since: '3.4',
    bind: {
      summary: 'TCP MD5 signature password (RFC 2385)',
      description:
        'Enables TCP MD5 signatures on accepted connections with the given shared password.',
    },
    server: {
      summary: 'TCP MD5 signature password towards the server',
      description: 'Enables RFC 2385 signatures on server connections.',
    },
  },
  {
    name: 'tcp-ut',
    args: [arg('delay', 'time', { check: CHECK.time })],
    bind: {
      summary: 'TCP user timeout for accepted connections',
      description:
        'Sets `TCP_USER_TIMEOUT` so that a dead client is detected after the given time ' +
        'without acknowledgements.',
    },
    server: {
      summary: 'TCP user timeout towards the server',
      description: 'Sets `TCP_USER_TIMEOUT` on server connections.',
    },
  },
  {
    name: 'tfo',
    args: [],
    bind: {
      summary: 'Enable TCP Fast Open',
      description: 'Lets clients send data in their SYN. The kernel must allow it.',
    },
    server: {
      // Only servers have `no-tfo`.
      negatable: true,
      summary: 'Use TCP Fast Open towards the server',
      description: 'Sends the first data in the SYN when the kernel allows it.',
    },
  },
  {
    name: 'tls-tickets',
    args: [],
    ...ssl,
    negatable: true,
    bind: {
      // Servers always had it; listeners gained it in 3.2, to cancel an inherited no-tls-tickets.
      since: '3.2',
      summary: 'Re-enable TLS session tickets',
      description: 'Cancels an inherited `no-tls-tickets`.',
    },
    server: {
      summary: 'Use TLS session tickets with the server',
      description: 'Cancels an inherited `no-tls-tickets`.',
    },
  },
  {
    name: 'verify',
    args: [checkedEnum('mode', ['none', 'required'])],
    ...ssl,
    bind: {
      // Only a listener can leave the peer certificate optional.
      args: [checkedEnum('mode', ['none', 'optional', 'required'])],
      summary: 'Client certificate verification mode',
      description:
        '`none` asks for no certificate, `optional` checks one if sent, `required` refuses ' +
        'clients without a valid one. Needs `ca-file` for the last two.',
    },
    server: {
      summary: 'Server certificate verification',
      description:
        '`required` checks the server certificate against `ca-file`; `none` skips the check.',
    },
  },
];

/** The entries of the options common to bind and server lines, as `side` has them. */
export function sharedOptions(side: OptionSide): OptionSpec[] {
  return SHARED_OPTIONS.map((option) => {
    const { name, args, bind, server, ...facts } = option;
    const { summary, description, args: sideArgs, ...sideFacts } = side === 'bind' ? bind : server;
    return optionEntry(side, name, sideArgs ?? args, summary, description, {
      ...facts,
      ...sideFacts,
    });
  });
}
