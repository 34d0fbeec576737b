/**
 * ACL conditions of rules (`… if|unless <cond>`) and the expressions of `.if`/`.elif`.
 *
 * Both follow HAProxy's own readers: a rule condition is read word by word (leading `!` characters
 * are stripped from each word and toggle negation, `||`/`or` start a new group, a `{` word opens an
 * anonymous ACL that runs to the next `}` word), while a `.if` expression is the arguments joined
 * by spaces and read character by character.
 */
import type { Issue } from '../common/issue.js';
import { keptSlice } from '../common/kept-slice.js';
import type {
  AclReferenceTerm,
  AnonymousAclTerm,
  Condition,
  ConditionGroup,
  ConditionTerm,
  Word,
} from './ast.js';
import { syntaxIssue } from './syntax-issues.js';

/** Keywords whose rules end with an optional condition, with the sub-keyword some of them need. */
const CONDITION_KEYWORDS: ReadonlyMap<string, ReadonlySet<string> | undefined> = new Map([
  ['use_backend', undefined],
  ['use-server', undefined],
  ['http-request', undefined],
  ['http-response', undefined],
  ['http-after-response', undefined],
  ['tcp-request', undefined],
  ['tcp-response', undefined],
  ['quic-initial', undefined],
  ['redirect', undefined],
  ['force-persist', undefined],
  ['ignore-persist', undefined],
  ['force-be-switch', undefined],
  ['block', undefined],
  ['pass-header', undefined],
  ['set-param', undefined],
  ['monitor', new Set(['fail'])],
  ['stick', new Set(['on', 'match', 'store-request', 'store-response'])],
  ['stats', new Set(['http-request', 'admin'])],
]);

/**
 * Index in `words` of the `if`/`unless` word that starts the condition of this line, or -1 when
 * the keyword takes no condition or none is written.
 */
export function conditionStart(words: readonly Word[]): number {
  const keyword = words[0];
  if (keyword === undefined || !CONDITION_KEYWORDS.has(keyword.value)) return -1;
  const subs = CONDITION_KEYWORDS.get(keyword.value);
  let from = 1;
  if (subs !== undefined) {
    const sub = words[1];
    if (sub === undefined || !subs.has(sub.value)) return -1;
    from = 2;
  }
  for (let i = from; i < words.length; i++) {
    const value = (words[i] as Word).value;
    if ((value === 'if' || value === 'unless') && !(words[i] as Word).template) return i;
  }
  return -1;
}

interface PendingGroup {
  terms: ConditionTerm[];
  start: number;
}

/**
 * Reads the condition `words[at…]` (`words[at]` is `if` or `unless`). Findings go to `issues`
 * when given; copies of an already checked line pass none.
 */
