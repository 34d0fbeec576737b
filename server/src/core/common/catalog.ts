/**
 * Types of the keyword catalogs. The catalogs are data: every keyword of a language, where it may
 * appear, what arguments it takes and in which versions it exists. Completion, hover, signature help
 * and the validation rules are all driven by these records, never by keyword lists in code.
 */

/** A version as `major.minor` (patch levels are ignored when comparing). */
export type VersionString = string;

/** Kinds of argument value a validator knows how to check. */
export type ArgType =
  | 'word' // any single word
  | 'name' // an identifier this config defines (backend name, script name, …)
  | 'reference' // a name defined elsewhere (see `ArgSpec.refers`)
  | 'int'
  | 'float'
  | 'time' // HAProxy: digits with us/ms/s/m/h/d; Keepalived: seconds, decimals allowed
  | 'size' // digits with k/m/g
  | 'bool' // Keepalived on/off/true/false/yes/no
  | 'address' // IPv4/IPv6/host name, optionally with port or prefix as the spec says
  | 'port'
  | 'port-range'
  | 'interface'
  | 'enum'
  | 'path'
  | 'url'
  | 'string' // free text (possibly quoted)
  | 'condition' // HAProxy `if`/`unless` ACL condition
  | 'sample' // HAProxy sample expression: fetch followed by converters
  | 'log-format' // HAProxy log-format string
  | 'regex'
  | 'options' // a list of sub-options (bind/server options) resolved by their own catalog
  | 'command'; // a script command line

/** One argument position of a keyword. */
export interface ArgSpec {
  /** Short name shown in signature help, e.g. `timeout` or `backend`. */
  readonly name: string;
  readonly type: ArgType;
  /** Allowed values for `enum`. */
  readonly values?: readonly string[];
  /** Inclusive numeric range for `int`/`float`/`port`. */
  readonly min?: number;
  readonly max?: number;
  readonly optional?: boolean;
  /** Takes all remaining words. */
  readonly variadic?: boolean;
  /** For `reference`: the kind of thing named (`backend`, `userlist`, `vrrp_script`, …). */
  readonly refers?: string;
  /**
   * With `refers`: only a word starting with this prefix names something, the name being the rest
   * of the word (`ring@<name>` among the log targets).
   */
  readonly refersPrefix?: string;
  /**
   * Among the words this argument covers (every remaining word when `variadic`), a word equal to
   * a key is followed by a name of that kind: `{ peers: 'peers' }` on the options of
   * `stick-table` reads `peers <name>`.
   */
  readonly refersAfter?: Readonly<Record<string, string>>;
}

/** Deprecation or removal of a keyword. */
export interface Lifecycle {
  /** First version in which it is deprecated (or removed). */
  readonly since: VersionString;
  /** What to write instead, as a keyword or a short phrase. */
  readonly replacement?: string;
  /** Our own explanation, shown in the diagnostic. */
  readonly note?: string;
}

/** One directive of a configuration language. */
export interface KeywordSpec {
  /** Full keyword, possibly several words: `timeout connect`, `option httplog`. */
  readonly name: string;
  /** Contexts (section kinds or block names) where the keyword is valid. */
  readonly sections: readonly string[];
  readonly args: readonly ArgSpec[];
  /** One line, for completion details. */
  readonly summary: string;
  /** A few sentences in our own words (Markdown), for hover. */
  readonly description: string;
  /** Link to the official documentation of this keyword. */
  readonly docUrl: string;
  /** Version in which it appeared; absent means before the oldest version we track. */
  readonly since?: VersionString;
  readonly deprecated?: Lifecycle;
  readonly removed?: Lifecycle;
  /** HAProxy: may be prefixed with `no` (options). */
  readonly negatable?: boolean;
  /** May appear more than once in one section/block. Defaults to true. */
  readonly repeatable?: boolean;
  /** Keepalived: the keyword opens a `{ … }` block whose context is `blockContext`. */
  readonly blockContext?: string;
  /** Snippet body (LSP snippet syntax) for the arguments. */
  readonly snippet?: string;
}

/** Compares two `major.minor[.patch]` versions: negative, zero or positive. */
export function compareVersions(a: VersionString, b: VersionString): number {
  const pa = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
