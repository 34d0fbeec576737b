/**
 * Syntax tree of a `keepalived.conf`. The tree is keyword-agnostic: every line is a first word plus
 * arguments, optionally followed by a `{ … }` block; the catalog decides later what a line means.
 * All offsets are UTF-16 code units into the document text, `end` exclusive.
 */

/** How a word was quoted in the source. `mixed` means several quoting styles were glued together. */
export type WordQuoting = 'none' | 'double' | 'single' | 'mixed';

/** A `$NAME` or `${NAME}` parameter use inside a word or a definition value. */
export interface ParamRef {
  readonly name: string;
  /** Written as `${NAME}` (may then carry numeric parameters, as in `${_RANDOM 1 9}`). */
  readonly braced: boolean;
  readonly start: number;
  readonly end: number;
}

/** One word of a line, as keepalived splits it. */
export interface KeepalivedWord {
  readonly start: number;
  readonly end: number;
  /** Exact source text, quotes included. */
  readonly raw: string;
  /**
   * Quotes removed and escapes decoded the way keepalived reads script command lines (in 2.2,
   * ordinary keywords keep backslashes literally); template spans and parameter uses are verbatim.
   */
  readonly value: string;
  readonly quoting: WordQuoting;
  /** The word contains a `{{ … }}` / `{% … %}` / `{# … #}` template span: later checks skip it. */
  readonly hasTemplate: boolean;
  /** Parameter uses in the word (empty for most words); expansion is left to later stages. */
  readonly refs: readonly ParamRef[];
}

/** An `@id` / `@^id` prefix making a line depend on the config-id. */
export interface KeepalivedCondition {
  readonly id: string;
  /** `@^id`: the line applies when the config-id is *not* `id`. */
  readonly negated: boolean;
  readonly start: number;
  readonly end: number;
}

interface NodeBase {
  readonly start: number;
  readonly end: number;
  /** Config-id prefix of the line, when there is one. */
  readonly condition: KeepalivedCondition | undefined;
}

/** `{ … }` after an item. */
export interface KeepalivedBlock {
  /** Offset of the `{`. */
  readonly open: number;
  /** Offset of the matching `}`, or undefined when the block is never closed. */
  readonly close: number | undefined;
  readonly items: readonly KeepalivedNode[];
}

/** A keyword line (or a value line inside a list block such as `virtual_ipaddress`). */
export interface KeepalivedItem extends NodeBase {
  readonly kind: 'item';
  readonly keyword: KeepalivedWord;
  readonly args: readonly KeepalivedWord[];
  readonly block: KeepalivedBlock | undefined;
}

/** Spelling of an include directive; the suffix selects extra include checks. */
export type IncludeVariant =
  'include' | 'includer' | 'includem' | 'includew' | 'includeb' | 'includea';

/** An include line. Following it is later work: core has no file system. */
export interface KeepalivedInclude extends NodeBase {
  readonly kind: 'include';
  readonly variant: IncludeVariant;
  readonly keyword: KeepalivedWord;
  /** The glob to include; undefined when the line names no file. */
  readonly path: KeepalivedWord | undefined;
  /** Words after the path (keepalived ignores them). */
  readonly extra: readonly KeepalivedWord[];
}

/** A `$NAME=value` parameter definition, possibly continued over several lines with `\`. */
export interface KeepalivedDefinition extends NodeBase {
  readonly kind: 'definition';
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Value with comments and continuation backslashes removed; continued lines joined by `\n`. */
  readonly value: string;
  /** Source range of the value (from its first character to the end of its last line). */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly multiline: boolean;
  readonly refs: readonly ParamRef[];
}

/** One `~SEQ(…)`, `~SEQx(…)` or `~LST(…)` generator of a sequence line. */
export interface SequenceGenerator {
  readonly kind: 'SEQ' | 'SEQx' | 'LST';
  /** Text between the parentheses. */
  readonly spec: string;
  readonly start: number;
  readonly end: number;
}

/** A sequence/list line: generators followed by the line they repeat. */
interface KeepalivedSequence extends NodeBase {
  readonly kind: 'sequence';
  readonly generators: readonly SequenceGenerator[];
  /** The repeated text split into words (braces there are plain text until expansion). */
  readonly body: readonly KeepalivedWord[];
}

/** Anything that can stand on a line. */
export type KeepalivedNode =
  KeepalivedItem | KeepalivedInclude | KeepalivedDefinition | KeepalivedSequence;

/** A comment, or a template-only line (`{% … %}`) that keepalived never sees. */
export interface KeepalivedComment {
  readonly start: number;
  readonly end: number;
  readonly template: boolean;
}

/** The whole file. */
export interface KeepalivedConfig {
  readonly kind: 'config';
  readonly items: readonly KeepalivedNode[];
  readonly comments: readonly KeepalivedComment[];
  /** Every parameter definition of the file, nested ones included, in document order. */
  readonly definitions: readonly KeepalivedDefinition[];
}
