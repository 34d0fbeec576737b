import type { ArgSpec, KeywordSpec, Lifecycle, VersionString } from '../../common/catalog.js';

export type { ArgSpec, KeywordSpec, Lifecycle, VersionString };

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

/** A `bind` option, or a `server` / `default-server` option. */
export interface OptionSpec extends EntryBase {
  /** Words the option takes after its name (empty for flags). */
  readonly args: readonly ArgSpec[];
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
