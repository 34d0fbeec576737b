/**
 * What the cluster rules need to know about one node's HAProxy configuration: the addresses it
 * listens on, its backends with their servers, its `peers` sections and the local peer name.
 *
 * The node's files are read in load order (as `haproxy -f DIR` reads a folder in name order),
 * dead `.if` branches are dropped for the target version (through the symbol table), and `${VAR}`
 * references are substituted from the node's environment. A value that still depends on the
 * environment is opaque: rules never guess what it would be.
 */
import type { Section, Statement, Word } from '../haproxy/ast.js';
import { haproxySymbols } from '../haproxy/analysis/symbols.js';
import { lineOptionMap } from '../haproxy/analysis/resolve.js';
import type { HaproxyDocument } from '../document.js';
import type { ServiceSettings } from '../settings.js';
import { canonicalAddress, isAnyAddress, isLoopback, literalFamily } from './addresses.js';

/** A place in one of the node's files. */
export interface FactLocation {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

/** One address of a `bind` line (a line may list several, separated by commas). */
export interface BindFact extends FactLocation {
  readonly statement: Statement;
  /** The address word the address was read from. */
  readonly word: Word;
  /** Kind of the section holding the line (`frontend`, `listen`, `peers`). */
  readonly sectionKind: string;
  readonly sectionName: string | undefined;
  /** Canonical address; undefined for a wildcard (`*`, empty host, `0.0.0.0`, `::`). */
  readonly address: string | undefined;
  readonly wildcard: boolean;
  readonly family: 4 | 6;
  readonly loopback: boolean;
  /** Port ranges (`80` is `[80, 80]`); empty when the line gives none. */
  readonly ports: readonly (readonly [number, number])[];
  /** The line has `transparent`, so HAProxy may bind an address the host does not hold. */
  readonly transparent: boolean;
  /** An IPv6 wildcard also takes IPv4 unless `v6only` is set. */
  readonly v6only: boolean;
}

/** A `server` (or `server-template`) line of a backend or listen section. */
interface ServerFact extends FactLocation {
  readonly statement: Statement;
  readonly name: string;
  /** The address as HAProxy would read it (variables substituted), or the raw text when opaque. */
  readonly address: string | undefined;
  /** Where the address is written (the server name when it has none). */
  readonly addressLocation: FactLocation;
}

/** A `backend` or `listen` section. */
interface BackendFact extends FactLocation {
  readonly kind: 'backend' | 'listen';
  readonly name: string;
  readonly section: Section;
  readonly servers: readonly ServerFact[];
}

/** A `peer` or `server` line of a `peers` section. */
interface PeerFact extends FactLocation {
  readonly statement: Statement;
  readonly name: string;
  /** `ip:port` as written (variables substituted); undefined for a local `server` line. */
  readonly address: string | undefined;
}

/** A `peers` section. */
interface PeersFact extends FactLocation {
  readonly name: string;
  readonly section: Section;
  /** The section holds `disabled` (and no later `enabled`): HAProxy ignores it. */
  readonly disabled: boolean;
  readonly peers: readonly PeerFact[];
}

/** The global `localpeer` line. */
interface LocalPeerFact extends FactLocation {
  readonly statement: Statement;
  /** The name, or undefined when it depends on the environment. */
  readonly name: string | undefined;
}

/** Facts of one node's HAProxy files, read in load order. */
export interface HaproxyFacts {
  readonly documents: readonly HaproxyDocument[];
  /** Every IP address HAProxy listens on (frontends, listen and peers sections). */
  readonly binds: readonly BindFact[];
  /**
   * `bind` addresses that cannot be placed: variables the environment does not supply, host
   * names. Rules that reason about what is *not* bound stay quiet when there are any.
   */
  readonly opaqueBinds: readonly FactLocation[];
  readonly backends: readonly BackendFact[];
  readonly peers: readonly PeersFact[];
  readonly localPeer: LocalPeerFact | undefined;
  /** Where node-level findings about HAProxy go: the first section header of the first file. */
  readonly anchor: FactLocation;
  /**
   * What every fact above is read from, besides the files' places: two nodes with the same
   * inputs have the same facts, so comparing nodes can stop there (see {@link sameInputs}).
   */
  readonly inputs: FactsInputs;
}

/** The texts of a node's HAProxy files in load order, its environment and the target version. */
export interface FactsInputs {
  readonly texts: readonly string[];
  /** The environment as JSON pairs in name order ('' without one). */
  readonly env: string;
  readonly version: string;
}

/** Whether two nodes' HAProxy facts come from the same texts, environment and version. */
export function sameInputs(a: FactsInputs, b: FactsInputs): boolean {
  if (a.env !== b.env || a.version !== b.version || a.texts.length !== b.texts.length) {
    return false;
  }
  return a.texts.every((text, index) => text === b.texts[index]);
}

type Env = Readonly<Record<string, string>> | undefined;

/**
 * The value of a word with `${VAR}` / `$VAR` substituted from `env`; undefined when a variable
 * is missing there or the word holds a template span.
 */
export function substituteWord(word: Word, env: Env): string | undefined {
  if (word.template) return undefined;
  if (!word.hasVariable) return word.value;
  let missing = false;
  const value = word.value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, plain?: string) => {
      const found = env?.[braced ?? plain ?? ''];
      if (found === undefined) missing = true;
      return found ?? match;
    },
  );
  return missing ? undefined : value;
}

