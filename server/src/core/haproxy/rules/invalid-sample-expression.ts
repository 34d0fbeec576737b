import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { formatClose, visitSampleWords, type SampleWordVisitor } from './sample-helpers.js';

/** A structural mistake in one sample expression, at document offsets. */
interface Problem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** What HAProxy reads as a fetch or converter name (its `is_idchar`). */
const NAME = /^[A-Za-z0-9_.+:-]+/;

/**
 * Reads `fetch(args),conv(args),…` the way HAProxy's sample parser walks it: a name, optional
 * parenthesised arguments, then a comma and the next converter, or the end. `inFormat` says the
 * expression sits in `%[…]`, where HAProxy names the `]` it expected. Parentheses are counted
 * (HAProxy stops at the first `)`), so nested ones are given the benefit of the doubt.
 */
function structureProblem(text: string, at: number, inFormat: boolean): Problem | undefined {
  let i = 0;
  let first = true;
  for (;;) {
    const name = NAME.exec(text.slice(i))?.[0];
    if (name === undefined) {
      if (!first) return undefined;
      const shown = text === '' ? '' : ` '${text}'`;
      return {
        start: at + i,
        end: at + Math.max(i + 1, text.length),
        message: `The sample expression${shown} has no fetch method: write the fetch name before the parentheses, as in hdr(host).`,
      };
    }
    first = false;
    i += name.length;
    if (text[i] === '(') {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      if (i >= text.length) return undefined;
      i++;
    }
    if (i >= text.length) return undefined;
    const next = text[i] ?? '';
    if (next === ',') {
      i++;
      continue;
    }
    const before = text.slice(0, i);
    return {
      start: at + i,
      end: at + i + 1,
      message: inFormat
        ? `HAProxy expected ']' after '${before}' but found '${next}'.`
        : `HAProxy expected a comma (converter) or the end after '${before}' but found '${next}'.`,
    };
  }
}

/** Problems of a whole word read as a sample expression (ACL criteria, `sample` arguments). */
function wordProblem(word: Word): Problem | undefined {
  if (opaque(word) || word.quoting !== 'none' || /[\\"'[\]]/.test(word.raw)) return undefined;
  return structureProblem(word.raw, word.start, false);
}

/** Problems of the `%[…]` spans of a log-format or string word. */
function formatProblems(word: Word, into: Problem[]): void {
  if (opaque(word) || word.raw.includes('\\')) return;
  const raw = word.raw;
  for (let open = raw.indexOf('%['); open >= 0; open = raw.indexOf('%[', open + 2)) {
    const close = formatClose(raw, open);
    const inner = raw.slice(open + 2, close < 0 ? raw.length : close);
    if (/["'\s]/.test(inner)) return;
    const problem = structureProblem(inner, word.start + open + 2, true);
    if (problem) {
      into.push(problem);
      return;
    }
    if (close < 0) {
      into.push({
        start: word.start + open,
        end: word.end,
        message: `HAProxy expected ']' to close '%[${inner}'.`,
      });
      return;
    }
  }
}

/**
 * A sample expression HAProxy cannot read: parentheses with no fetch name before them
 * (`{ (host) -m found }`, `%[(host)]`: "missing fetch method"), something other than a comma after
 * a fetch or converter (`%[hdr(host))]`: "expected ']' … but found ')'"; in an ACL "missing comma
 * after fetch keyword"), or a `%[` never closed ("missing ']'"). HAProxy refuses the line, so this
 * is an error. Quoted or escaped expressions are left alone: their text is not what HAProxy reads.
 */
export const invalidSampleExpression: Rule<HaproxyRuleContext> = {
  code: 'invalid-sample-expression',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A sample expression HAProxy cannot read (no fetch name, stray character, open %[).',
  check(context, report) {
    const problems: Problem[] = [];
    const visitor: SampleWordVisitor = {
      whole(word) {
        const problem = wordProblem(word);
        if (problem) problems.push(problem);
      },
      format(word) {
        formatProblems(word, problems);
      },
    };
    for (const entry of liveStatements(context)) visitSampleWords(entry, visitor);
    for (const problem of problems) report(problem);
  },
};
