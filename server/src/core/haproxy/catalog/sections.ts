/**
 * The top-level sections of a HAProxy configuration, HAProxy 2.6 to 3.4: how their header line
 * is written, in which versions they exist, and what a proxy section can do.
 */
import { haproxyDocUrl as doc } from './doc-url.js';
import type { EntryBase } from './types.js';

/** What traffic a proxy section handles. `defaults` only provides settings to the others. */
interface ProxyCapabilities {
  /** Accepts client connections (bind lines, use_backend rules, …). */
  readonly frontend: boolean;
  /** Connects to servers (server lines, balance, health checks, …). */
  readonly backend: boolean;
}

/** A section; its `name` is the header keyword: `frontend`, `userlist`, … */
export interface SectionSpec extends EntryBase {
  /** Whether the header takes a name: required, optional (`defaults`, `crt-store`) or none. */
  readonly nameArg: 'required' | 'optional' | 'none';
  /** Accepts `from <defaults-name>` after the name, to inherit a named defaults section. */
  readonly defaultsFrom?: boolean;
  /** Present only for the proxy sections. */
  readonly capabilities?: ProxyCapabilities;
  /** Only valid in SPOE configuration files, never in haproxy.cfg. */
  readonly spoeOnly?: boolean;
}

export const SECTIONS: readonly SectionSpec[] = [
  {
    name: 'global',
    nameArg: 'none',
    summary: 'Process-wide settings.',
    description:
      'Settings of the whole process: limits, users, chroot, threads, logging targets, SSL defaults and tuning. Usually written once at the top of the file.',
    docUrl: doc('3.2', '3', ''),
  },
  {
    name: 'defaults',
    nameArg: 'optional',
    defaultsFrom: true,
    capabilities: { frontend: false, backend: false },
    summary: 'Default settings for the proxies that follow.',
    description:
      'Values inherited by the frontend, backend and listen sections declared after it. A named defaults section can be selected explicitly with `from <name>`; some rule sets are only allowed in named ones.',
    docUrl: doc('3.2', '4', ''),
  },
  {
    name: 'frontend',
    nameArg: 'required',
    defaultsFrom: true,
    capabilities: { frontend: true, backend: false },
    summary: 'A proxy that accepts client connections.',
    description:
      'Declares listening addresses (`bind`), request rules and the choice of backend (`use_backend`, `default_backend`).',
    docUrl: doc('3.2', '4', ''),
  },
  {
    name: 'backend',
    nameArg: 'required',
    defaultsFrom: true,
    capabilities: { frontend: false, backend: true },
    summary: 'A pool of servers that frontends forward to.',
    description:
      'Declares servers, the load-balancing algorithm, health checks and persistence. Frontends reach it through `use_backend` or `default_backend`.',
    docUrl: doc('3.2', '4', ''),
  },
  {
    name: 'listen',
    nameArg: 'required',
    defaultsFrom: true,
    capabilities: { frontend: true, backend: true },
    summary: 'A frontend and a backend in one section.',
    description:
      'Accepts connections and forwards them to its own servers; handy for simple TCP services and the statistics page.',
    docUrl: doc('3.2', '4', ''),
  },
  {
    name: 'userlist',
    nameArg: 'required',
    summary: 'Users and groups for HTTP authentication.',
    description:
      'Lists users (with hashed or clear passwords) and groups, used by `http_auth` checks and `http-request auth`.',
    docUrl: doc('3.2', '12.2', 'userlist'),
  },
  {
    name: 'peers',
    nameArg: 'required',
    summary: 'Peers that synchronise stick tables.',
    description:
      'Lists the HAProxy instances (including the local one) that push stick-table updates to each other, and may declare tables.',
    docUrl: doc('3.2', '11.2', 'peers'),
  },
  {
    name: 'resolvers',
    nameArg: 'required',
    summary: 'DNS servers used to resolve server addresses at run time.',
    description:
      'Name servers, timeouts and caching rules for DNS resolution; servers refer to it with the `resolvers` option.',
    docUrl: doc('3.2', '5.3.2', 'resolvers'),
  },
  {
    name: 'mailers',
    nameArg: 'required',
    summary: 'SMTP servers used for e-mail alerts.',
    description:
      'Mail servers that proxies with `email-alert mailers` use to report state changes.',
    docUrl: doc('3.2', '12.3', 'mailers'),
  },
  {
    name: 'cache',
    nameArg: 'required',
    summary: 'A small HTTP object cache.',
    description:
      'Memory size and object limits of a cache used by `http-request cache-use` and `http-response cache-store`.',
    docUrl: doc('3.2', '6.2.1', 'cache'),
  },
  {
    name: 'program',
    nameArg: 'required',
    summary: 'An external program started by the master process.',
    description:
      'A command the master process launches and restarts on reload. Deprecated in 3.1 and removed in 3.3: use a process manager such as systemd instead.',
    docUrl: doc('3.2', '12.9', 'program'),
    deprecated: { since: '3.1', replacement: 'a systemd unit or another process manager' },
    removed: {
      since: '3.3',
      replacement: 'a systemd unit or another process manager',
      note: 'HAProxy 3.3 and later report it as an unknown keyword out of section.',
    },
  },
  {
    name: 'http-errors',
    nameArg: 'required',
    summary: 'A named set of custom error pages.',
    description: 'Error files for several status codes, imported by proxies with `errorfiles`.',
    docUrl: doc('3.2', '12.4', 'http-errors'),
  },
  {
    name: 'ring',
    nameArg: 'required',
    summary: 'An in-memory ring buffer for logs or traces.',
    description:
      'A circular buffer that log lines (`log ring@name`) or traces can be written to, optionally forwarded to syslog servers over TCP.',
    docUrl: doc('3.2', '12.5', 'ring'),
  },
  {
    name: 'log-forward',
    nameArg: 'required',
    summary: 'A syslog relay.',
    description: 'Receives syslog messages over UDP or TCP and forwards them to log targets.',
    docUrl: doc('3.2', '12.6', 'log-forward'),
  },
  {
    name: 'fcgi-app',
    nameArg: 'required',
    summary: 'A FastCGI application definition.',
    description:
      'Document root, index, path splitting and parameters for a FastCGI application that backends use with `use-fcgi-app`.',
    docUrl: doc('3.2', '10.1.1', 'fcgi-app'),
  },
  {
    name: 'namespace_list',
    nameArg: 'none',
    summary: 'Network namespaces known to HAProxy (rarely used).',
    description: 'Lists Linux network namespaces that bind and server lines may refer to.',
    docUrl: doc('3.2', '3', ''),
  },
  {
    name: 'crt-store',
    nameArg: 'optional',
    since: '3.0',
    summary: 'A store of certificates loaded once and referred to by name.',
    description:
      'Loads certificates with their keys and companion files so that bind lines and crt-lists can refer to them.',
    docUrl: doc('3.2', '12.7', 'crt-store'),
  },
  {
    name: 'traces',
    nameArg: 'none',
    since: '3.1',
    summary: 'Traces configured at start-up.',
    description: 'Enables and tunes trace sources from the configuration instead of the CLI.',
    docUrl: doc('3.2', '12.1', 'traces'),
  },
  {
    name: 'log-profile',
    nameArg: 'required',
    since: '3.1',
    summary: 'A named log profile.',
    description:
      'Decides, per logging step, which format a logger uses or whether to drop the line; referred to by `log … profile <name>`.',
    docUrl: doc('3.2', '8.3.5', 'log-profile'),
  },
  {
    name: 'acme',
    nameArg: 'required',
    since: '3.2',
    summary: 'An ACME (Let’s Encrypt style) certificate issuer.',
    description:
      'Account, directory URL and challenge settings used to obtain and renew certificates automatically.',
    docUrl: doc('3.2', '12.8', 'acme'),
  },
  {
    name: 'healthcheck',
    nameArg: 'required',
    since: '3.4',
    summary: 'A reusable health-check definition.',
    description: 'A named sequence of http-check or tcp-check rules that servers can share.',
    docUrl: doc('3.4', '12.9', 'healthcheck'),
  },
  {
    name: 'spoe-agent',
    nameArg: 'required',
    spoeOnly: true,
    summary: 'SPOE agent (SPOE configuration files only).',
    description: 'Only valid in the file named by `filter spoe config`, not in haproxy.cfg.',
    docUrl: doc('3.2', '9.3', ''),
  },
  {
    name: 'spoe-group',
    nameArg: 'required',
    spoeOnly: true,
    summary: 'SPOE message group (SPOE configuration files only).',
    description: 'Only valid in the file named by `filter spoe config`, not in haproxy.cfg.',
    docUrl: doc('3.2', '9.3', ''),
  },
  {
    name: 'spoe-message',
    nameArg: 'required',
    spoeOnly: true,
    summary: 'SPOE message (SPOE configuration files only).',
    description: 'Only valid in the file named by `filter spoe config`, not in haproxy.cfg.',
    docUrl: doc('3.2', '9.3', ''),
  },
];

const BY_NAME: ReadonlyMap<string, SectionSpec> = new Map(SECTIONS.map((s) => [s.name, s]));

/** The section a header keyword opens, if any. */
export function sectionSpec(name: string): SectionSpec | undefined {
  return BY_NAME.get(name);
}