export function parseCondition(
  words: readonly Word[],
  at: number,
  issues: Issue[] | undefined,
): Condition {
  const keyword = words[at] as Word;
  const polarity = keyword.value === 'unless' ? 'unless' : 'if';
  const groups: ConditionGroup[] = [];
  let group: PendingGroup | undefined;
  let negated = false;
  let bangStart = -1;
  let lastSeparator: Word | undefined = keyword;
  let templated = false;
  const closeGroup = (): void => {
    if (group === undefined) return;
    const last = group.terms[group.terms.length - 1] as ConditionTerm;
    groups.push({ terms: group.terms, start: group.start, end: last.end });
    group = undefined;
  };
  const addTerm = (term: ConditionTerm): void => {
    if (group === undefined) group = { terms: [], start: term.start };
    group.terms.push(term);
    negated = false;
    bangStart = -1;
    lastSeparator = undefined;
  };
  let i = at + 1;
  for (; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.template) templated = true;
    const value = word.value;
    let bangs = 0;
    while (bangs < value.length && value.charCodeAt(bangs) === 33) bangs++;
    if (bangs > 0) {
      if (bangStart === -1) bangStart = word.start;
      if (bangs % 2 === 1) negated = !negated;
    }
    const rest = bangs === 0 ? value : value.slice(bangs);
    if (rest === '') continue;
    if (rest === '||' || rest.toLowerCase() === 'or') {
      if (issues !== undefined && !templated) {
        if (bangStart !== -1) {
          danglingBang(issues, bangStart, bangStart < word.start ? word.start : word.start + bangs);
        }
        if (lastSeparator !== undefined) {
          issues.push(
            syntaxIssue(
              'invalid-condition',
              word.start,
              word.end,
              lastSeparator === keyword
                ? `"${rest}" has nothing on its left: the condition cannot start with it. Remove it or put an ACL before it.`
                : `"${rest}" follows another "||"/"or" with nothing in between. Remove one of them.`,
              'warning',
            ),
          );
        }
      }
      closeGroup();
      negated = false;
      bangStart = -1;
      lastSeparator = word;
      continue;
    }
    const start = bangStart === -1 ? word.start : bangStart;
    if (rest === '{') {
      let close = i + 1;
      while (close < words.length && (words[close] as Word).value !== '}') close++;
      const closeWord = words[close];
      const inner = words.slice(i + 1, close);
      const last = closeWord ?? inner[inner.length - 1] ?? word;
      const term: AnonymousAclTerm = {
        kind: 'anonymous',
        negated,
        open: word,
        close: closeWord,
        words: inner,
        start,
        end: last.end,
      };
      if (issues !== undefined) {
        if (closeWord === undefined) {
          issues.push(
            syntaxIssue(
              'unclosed-anonymous-acl',
              word.start,
              last.end,
              'This anonymous ACL is never closed: HAProxy needs a separate "}" word after the fetch and its values (note the space before "}").',
            ),
          );
        } else if (inner.length === 0) {
          issues.push(
            syntaxIssue(
              'empty-anonymous-acl',
              word.start,
              closeWord.end,
              'The braces hold no ACL: write a fetch (and optionally flags and values) between them, e.g. "{ ssl_fc }".',
            ),
          );
        }
      }
      addTerm(term);
      i = close;
      continue;
    }
    if (rest === '}' && issues !== undefined) {
      issues.push(
        syntaxIssue(
          'unmatched-closing-brace',
          word.start,
          word.end,
          'This "}" closes no anonymous ACL; HAProxy would look for an ACL named "}" and fail. Remove it or add the matching "{".',
        ),
      );
    }
    const term: AclReferenceTerm = {
      kind: 'acl',
      negated,
      word,
      name: rest,
      nameStart: word.start + (word.raw.charCodeAt(0) === 33 ? bangs : 0),
      start,
      end: word.end,
    };
    addTerm(term);
  }
  closeGroup();
  if (issues !== undefined && !templated) {
    if (bangStart !== -1) danglingBang(issues, bangStart, (words[words.length - 1] as Word).end);
    if (lastSeparator === keyword) {
      issues.push(
        syntaxIssue(
          'invalid-condition',
          keyword.start,
          keyword.end,
          `"${keyword.value}" is followed by no condition. HAProxy accepts it, but an empty condition never matches, so the rule is ${polarity === 'if' ? 'never' : 'always'} applied. Add a condition or remove "${keyword.value}".`,
          'warning',
        ),
      );
    } else if (lastSeparator !== undefined) {
      issues.push(
        syntaxIssue(
          'invalid-condition',
          lastSeparator.start,
          lastSeparator.end,
          `The condition ends with "${lastSeparator.value}": add the ACL it should be combined with, or remove it.`,
          'warning',
        ),
      );
    }
  }
  const last = words[words.length - 1] as Word;
  return {
    kind: 'condition',
    polarity,
    keyword,
    words: keptSlice(words, at + 1),
    groups,
    start: keyword.start,
    end: last.end,
  };
}

function danglingBang(issues: Issue[], start: number, end: number): void {
  issues.push(
    syntaxIssue(
      'invalid-condition',
      start,
      end,
      '"!" negates nothing here: HAProxy ignores it. Put it directly before the ACL to negate, or remove it.',
      'warning',
    ),
  );
}

/** Predicates of `.if` expressions known to any HAProxy from 2.6 to 3.4. */
const PREDICATES: ReadonlySet<string> = new Set([
  'defined',
  'feature',
  'streq',
  'strneq',
  'strstr',
  'version_atleast',
  'version_before',
  'openssl_version_atleast',
  'openssl_version_before',
  'ssllib_name_startswith',
  'awslc_api_atleast',
  'awslc_api_before',
  'enabled',
]);

class ExpressionError extends Error {
  constructor(
    readonly at: number,
    message: string,
    readonly code:
      'invalid-conditional-expression' | 'analysis-limit' = 'invalid-conditional-expression',
  ) {
    super(message);
  }
}

/**
 * Deepest parenthesis nesting that is checked. The reader recurses once per `(`, so thousands of
 * them would overflow the stack; no real expression comes near this.
 */
export const MAX_EXPRESSION_DEPTH = 64;

