/**
 * What HAProxy's address parser (`str2sa_range`) refuses in the addresses of `bind`, `server`,
 * `source`, `peer`, `nameserver` and `log` lines, as far as it can be told without resolving
 * names or opening sockets. Facts were established with `haproxy -c` 2.6.12 on valid and invalid
 * addresses of each kind; prefixes newer than 2.6 carry the version that brought them.
 */
import { compareVersions } from '../../common/catalog.js';
import { leadingInteger } from '../../common/leading-integer.js';
import { majorMinor } from '../catalog/index.js';

/** The line kinds whose addresses are judged, each with its own parsing constraints. */
export type AddressUse =
  | 'bind'
  | 'server'
  | 'peer'
  | 'source'
  | 'server-source'
  | 'nameserver'
  | 'log'
  /** `addr`, `usesrc` and `socks4` of server lines, `tcp-check connect addr`: no port offset. */
  | 'fixed-port'
  /** `socks4` also needs its port. */
  | 'socks4';

interface Policy {
  /** A port is required (`missing port specification` otherwise). */
  readonly portRequired: boolean;
  /** `80-90` is accepted. */
  readonly range: boolean;
  /** `+5` / `-1` (offset from the client port) is accepted. */
  readonly offset: boolean;
  /** Port 0 is accepted. */
  readonly zeroPort: boolean;
  /** Datagram sockets (`udp@`, `uxdg@`) are accepted. */
  readonly datagram: boolean;
  /** Several addresses separated by commas. */
  readonly list: boolean;
}

