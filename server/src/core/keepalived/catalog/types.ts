/**
 * Keepalived-specific extension of the shared `KeywordSpec`. Contexts are named after the keyword
 * that opens the block (`vrrp_instance`, `real_server`, `HTTP_GET`, `url`, …); `'top'` is the file
 * level. List blocks (`virtual_ipaddress { … }`, `track_script { … }`, …) hold value lines rather than
 * keywords: their spec carries `listBlock` and a `list` grammar instead of a `blockContext`.
 */
import type { ArgSpec, KeywordSpec, Lifecycle, VersionString } from '../../common/catalog.js';

/** Target versions the catalog answers for (2.2 means 2.2.7, 2.4 the development head). */
export type KeepalivedVersion = '2.2' | '2.3' | '2.4';
export const KEEPALIVED_VERSIONS: readonly KeepalivedVersion[] = ['2.2', '2.3', '2.4'];

/** The release each target series was checked against (Debian 12's and 13's builds). */
const CHECKED_RELEASE: Readonly<Record<string, string>> = { '2.2': '2.2.7', '2.3': '2.3.3' };

/**
 * The release a target version stands for when comparing with catalog lifecycles: the release
 * checked against, Debian's build of that series (`2.2` is 2.2.7, so `2.2.3` deprecations
 * already apply to it; `2.3` is 2.3.3, so `2.3.2` keywords exist there). Any other version,
 * `2.4` or a full `x.y.z`, stands for itself. Validation and the editor features compare through
 * `lifecycleAt`, which applies it, so they agree on what a target has.
 */
export function effectiveVersion(version: string): string {
  return CHECKED_RELEASE[version] ?? version;
}

/** What the lines of a list block are. */
type ListKind =
  | 'vip' // address[/prefix] with ip-address options
  | 'route' // ip route style lines
  | 'rule' // ip rule style lines
  | 'track' // `<name> [weight <n> [reverse|noreverse]]`
  | 'peer' // unicast peer addresses
  | 'email' // e-mail addresses
  | 'group' // vrrp_instance names
  | 'interface' // interface names (with an optional polling type for linkbeat)
  | 'if-delay' // `<ifname> <down_delay> [<up_delay>]`
  | 'vsg'; // virtual_server_group members: `<addr|range> [port]` or `fwmark <n> [inet|inet6]`

/** An option word that may follow the head of a list line (`dev eth0`, `weight -20`, `no_track`). */
export interface ListOption {
  readonly name: string;
  /** Words taken after the option name (empty for flags). */
  readonly args: readonly ArgSpec[];
  readonly summary: string;
  readonly since?: VersionString;
  readonly deprecated?: Lifecycle;
  /** Only meaningful in the listed list keywords (e.g. `track_group` only in `static_*`). */
  readonly onlyIn?: readonly string[];
  /** Before this version the option takes no words at all (`use_vmac` before a VMAC name). */
  readonly argsSince?: VersionString;
}

/** Grammar of one value line of a list block, as data. */
export interface ListGrammar {
  readonly kind: ListKind;
  /** One line, for hover on a value line. */
  readonly summary: string;
  /** Positional words at the start of the line. */
  readonly head: readonly ArgSpec[];
  /** Option words allowed after the head, in any order. */
  readonly options: readonly ListOption[];
  /** Words not listed in `options` are tolerated (route/rule syntax follows iproute2 closely). */
  readonly openEnded?: boolean;
  /** Several values may share one line (e-mail addresses, instance names). */
  readonly manyPerLine?: boolean;
  /** Alternative line forms starting with a keyword (`fwmark 5 inet` in a virtual_server_group). */
  readonly forms?: readonly ListOption[];
}

/** The section of keepalived.conf(5) an entry is documented in (used to build `docUrl`). */
export type DocSection =
  | 'description'
  | 'global'
  | 'linkbeat'
  | 'track-group'
  | 'static'
  | 'track-file'
  | 'track-process'
  | 'bfd'
  | 'vrrp-script'
  | 'sync-group'
  | 'garp-group'
  | 'vrrp-instance'
  | 'if-delays'
  | 'vs-group'
  | 'virtual-server'
  | 'ssl';

export interface KeepalivedKeywordSpec extends KeywordSpec {
  /** The keyword opens a `{ … }` block of value lines described by `list`. */
  readonly listBlock?: ListKind;
  readonly list?: ListGrammar;
  /** Compile-time guard(s) in keepalived's source, e.g. `_WITH_LVS_`; informative only. */
  readonly guard?: string;
  /** Another spelling of the same keyword that keepalived accepts. */
  readonly aliasOf?: string;
  /** May appear in any context (the `include` family is handled by the lexer). */
  readonly anywhere?: boolean;
  /** The keyword's first argument names an object (`vrrp_instance VI_1`): its kind. */
  readonly defines?: string;
}

/** Lifecycle of a keyword at a target version. */
export type LifecycleState = 'ok' | 'not-yet' | 'deprecated' | 'removed';
