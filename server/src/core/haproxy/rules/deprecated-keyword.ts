import type { Rule } from '../../common/rule.js';
import { replaceWordsFix } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { advice, entriesIn } from './lifecycle-helpers.js';

/**
 * A keyword, rule-set action or bind/server option that still works at the target version but is
 * on its way out. HAProxy at most warns about these, so this is a warning, tagged so that editors
 * strike the word through; a fix applies the replacement when it is a plain rename.
 */
export const deprecatedKeyword: Rule<HaproxyRuleContext> = {
  code: 'deprecated-keyword',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A keyword, action or option deprecated at the target HAProxy version.',
  check(context, report) {
    for (const used of entriesIn(context, 'deprecated')) {
      const first = used.words[0];
      const last = used.words[used.words.length - 1];
      if (!first || !last) continue;
      report({
        message: `'${used.name}' is deprecated since HAProxy ${used.lifecycle?.since ?? '?'}.${advice(used.lifecycle)}`,
        start: first.start,
        end: last.end,
        tags: ['deprecated'],
        ...(used.rewrite !== undefined
          ? { fixes: [replaceWordsFix(used.words, used.rewrite, true, true)] }
          : {}),
      });
    }
  },
};
