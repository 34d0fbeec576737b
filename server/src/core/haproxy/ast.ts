/**
 * Syntax tree of a `haproxy.cfg`. Plain readonly data: every node carries UTF-16 offsets into the
 * document (`end` exclusive) and every key is always present (absent parts are `undefined`), so two
 * trees of the same text compare equal with a deep equality check.
 */

/** How the characters of a word were quoted. `mixed` means more than one quoting style was used. */
export type WordQuoting = 'none' | 'double' | 'single' | 'mixed';

/** One word of a line, as HAProxy splits it. */
export interface Word {
  readonly start: number;
  readonly end: number;
  /** The text exactly as written, quotes and backslashes included. */
  readonly raw: string;
  /**
   * The word as HAProxy sees it after unquoting: quotes removed and escapes applied. Environment
   * variables (`${VAR}`, `$VAR` inside double quotes) and template spans are kept literally.
   */
  readonly value: string;
  readonly quoting: WordQuoting;
  /** The value contains an environment variable reference, so its runtime value is unknown. */
  readonly hasVariable: boolean;
  /** The word contains a template span (`{{ … }}`, `{% … %}`, `{# … #}`): later checks skip it. */
  readonly template: boolean;
}

/** A `#` comment, from the hash to the end of the line. */
export interface CommentNode {
  readonly kind: 'comment';
  readonly start: number;
  readonly end: number;
  /** Text after the `#`. */
  readonly text: string;
}

/** A line made only of template tags (`{% if x %}`, `{# note #}`); ignored by every check. */
export interface TemplateLine {
  readonly kind: 'template';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A reference to a named ACL inside a condition, e.g. `is_api` or `!is_api`. */
export interface AclReferenceTerm {
  readonly kind: 'acl';
  /** Odd number of `!` before the name (attached or as separate words). */
  readonly negated: boolean;
  /** The word holding the name; may start with `!` characters. */
  readonly word: Word;
  /** The ACL name without the leading `!` characters. */
  readonly name: string;
  /** Offset of the name inside the word (after the `!` characters). */
  readonly nameStart: number;
  readonly start: number;
  readonly end: number;
}

/** An anonymous ACL between braces: `{ path_beg /api }`. */
export interface AnonymousAclTerm {
  readonly kind: 'anonymous';
  readonly negated: boolean;
  /** The opening word: `{`, or `!{` when negated in the same word. */
  readonly open: Word;
  /** Undefined when the brace is never closed (a syntax error). */
  readonly close: Word | undefined;
  /** The fetch, flags and values between the braces. */
  readonly words: readonly Word[];
  readonly start: number;
  readonly end: number;
}

/** One operand of a condition. */
export type ConditionTerm = AclReferenceTerm | AnonymousAclTerm;

/** Terms joined by an implicit AND. */
export interface ConditionGroup {
  readonly terms: readonly ConditionTerm[];
  readonly start: number;
  readonly end: number;
}

/** The `if …`/`unless …` tail of a rule. Groups are joined by `||` or `or`. */
export interface Condition {
  readonly kind: 'condition';
  readonly polarity: 'if' | 'unless';
  /** The `if` or `unless` word. */
  readonly keyword: Word;
  /** Every word after the keyword. */
  readonly words: readonly Word[];
  /** Non-empty groups only: empty ones (from a stray `||`) are reported, not kept. */
  readonly groups: readonly ConditionGroup[];
  readonly start: number;
  readonly end: number;
}

/** One configuration line: a keyword and its arguments. */
export interface Statement {
  readonly kind: 'statement';
  /** First word. Multi-word keywords (`timeout connect`) are resolved later from the catalogs. */
  readonly keyword: Word;
  /** Words after the first one, up to (not including) `if`/`unless` when the rule takes a condition. */
  readonly args: readonly Word[];
  /** Every word of the line, condition included: a new list at each read (see `buildStatement`). */
  readonly words: readonly Word[];
  /** Present only for keywords that accept a condition and actually have `if`/`unless`. */
  readonly condition: Condition | undefined;
  /** Trailing comment on the same line. */
  readonly comment: CommentNode | undefined;
  /** Index in {@link HaproxyConfig.branches} of the innermost conditional branch enclosing it. */
  readonly branch: number | undefined;
  readonly start: number;
  readonly end: number;
}

/** A line starting with a dot: `.if`, `.elif`, `.else`, `.endif`, `.notice`, … */
export interface Directive {
  readonly kind: 'directive';
  /** The directive word's value (`.if`); unknown directives keep what was written. */
  readonly name: string;
  readonly keyword: Word;
  readonly args: readonly Word[];
  /** The directive word followed by its arguments. */
  readonly words: readonly Word[];
  /** For `.if`/`.elif`: the argument values joined by one space, as HAProxy evaluates them. */
  readonly expression: string | undefined;
  readonly comment: CommentNode | undefined;
  /** Innermost branch enclosing the directive line (for `.elif`/`.else`/`.endif`, the one it closes). */
  readonly branch: number | undefined;
  readonly start: number;
  readonly end: number;
}

/** Anything a section body (or the preamble) holds, in document order. Blank lines are dropped. */
export type Item = Statement | Directive | CommentNode | TemplateLine;

/** A section: its header line and every line up to the next header. */
export interface Section {
  readonly kind: 'section';
  /** Section keyword as written (`backend`). */
  readonly type: string;
  readonly keyword: Word;
  /** The section's name; undefined for unnamed sections and when missing. */
  readonly name: Word | undefined;
  readonly header: Statement;
  readonly items: readonly Item[];
  /** Start of the header line (its leading blanks included). */
  readonly start: number;
  /** Start of the next header line, or the end of the text. */
  readonly end: number;
}

/** One arm of a conditional block. */
export interface ConditionalBranch {
  /** Index of this branch in {@link HaproxyConfig.branches}. */
  readonly index: number;
  /** Index of its block in {@link HaproxyConfig.blocks}. */
  readonly block: number;
  readonly kind: 'if' | 'elif' | 'else';
  readonly directive: Directive;
  /** Branch enclosing the whole block, if nested. */
  readonly parent: number | undefined;
  /** From the start of the directive line to the start of the next arm, the `.endif`, or the text end. */
  readonly start: number;
  readonly end: number;
}

/** An `.if … .endif` block. */
export interface ConditionalBlock {
  readonly index: number;
  /** Indices into {@link HaproxyConfig.branches}, in order. */
  readonly branches: readonly number[];
  /** Undefined when the block is never closed. */
  readonly endif: Directive | undefined;
  readonly parent: number | undefined;
  readonly start: number;
  readonly end: number;
}

/** The whole file. */
export interface HaproxyConfig {
  readonly kind: 'config';
  /** Lines before the first section header. */
  readonly preamble: readonly Item[];
  readonly sections: readonly Section[];
  /** Every `.if`/`.elif`/`.else`/`.endif` directive of the file, in order. */
  readonly conditionals: readonly Directive[];
  readonly blocks: readonly ConditionalBlock[];
  readonly branches: readonly ConditionalBranch[];
  readonly length: number;
}