/** Predicate names, matched in place (sticky) so that no suffix of the text is ever copied. */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Recursive-descent reader of `.if` expressions; it only checks, it does not evaluate. */
class ExpressionReader {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  check(): void {
    this.skipBlanks();
    if (this.at >= this.text.length) return;
    this.expression();
    this.skipBlanks();
    if (this.at < this.text.length) {
      const c = this.text.charAt(this.at);
      throw new ExpressionError(
        this.at,
        c === ')'
          ? 'This ")" closes no "(". Remove it or add the matching "(".'
          : `Unexpected "${c}" after a complete expression: join the parts with "&&" or "||".`,
      );
    }
  }

  private skipBlanks(): void {
    while (this.text.charCodeAt(this.at) === 32 || this.text.charCodeAt(this.at) === 9) this.at++;
  }

  private expression(): void {
    this.conjunction();
    this.skipBlanks();
    while (this.text.startsWith('||', this.at)) {
      this.at += 2;
      this.conjunction();
      this.skipBlanks();
    }
  }

  private conjunction(): void {
    this.term();
    this.skipBlanks();
    while (this.text.startsWith('&&', this.at)) {
      this.at += 2;
      this.term();
      this.skipBlanks();
    }
  }

  private term(): void {
    this.skipBlanks();
    while (this.text.charAt(this.at) === '!') {
      this.at++;
      this.skipBlanks();
    }
    const start = this.at;
    const c = this.text.charAt(this.at);
    if (c === '(') {
      if (this.depth >= MAX_EXPRESSION_DEPTH) {
        throw new ExpressionError(
          start,
          `parentheses are nested more than ${MAX_EXPRESSION_DEPTH} deep; halint does not check the rest of this expression.`,
          'analysis-limit',
        );
      }
      this.at++;
      this.depth++;
      this.expression();
      this.depth--;
      this.skipBlanks();
      if (this.text.charAt(this.at) !== ')') {
        throw new ExpressionError(start, 'This "(" is never closed: add the matching ")".');
      }
      this.at++;
      return;
    }
    if (c >= '0' && c <= '9') {
      while (this.text.charAt(this.at) >= '0' && this.text.charAt(this.at) <= '9') this.at++;
      return;
    }
    NAME.lastIndex = this.at;
    const name = NAME.exec(this.text)?.[0];
    if (name === undefined) {
      throw new ExpressionError(
        start,
        this.at >= this.text.length
          ? 'The expression ends where an operand is expected: add a predicate such as version_atleast(2.8), a number, or a parenthesised expression.'
          : `"${c}" cannot start an operand: expected a predicate such as defined(VAR), a number, "!" or "(".`,
      );
    }
    if (!PREDICATES.has(name)) {
      throw new ExpressionError(
        start,
        `"${name}" is not a predicate HAProxy knows (defined, feature, streq, strneq, version_atleast, version_before, …).`,
      );
    }
    this.at += name.length;
    if (this.text.charAt(this.at) !== '(') {
      throw new ExpressionError(
        start,
        `The predicate "${name}" needs its arguments in parentheses, e.g. ${name}(…).`,
      );
    }
    const close = this.text.indexOf(')', this.at);
    if (close === -1) {
      throw new ExpressionError(start, `The arguments of "${name}" are never closed: add ")".`);
    }
    this.at = close + 1;
  }
}

/**
 * Checks the expression of a `.if`/`.elif` directive (`words[0]` is the directive). Expressions that
 * use environment variables or templates are skipped: their text is only known at run time.
 */
export function checkExpression(words: readonly Word[], issues: Issue[]): void {
  const args = words.slice(1);
  if (args.some((word) => word.hasVariable || word.template)) return;
  const text = args.map((word) => word.value).join(' ');
  try {
    new ExpressionReader(text).check();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    // Map the position in the joined text back to the word that holds it.
    let offset = 0;
    let target: Word = args[args.length - 1] ?? (words[0] as Word);
    for (const word of args) {
      if (error.at < offset + word.value.length + 1) {
        target = word;
        break;
      }
      offset += word.value.length + 1;
    }
    issues.push(
      error.code === 'analysis-limit'
        ? syntaxIssue(
            'analysis-limit',
            target.start,
            target.end,
            `In "${(words[0] as Word).value}", ${error.message}`,
            'warning',
          )
        : syntaxIssue(
            'invalid-conditional-expression',
            target.start,
            target.end,
            `Invalid expression in "${(words[0] as Word).value}": ${error.message}`,
          ),
    );
  }
}
