/**
 * HAProxy-specific additions to the generic `KeywordSpec`: facts the proxy matrix and the manual
 * give that the common contract has no field for.
 */
import type { ArgSpec, KeywordSpec, VersionString } from '../../common/catalog.js';
import type { RuleSet } from './types.js';

/** An argument with HAProxy extras. */
export interface HaproxyArgSpec extends ArgSpec {
  /** Enum values that appeared later than the keyword itself: value → first version. */
  readonly valueSince?: Readonly<Record<string, VersionString>>;
  /** Enum values may carry a parenthesised argument, e.g. `hdr(host)` or `random(2)`. */
  readonly callSuffix?: boolean;
  /**
   * HAProxy refuses a malformed value here (checked with `haproxy -c`): a number, time or size
   * not starting with a digit, or an enum value outside `values`. Many numeric settings are read
   * leniently (junk becomes 0), so only arguments with this flag are judged.
   */
  readonly strict?: boolean;
  /** With `strict`: HAProxy also refuses numbers outside `min`/`max`. */
  readonly strictRange?: boolean;
}

/** The sections a keyword was allowed in before some version. */
interface SectionHistory {
  /** First version that uses the keyword's current `sections`. */
  readonly until: VersionString;
  /** The sections allowed before `until`. */
  readonly sections: readonly string[];
}

/** A keyword of a HAProxy section. */
export interface HaproxyKeywordSpec extends KeywordSpec {
  readonly args: readonly HaproxyArgSpec[];
  /** In `defaults`, only accepted in a named defaults section (`(!)` in the proxy matrix). */
  readonly namedDefaultsOnly?: boolean;
  /** Earlier section sets, oldest first, when the matrix changed between 2.6 and 3.4. */
  readonly sectionHistory?: readonly SectionHistory[];
  /** The rule set this keyword introduces; its actions live in `ACTIONS`. */
  readonly ruleset?: RuleSet;
  /** Needs `expose-experimental-directives` in `global`. */
  readonly experimental?: boolean;
  /**
   * The last word of the name may carry parenthesised arguments, as in
   * `http-check set-var(txn.x) <expr>` or `persist rdp-cookie(<name>)`.
   */
  readonly nameArgs?: boolean;
  /**
   * Only known to builds compiled with this feature (`quic`, `zlib`, `51degrees`, `deviceatlas`,
   * `wurfl`, `openssl-engine`, `memory-profiling`). Debian's 2.6 package, for one, reports these
   * as unknown keywords, so a linter should not call them errors without knowing the build.
   */
  readonly buildOption?: string;
  /** HAProxy refuses the line when a required argument is missing (checked with `haproxy -c`). */
  readonly requiresArgs?: boolean;
  /**
   * HAProxy refuses words beyond the last argument (checked with `haproxy -c`); many keywords
   * silently ignore them instead.
   */
  readonly noExtraArgs?: boolean;
  /**
   * The keyword defines something of this kind, named by its first argument (`acl <name>`,
   * `server <name>`); a proxy's `stick-table` defines the table named after the proxy.
   */
  readonly defines?: string;
}