const SOCKET_PREFIXES = /^(unix|abns|abnsz|fd|sockpair|uxst|uxdg)@/;
const FAMILY_PREFIX = /^(ipv4|ipv6|tcp|tcp4|tcp6|udp|udp4|udp6|quic4|quic6|mptcp|mptcp4|mptcp6)@/;

/** One parsed bind address: undefined when it is a socket path, `null` when it is opaque. */
type ParsedBind =
  | { address: string | undefined; wildcard: boolean; family: 4 | 6; ports: [number, number][] }
  | undefined
  | null;

function parsePorts(text: string): [number, number][] | null {
  if (text === '') return [];
  const range = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!range) return null;
  const low = Number(range[1]);
  return [[low, range[2] === undefined ? low : Number(range[2])]];
}

/** Reads one address of a `bind` line the way HAProxy's address parser splits it. */
export function parseBindAddress(text: string): ParsedBind {
  if (text.startsWith('/') || SOCKET_PREFIXES.test(text)) return undefined;
  const prefix = FAMILY_PREFIX.exec(text)?.[1];
  const rest = prefix === undefined ? text : text.slice(prefix.length + 1);
  const forced: 4 | 6 | undefined = prefix?.endsWith('6')
    ? 6
    : prefix?.endsWith('4')
      ? 4
      : undefined;
  let host: string;
  let portText: string;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2] ?? '';
  } else {
    const colon = rest.lastIndexOf(':');
    host = colon === -1 ? rest : rest.slice(0, colon);
    portText = colon === -1 ? '' : rest.slice(colon + 1);
  }
  const ports = parsePorts(portText);
  if (!ports) return null;
  if (host === '' || host === '*') {
    return { address: undefined, wildcard: true, family: forced ?? 4, ports };
  }
  if (host === 'localhost') {
    return {
      address: forced === 6 ? '::1' : '127.0.0.1',
      wildcard: false,
      family: forced ?? 4,
      ports,
    };
  }
  const canonical = canonicalAddress(host);
  const family = literalFamily(host);
  if (canonical === undefined || family === undefined) return null;
  if (isAnyAddress(canonical)) return { address: undefined, wildcard: true, family, ports };
  return { address: canonical, wildcard: false, family, ports };
}

function location(uri: string, node: { start: number; end: number }): FactLocation {
  return { uri, start: node.start, end: node.end };
}

function readBinds(
  uri: string,
  statement: Statement,
  section: Section,
  env: Env,
  binds: BindFact[],
  opaque: FactLocation[],
): void {
  const word = statement.args[0];
  if (!word) return;
  const text = substituteWord(word, env);
  if (text === undefined) {
    opaque.push(location(uri, word));
    return;
  }
  const options = lineOptionMap(statement);
  // Offsets of each comma-separated part are exact only when the word is written plainly.
  const plain = !word.hasVariable && word.raw === word.value;
  let offset = 0;
  for (const part of text.split(',')) {
    const start = plain ? word.start + offset : word.start;
    const end = plain ? start + part.length : word.end;
    offset += part.length + 1;
    const parsed = parseBindAddress(part.trim());
    if (parsed === undefined) continue;
    if (parsed === null) {
      opaque.push({ uri, start, end });
      continue;
    }
    binds.push({
      uri,
      start,
      end,
      statement,
      word,
      sectionKind: section.type,
      sectionName: section.name?.value,
      address: parsed.address,
      wildcard: parsed.wildcard,
      family: parsed.family,
      loopback: parsed.address !== undefined && isLoopback(parsed.address),
      ports: parsed.ports,
      transparent: options.has('transparent'),
      v6only: options.has('v6only'),
    });
  }
}

