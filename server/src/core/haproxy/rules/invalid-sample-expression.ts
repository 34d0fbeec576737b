import type { Rule } from '../../common/rule.js';
import type { ResolvedStatement } from '../analysis/resolve.js';
import type { ArgSpec } from '../catalog/types.js';
import type { Word } from '../ast.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

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
    let depth = 0;
    let close = -1;
    for (let i = open + 2; i < raw.length; i++) {
      const c = raw[i];
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (c === ']' && depth === 0) {
        close = i;
        break;
      }
    }
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

function argumentProblems(
  specs: readonly ArgSpec[],
  words: readonly Word[],
  from: number,
  into: Problem[],
): void {
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (!spec) break;
    const first = from + i;
    const last = spec.variadic === true ? words.length : Math.min(first + 1, words.length);
    for (let at = first; at < last; at++) {
      const word = words[at];
      if (!word) continue;
      if (spec.type === 'sample') {
        const problem = wordProblem(word);
        if (problem) into.push(problem);
      } else if (spec.type === 'log-format' || spec.type === 'string') {
        formatProblems(word, into);
      }
    }
    if (spec.optional === true || spec.variadic === true) break;
  }
}

function entryProblems(entry: ResolvedStatement, into: Problem[]): void {
  const spec = entry.match?.spec;
  if (spec && entry.placement !== 'unknown' && !entry.match?.negated) {
    if (spec.name === 'acl') {
      const criterion = entry.args[1];
      const problem = criterion ? wordProblem(criterion) : undefined;
      if (problem) into.push(problem);
    } else if (entry.action) {
      if (entry.action.spec) argumentProblems(entry.action.spec.args, entry.args, 1, into);
    } else if (spec.ruleset === undefined && !spec.nameArgs) {
      argumentProblems(spec.args, entry.args, 0, into);
    }
  }
  for (const group of entry.statement.condition?.groups ?? []) {
    for (const term of group.terms) {
      if (term.kind !== 'anonymous') continue;
      const criterion = term.words[0];
      const problem = criterion ? wordProblem(criterion) : undefined;
      if (problem) into.push(problem);
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
  defaultSeverity: 'error',
  summary: 'A sample expression HAProxy cannot read (no fetch name, stray character, open %[).',
  check(context, report) {
    const problems: Problem[] = [];
    for (const { entry } of liveStatements(context)) entryProblems(entry, problems);
    for (const problem of problems) report(problem);
  },
};
