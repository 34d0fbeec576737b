/**
 * Builders of the AST nodes above the word level. They are shared by the parser's actions and by
 * the incremental re-parser, which rebuilds moved lines with them so that a moved node is exactly
 * what a fresh parse would produce.
 */
import type { Issue } from '../common/issue.js';
import { keptSlice } from '../common/kept-slice.js';
import type { CommentNode, Condition, Directive, Item, Section, Statement, Word } from './ast.js';
import { checkExpression, conditionStart, parseCondition } from './conditions.js';
import { sectionKind } from './sections.js';
import { syntaxIssue } from './syntax-issues.js';

const CONDITIONALS: ReadonlySet<string> = new Set(['.if', '.elif', '.else', '.endif']);
const MESSAGES: ReadonlySet<string> = new Set(['.diag', '.notice', '.warning', '.alert']);

/** True for `.if`, `.elif`, `.else` and `.endif`. */
function isConditionalName(name: string): boolean {
  return CONDITIONALS.has(name);
}

/** True for a `.if`, `.elif`, `.else` or `.endif` line. */
export function isConditionalDirective(item: Item): item is Directive {
  return item.kind === 'directive' && isConditionalName(item.name);
}

/** True when the line is a dot directive rather than a configuration statement. */
function isDirectiveLine(words: readonly Word[]): boolean {
  const first = words[0];
  return first !== undefined && !first.template && first.value.charCodeAt(0) === 46;
}

/**
 * A statement as the parser builds it. The line's word list is not kept: it is the keyword, the
 * arguments and the condition's words, which the node holds anyway, and most readers go through
 * `args`. One list less per line is about 9 MB of a 75k-line file's tree; the span, read from the
 * words, 1 MB more.
 */
class ParsedStatement implements Statement {
  readonly kind = 'statement';

  constructor(
    readonly keyword: Word,
    readonly args: readonly Word[],
    readonly condition: Condition | undefined,
    readonly comment: CommentNode | undefined,
    readonly branch: number | undefined,
  ) {}

  /** Where the keyword starts: the span is read from the words, which an edit moves in place. */
  get start(): number {
    return this.keyword.start;
  }

  /** Where the last word ends (the condition's, when there is one). */
  get end(): number {
    if (this.condition !== undefined) return this.condition.end;
    return (this.args[this.args.length - 1] ?? this.keyword).end;
  }

  /** Every word of the line, put together at each read: read it once per use. */
  get words(): readonly Word[] {
    const words = [this.keyword];
    for (const word of this.args) words.push(word);
    const condition = this.condition;
    if (condition === undefined) return words;
    words.push(condition.keyword);
    for (const word of condition.words) words.push(word);
    return words;
  }
}

/** The word at `index` among the statement's keyword and arguments (0 is the keyword). */
export function headWord(statement: Statement, index: number): Word | undefined {
  return index === 0 ? statement.keyword : statement.args[index - 1];
}

/** Whether a word of the statement, condition included, passes `test`. */
export function someWord(statement: Statement, test: (word: Word) => boolean): boolean {
  if (test(statement.keyword) || statement.args.some(test)) return true;
  const condition = statement.condition;
  return condition !== undefined && (test(condition.keyword) || condition.words.some(test));
}

/** Builds a statement; `issues` receives the findings of its condition when given. */
export function buildStatement(
  words: readonly Word[],
  comment: CommentNode | undefined,
  branch: number | undefined,
  issues: Issue[] | undefined,
): Statement {
  const keyword = words[0] as Word;
  const at = conditionStart(words);
  return new ParsedStatement(
    keyword,
    keptSlice(words, 1, at === -1 ? words.length : at),
    at === -1 ? undefined : parseCondition(words, at, issues),
    comment,
    branch,
  );
}

/** Builds a dot directive; `issues` receives its findings when given. */
export function buildDirective(
  words: readonly Word[],
  comment: CommentNode | undefined,
  branch: number | undefined,
  issues: Issue[] | undefined,
): Directive {
  const keyword = words[0] as Word;
  const last = words[words.length - 1] as Word;
  const name = keyword.value;
  const args = words.slice(1);
  const conditional = name === '.if' || name === '.elif';
  if (issues !== undefined) checkDirective(name, words, issues);
  return {
    kind: 'directive',
    name,
    keyword,
    args,
    words,
    expression: conditional ? args.map((word) => word.value).join(' ') : undefined,
    comment,
    branch,
    start: keyword.start,
    end: last.end,
  };
}

function checkDirective(name: string, words: readonly Word[], issues: Issue[]): void {
  const keyword = words[0] as Word;
  if (name === '.if' || name === '.elif') {
    checkExpression(words, issues);
    return;
  }
  let allowed: number;
  if (name === '.else' || name === '.endif') allowed = 0;
  else if (MESSAGES.has(name)) allowed = 1;
  else {
    issues.push(
      syntaxIssue(
        'unknown-directive',
        keyword.start,
        keyword.end,
        `"${name}" is not a directive: HAProxy knows .if, .elif, .else, .endif, .diag, .notice, .warning and .alert.`,
      ),
    );
    return;
  }
  const extra = words[allowed + 1];
  if (extra === undefined) return;
  const last = words[words.length - 1] as Word;
  issues.push(
    syntaxIssue(
      'unexpected-directive-argument',
      extra.start,
      last.end,
      allowed === 0
        ? `"${name}" takes no argument. Remove the extra text or turn it into a comment.`
        : `"${name}" takes a single message word: put the whole message in quotes.`,
    ),
  );
}

/** Builds the node of one non-blank line. */
export function buildLine(
  words: readonly Word[],
  comment: CommentNode | undefined,
  branch: number | undefined,
  issues: Issue[] | undefined,
): Statement | Directive {
  return isDirectiveLine(words)
    ? buildDirective(words, comment, branch, issues)
    : buildStatement(words, comment, branch, issues);
}

/**
 * Builds a section from its header statement and body. `issues` receives the header findings
 * when given.
 */
export function buildSection(
  header: Statement,
  items: readonly Item[],
  start: number,
  end: number,
  issues: Issue[] | undefined,
): Section {
  const keyword = header.keyword;
  const kind = sectionKind(keyword.value);
  let name: Word | undefined;
  if (kind !== undefined && kind.name !== 'none') {
    const first = header.args[0];
    // `defaults from base` names no section: it only inherits.
    const inheritsOnly = keyword.value === 'defaults' && first?.value === 'from';
    name = inheritsOnly ? undefined : first;
    if (name === undefined && kind.name === 'required' && issues !== undefined) {
      issues.push(
        syntaxIssue(
          'missing-section-name',
          keyword.start,
          keyword.end,
          `A "${keyword.value}" section needs a name, e.g. "${keyword.value} ${keyword.value === 'backend' || keyword.value === 'frontend' || keyword.value === 'listen' ? 'app' : 'main'}". HAProxy refuses the header without one.`,
        ),
      );
    }
  }
  return {
    kind: 'section',
    type: keyword.value,
    keyword,
    name,
    header,
    items,
    start,
    end,
  };
}
