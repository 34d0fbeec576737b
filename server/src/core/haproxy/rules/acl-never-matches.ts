import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { neverMatches, readAcl } from './acl-logic.js';
import { liveStatements } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * An ACL that can never match, on an `acl` line or inside `{ … }` in a condition:
 * - a criterion compared with patterns but given none (`acl api path_beg`, `{ path -i }`) and no
 *   `-f` file. HAProxy warns about the bare criterion itself ("no pattern to match against were
 *   provided, so this ACL will never match", `haproxy -c` 2.6.12 and 3.0.11, no line number) and
 *   says nothing once a flag follows; a warning in both cases. `--`, `-m found` and `-m bool` are
 *   the ways to say it on purpose, and are left alone;
 * - `always_false`, a hint: it is sometimes written on purpose to switch a rule off, which
 *   HAProxy's predefined `FALSE` says more plainly.
 */
export const aclNeverMatches: Rule<HaproxyRuleContext> = {
  code: 'acl-never-matches',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'An ACL with no pattern to compare with (or always_false): it never matches.',
  check(context, report) {
    const judge = (words: readonly Word[], name: string | undefined): void => {
      const reading = readAcl(words);
      const why = reading ? neverMatches(reading) : undefined;
      const criterion = words[0];
      if (why === undefined || !criterion) return;
      const what = name === undefined ? 'This anonymous ACL' : `ACL '${name}'`;
      if (why === 'constant') {
        report({
          message: `${what} is always_false and never matches. To switch a rule off on purpose, 'if FALSE' says so more plainly.`,
          severity: 'hint',
          start: criterion.start,
          end: criterion.end,
        });
        return;
      }
      const last = words[words.length - 1] as Word;
      report({
        message: `${what} has no pattern to compare '${criterion.value}' with, so it never matches. Add the values to match, '-m found' to test that the sample exists, '-m bool' to use its value as a boolean, or '--' if this is intended.`,
        start: criterion.start,
        end: last.end,
      });
    };
    for (const entry of liveStatements(context)) {
      const spec = entry.match?.spec;
      if (spec?.name === 'acl' && entry.placement !== 'unknown' && !entry.match?.negated) {
        const name = entry.args[0];
        if (name && entry.args.length > 1) judge(entry.args.slice(1), name.value);
      }
      for (const group of entry.statement.condition?.groups ?? []) {
        for (const term of group.terms) {
          if (term.kind === 'anonymous' && term.close !== undefined) judge(term.words, undefined);
        }
      }
    }
  },
};