/** The backend-capable proxies of a node's files, with their servers (read on demand). */
function backendFacts(
  documents: readonly HaproxyDocument[],
  env: Env,
  settings: ServiceSettings,
): BackendFact[] {
  const backends: BackendFact[] = [];
  for (const document of documents) {
    const { uri } = document;
    const symbols = haproxySymbols(document.parse.ast, settings.haproxy.version);
    for (const proxy of symbols.proxies) {
      const section = proxy.section;
      if ((proxy.kind === 'backend' || proxy.kind === 'listen') && proxy.nameWord) {
        let servers: ServerFact[] | undefined;
        const listServers = (): ServerFact[] =>
          proxy.servers.flatMap((server): ServerFact[] => {
            if (!server.name) return [];
            const addressWord = server.address;
            return [
              {
                ...location(uri, server.name),
                statement: server.statement,
                name: server.name.value,
                address: addressWord
                  ? (substituteWord(addressWord, env) ?? addressWord.value)
                  : undefined,
                addressLocation: location(uri, addressWord ?? server.name),
              },
            ];
          });
        backends.push({
          ...location(uri, proxy.nameWord),
          kind: proxy.kind,
          name: proxy.nameWord.value,
          section,
          // Only config-drift, between two nodes, reads the servers: a lone node never pays for
          // tens of thousands of them.
          get servers() {
            servers ??= listServers();
            return servers;
          },
        });
      }
    }
  }
  return backends;
}

/** Collects the facts of a node's HAProxy files; undefined when the node has none. */
export function haproxyFacts(
  documents: readonly HaproxyDocument[],
  env: Readonly<Record<string, string>> | undefined,
  settings: ServiceSettings,
): HaproxyFacts | undefined {
  const first = documents[0];
  if (!first) return undefined;
  const binds: BindFact[] = [];
  const opaqueBinds: FactLocation[] = [];
  const peers: PeersFact[] = [];
  let localPeer: LocalPeerFact | undefined;
  let anchor: FactLocation | undefined;
  for (const document of documents) {
    const { uri } = document;
    const symbols = haproxySymbols(document.parse.ast, settings.haproxy.version);
    const { activity } = symbols;
    for (const statement of symbols.global('localpeer')) {
      const word = statement.args[0];
      // HAProxy keeps the last `localpeer` it reads, across files too.
      localPeer = {
        ...location(uri, word ?? statement.keyword),
        statement,
        name: word ? substituteWord(word, env) : undefined,
      };
    }
    for (const section of document.parse.ast.sections) {
      if (!activity.isLive(section.header.branch)) continue;
      anchor ??= location(uri, section.name ?? section.keyword);
      if (section.type === 'peers') {
        const live = section.items.filter(
          (item): item is Statement => item.kind === 'statement' && activity.isLive(item.branch),
        );
        const peerLines: PeerFact[] = [];
        let disabled = false;
        for (const statement of live) {
          const keyword = statement.keyword.value;
          if (keyword === 'bind') readBinds(uri, statement, section, env, binds, opaqueBinds);
          else if (keyword === 'disabled') disabled = true;
          else if (keyword === 'enabled') disabled = false;
          else if (keyword === 'peer' || keyword === 'server') {
            const nameWord = statement.args[0];
            if (!nameWord) continue;
            const addressWord = statement.args[1];
            peerLines.push({
              ...location(uri, nameWord),
              statement,
              name: substituteWord(nameWord, env) ?? nameWord.value,
              address: addressWord
                ? (substituteWord(addressWord, env) ?? addressWord.value)
                : undefined,
            });
          }
        }
        if (section.name) {
          peers.push({
            ...location(uri, section.name),
            name: section.name.value,
            section,
            disabled,
            peers: peerLines,
          });
        }
        continue;
      }
      const proxy = symbols.proxyOf(section);
      if (!proxy) continue;
      if (proxy.kind === 'frontend' || proxy.kind === 'listen') {
        for (const statement of proxy.statements('bind')) {
          readBinds(uri, statement, section, env, binds, opaqueBinds);
        }
      }
    }
  }
  let backends: BackendFact[] | undefined;
  return {
    documents,
    binds,
    opaqueBinds,
    // Only config-drift, between two nodes, reads the backends: a lone node (or a pass that does
    // not compare) never walks thousands of them. Read in the same pass as the rest of the facts.
    get backends() {
      backends ??= backendFacts(documents, env, settings);
      return backends;
    },
    peers,
    localPeer,
    anchor: anchor ?? { uri: first.uri, start: 0, end: 0 },
    inputs: {
      texts: documents.map((document) => document.text),
      env:
        env === undefined
          ? ''
          : JSON.stringify(
              Object.keys(env)
                .sort()
                .map((name) => [name, env[name]]),
            ),
      version: settings.haproxy.version,
    },
  };
}

/** True when a bind of these facts takes traffic for `address` (canonical, of `family`). */
export function bindCovers(bind: BindFact, address: string, family: 4 | 6): boolean {
  if (bind.address !== undefined) return bind.address === address;
  if (bind.family === family) return true;
  // An IPv6 wildcard accepts IPv4 too unless `v6only` (or the host's bindv6only) says otherwise.
  return bind.family === 6 && family === 4 && !bind.v6only;
}