const POLICIES: Readonly<Record<AddressUse, Policy>> = {
  bind: {
    portRequired: true,
    range: true,
    offset: false,
    zeroPort: false,
    datagram: false,
    list: true,
  },
  server: {
    portRequired: false,
    range: false,
    offset: true,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  peer: {
    portRequired: false,
    range: false,
    offset: true,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  source: {
    portRequired: false,
    range: false,
    offset: false,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  'server-source': {
    portRequired: false,
    range: true,
    offset: false,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  // Ranges and port 0 are not judged for these (lenient where unverified).
  'fixed-port': {
    portRequired: false,
    range: true,
    offset: false,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  socks4: {
    portRequired: true,
    range: true,
    offset: false,
    zeroPort: true,
    datagram: false,
    list: false,
  },
  nameserver: {
    portRequired: true,
    range: false,
    offset: false,
    zeroPort: false,
    datagram: true,
    list: false,
  },
  log: {
    portRequired: false,
    range: false,
    offset: false,
    zeroPort: true,
    datagram: true,
    list: false,
  },
};

type Family = 'inet' | 'path' | 'fd' | 'name';

interface Prefix {
  readonly family: Family;
  /** First version that knows the prefix. */
  readonly since: string;
  readonly datagram?: boolean;
  readonly quic?: boolean;
  /** Only meaningful on `log` lines. */
  readonly logOnly?: boolean;
}

/**
 * Address prefixes (`<prefix>@`). `quic+<family>` is handled apart. The versions of `rhttp`,
 * `abnsz`, `mptcp*` and `quic+` are the first release whose manual documents them; 2.6.12 refuses
 * all of them.
 */
const PREFIXES: ReadonlyMap<string, Prefix> = new Map<string, Prefix>([
  ['ip', { family: 'inet', since: '2.0' }],
  ['ipv4', { family: 'inet', since: '2.0' }],
  ['ipv6', { family: 'inet', since: '2.0' }],
  ['tcp', { family: 'inet', since: '2.0' }],
  ['tcp4', { family: 'inet', since: '2.0' }],
  ['tcp6', { family: 'inet', since: '2.0' }],
  ['udp', { family: 'inet', since: '2.0', datagram: true }],
  ['udp4', { family: 'inet', since: '2.0', datagram: true }],
  ['udp6', { family: 'inet', since: '2.0', datagram: true }],
  ['quic4', { family: 'inet', since: '2.6', datagram: true, quic: true }],
  ['quic6', { family: 'inet', since: '2.6', datagram: true, quic: true }],
  ['mptcp', { family: 'inet', since: '3.1' }],
  ['mptcp4', { family: 'inet', since: '3.1' }],
  ['mptcp6', { family: 'inet', since: '3.1' }],
  ['unix', { family: 'path', since: '2.0' }],
  ['abns', { family: 'path', since: '2.0' }],
  ['abnsz', { family: 'path', since: '3.1' }],
  ['uxst', { family: 'path', since: '2.0' }],
  ['uxdg', { family: 'path', since: '2.0', datagram: true }],
  ['fd', { family: 'fd', since: '2.0' }],
  ['sockpair', { family: 'fd', since: '2.0' }],
  ['rhttp', { family: 'name', since: '2.9' }],
  ['ring', { family: 'name', since: '2.2', logOnly: true }],
  ['backend', { family: 'name', since: '2.9', logOnly: true }],
]);

/**
 * Version of the `quic+<family>@` prefixes (quic+ipv4@…); 2.6 refuses them. The manual of 3.2 is
 * the first we hold that documents them, 3.0 is assumed so that a doubt stays silent.
 */
const QUIC_PLUS_SINCE = '3.0';

/** First version able to open QUIC connections to servers. */
const QUIC_SERVER_SINCE = '3.4';

function before(version: string, since: string): boolean {
  return compareVersions(majorMinor(version), since) < 0;
}

/** The prefix of an address (`ipv4` of `ipv4@1.2.3.4:80`), looked up at a version. */
function readPrefix(
  part: string,
  use: AddressUse,
  version: string,
): { name: string; rest: string; prefix: Prefix | undefined; problem?: string } {
  const match = /^([A-Za-z0-9+]+)@/.exec(part);
  if (!match) return { name: '', rest: part, prefix: undefined };
  const name = match[1] ?? '';
  const rest = part.slice(match[0].length);
  const plus = /^(stream|dgram|quic)\+(.*)$/.exec(name);
  if (plus) {
    // `<method>+<family>@`: the family must be an inet or unix one.
    const base = PREFIXES.get(plus[2] ?? '');
    if (!base || base.quic === true || base.family === 'fd' || base.family === 'name') {
      return { name, rest, prefix: undefined };
    }
    const quic = plus[1] === 'quic';
    const prefix: Prefix = {
      family: base.family,
      since: quic ? QUIC_PLUS_SINCE : base.since,
      datagram: plus[1] !== 'stream',
      quic,
    };
    return withVersionCheck(name, rest, prefix, version);
  }
  const prefix = PREFIXES.get(name);
  if (!prefix || (prefix.logOnly === true && use !== 'log')) {
    // An unknown prefix is only judged when it is written in lower case: the case-insensitive
    // spellings are too rare to be worth a guess.
    if (name !== name.toLowerCase() || PREFIXES.has(name.toLowerCase())) {
      return { name, rest, prefix: undefined };
    }
    return { name, rest, prefix: undefined, problem: `unknown address prefix '${name}@'` };
  }
  return withVersionCheck(name, rest, prefix, version);
}

/** A known prefix, with a problem when the target version predates it. */
function withVersionCheck(
  name: string,
  rest: string,
  prefix: Prefix,
  version: string,
): { name: string; rest: string; prefix: Prefix; problem?: string } {
  if (!before(version, prefix.since)) return { name, rest, prefix };
  return {
    name,
    rest,
    prefix,
    problem: `the address prefix '${name}@' is not known to HAProxy ${version}: it appeared in ${prefix.since}`,
  };
}

/** Host and port of an inet address, or undefined when the split is ambiguous (bare IPv6). */
function splitHostPort(rest: string): { host: string; port: string | undefined } | undefined {
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    const after = rest.slice(close + 1);
    if (after === '') return { host: rest.slice(1, close), port: undefined };
    if (!after.startsWith(':')) return undefined;
    return { host: rest.slice(1, close), port: after.slice(1) };
  }
  const colons = rest.split(':').length - 1;
  if (colons === 0) return { host: rest, port: undefined };
  if (colons > 1) {
    // HAProxy splits a bare IPv6 address at its last colon. Only what certainly is a port is
    // judged: an offset (`:::+11011`) or nothing at all (`fe80::`).
    const last = rest.lastIndexOf(':');
    const port = rest.slice(last + 1);
    if (port !== '' && !/^[+-]/.test(port)) return undefined;
    return { host: rest.slice(0, last), port };
  }
  const colon = rest.indexOf(':');
  return { host: rest.slice(0, colon), port: rest.slice(colon + 1) };
}

/** What is wrong with the port text of one address, if anything. */
function portProblem(
  port: string | undefined,
  policy: Policy,
  limits: boolean,
  whole: string,
): string | undefined {
  if (port === undefined || port === '') {
    return policy.portRequired ? `missing port in '${whole}'` : undefined;
  }
  const first = port[0] ?? '';
  if (first === '+' || first === '-') {
    return policy.offset ? undefined : `a port offset is not allowed here ('${port}')`;
  }
  if (!/\d/.test(first)) return `invalid character '${first}' in port '${port}'`;
  const dash = port.indexOf('-');
  if (dash >= 0 && !policy.range) return `a port range is not allowed here ('${port}')`;
  // str2sa_range reads each bound with atoi: `4294967376` is port 80, `2147483648` is negative.
  const low = leadingInteger(port);
  const high = dash >= 0 ? leadingInteger(port.slice(dash + 1)) : low;
  if (limits && (low < 0 || high < 0 || low > 65535 || high > 65535)) {
    return `invalid port '${port}' (1 to 65535)`;
  }
  if (!policy.zeroPort && low === 0) return `invalid port '${port}'`;
  if (high < low) return `invalid port range '${port}'`;
  return undefined;
}

/** An IPv4 literal with an octet above 255. */
function badIpv4(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) && host.split('.').some((octet) => Number(octet) > 255);
}

/**
 * What HAProxy refuses in one address word used as `use`, or undefined when nothing certain is
 * wrong. `limits` adds the IPv4 octet and port maximum checks (left out where the
 * `invalid-argument` rule already makes them: `bind` and `server` addresses of proxies).
 * `datagram` accepts datagram sockets whatever the use (servers of a `mode log` backend).
 */
export function addressProblem(
  value: string,
  use: AddressUse,
  version: string,
  limits: boolean,
  datagram = false,
): string | undefined {
  const base = POLICIES[use];
  const policy = datagram ? { ...base, datagram: true } : base;
  const parts = policy.list ? value.split(',') : [value];
  for (const part of parts) {
    const problem = partProblem(part, use, policy, version, limits);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function partProblem(
  part: string,
  use: AddressUse,
  policy: Policy,
  version: string,
  limits: boolean,
): string | undefined {
  if (part.startsWith('/')) return undefined;
  if (use === 'log' && (part === 'stdout' || part === 'stderr')) return undefined;
  const { name, rest, prefix, problem } = readPrefix(part, use, version);
  if (problem !== undefined) return problem;
  if (prefix) {
    if (name === 'fd' && use === 'server') {
      return 'a file descriptor is not accepted as a server address';
    }
    if (prefix.datagram === true && !policy.datagram) {
      if (prefix.quic !== true) return `a datagram address is not accepted here ('${part}')`;
      // QUIC listeners depend on the build; QUIC towards servers came late.
      if ((use === 'server' || use === 'peer') && before(version, QUIC_SERVER_SINCE)) {
        return `HAProxy ${version} cannot use QUIC towards a server ('${part}')`;
      }
    }
    if (prefix.family !== 'inet') return undefined;
  }
  if (!prefix && rest.startsWith('quic+') && before(version, QUIC_PLUS_SINCE)) {
    return `HAProxy ${version} does not know the 'quic+' address prefix ('${part}')`;
  }
  const split = splitHostPort(rest);
  if (!split) return undefined;
  if (limits && badIpv4(split.host)) return `'${split.host}' is not a valid IPv4 address`;
  return portProblem(split.port, policy, limits, part);
}
