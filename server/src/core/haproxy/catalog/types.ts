import type { ArgSpec, Lifecycle, VersionString } from '../../common/catalog.js';

export type { ArgSpec, Lifecycle, VersionString };

/** Fields every HAProxy catalog entry shares. */
export interface EntryBase {
  readonly name: string;
  readonly summary: string;
  /** A few sentences in our own words (Markdown). */
  readonly description: string;
  /** Link to this entry in the official configuration manual. */
  readonly docUrl: string;
  /** First HAProxy version that documents it; absent means 2.0 or older. */
  readonly since?: VersionString;
  readonly deprecated?: Lifecycle;
  readonly removed?: Lifecycle;
}

/**
 * How HAProxy parses the value of one `server` / `bind` option, as far as `haproxy -c` refuses
 * bad values. Established on the Debian 2.6.12 build with valid and invalid cases of each option,
 * and on Debian's 3.0.11 for the few newer options that carry one (`curves` on servers,
 * `sigalgs`, `client-sigalgs`); an option argument without a check is not judged.
 *
 * - `word`: any word is fine, but the option must not end the line;
 * - `time`: digits then at most one unit (`us`, `ms`, `s`, `m`, `h`, `d`); text after the unit
 *   only draws a warning in 2.6, an unknown character right after the digits is an error, and so
 *   is a value above 2147483647 ms. `positive` refuses 0;
 * - `atol`: the leading integer is read (`7a` is 7, `abc` is 0), truncated to 32 bits, then
 *   compared with `min`/`max`; `abs` compares its absolute value;
 * - `integer`: the whole word must be an integer, at least `min`;
 * - `enum`: one of `values`; `list` allows a comma-separated list of them;
 * - `mux`: a multiplexer protocol name known at the target version;
 * - `init-addr`: comma-separated `libc`, `last`, `none` or IP addresses;
 * - `shards`: `by-thread` or a count of at least 1.
 *
 * `optional` marks options HAProxy accepts at the end of the line (the value reads as empty).
 */
export type OptionValueCheck =
  | { readonly kind: 'word'; readonly optional?: boolean }
  | { readonly kind: 'time'; readonly positive?: boolean; readonly optional?: boolean }
  | {
      readonly kind: 'atol';
      readonly min?: number;
      readonly max?: number;
      readonly abs?: boolean;
      readonly optional?: boolean;
    }
  | { readonly kind: 'integer'; readonly min: number; readonly optional?: boolean }
  | {
      readonly kind: 'enum';
      readonly values: readonly string[];
      readonly list?: boolean;
      readonly optional?: boolean;
    }
  | { readonly kind: 'mux'; readonly optional?: boolean }
  | { readonly kind: 'init-addr'; readonly optional?: boolean }
  | { readonly kind: 'shards'; readonly optional?: boolean };

/** An argument of a `bind` / `server` option. */
export interface OptionArgSpec extends ArgSpec {
  /** How HAProxy parses this value, when it refuses bad ones (read by invalid-option-value). */
  readonly check?: OptionValueCheck;
}

/** A `bind` option, or a `server` / `default-server` option. */
export interface OptionSpec extends EntryBase {
  /** Words the option takes after its name (empty for flags). */
  readonly args: readonly OptionArgSpec[];
  /** Server options only: also accepted on `default-server` lines. */
  readonly defaultServer?: boolean;
  /** Has a `no-<name>` form that cancels an inherited setting. */
  readonly negatable?: boolean;
  /** Only with an SSL-enabled build (all Debian builds are). */
  readonly ssl?: boolean;
}

/** The rule sets whose lines are `<ruleset> <action> [args] [if|unless cond]`. */
export type RuleSet =
  | 'http-request'
  | 'http-response'
  | 'http-after-response'
  | 'tcp-request connection'
  | 'tcp-request session'
  | 'tcp-request content'
  | 'tcp-response content'
  | 'quic-initial'
  | 'http-check'
  | 'tcp-check';

/** One action of one or more rule sets. */
export interface ActionSpec extends EntryBase {
  readonly rulesets: readonly RuleSet[];
  readonly args: readonly ArgSpec[];
  /** Stops rule evaluation (accept, deny, redirect, …). */
  readonly final?: boolean;
  /** Needs `expose-experimental-directives` in `global`. */
  readonly experimental?: boolean;
  /** Per rule set version overrides, when an action reached rule sets in different versions. */
  readonly rulesetSince?: Readonly<Partial<Record<RuleSet, VersionString>>>;
}

/** Output or input type of a sample fetch or converter. */
export type SampleType =
  | 'any'
  | 'boolean'
  | 'integer'
  | 'ip'
  | 'ipv4'
  | 'ipv6'
  | 'string'
  | 'binary'
  | 'method'
  | 'address';

/** A sample fetch or a converter (tier 2: one-line summaries). */
export interface SampleSpec extends EntryBase {
  readonly kind: 'fetch' | 'converter';
  /** Argument signature as written after the name, e.g. `([<name>[,<occ>]])`; empty when none. */
  readonly signature: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly output: SampleType;
  /** Converters: the type they accept. */
  readonly input?: SampleType;
  /** Fetches: the manual's layer (`internal`, `l4`, `l5`, `l6`, `l7`, `dev`). */
  readonly layer?: 'internal' | 'l4' | 'l5' | 'l6' | 'l7' | 'dev';
  /**
   * The manuals that describe the sample, with its section in each, when that is not simply
   * `docUrl`'s section in every manual from `since` on (the sample moved, or some manuals leave
   * it out). Read by `sampleDocUrl`.
   */
  readonly docSections?: Readonly<Record<string, string>>;
}

/** A predefined ACL such as `TRUE` or `METH_GET`. */
export interface PredefinedAcl extends EntryBase {
  /** Equivalent expression, e.g. `method GET`. */
  readonly equivalent: string;
}
