import type { Rule } from '../../common/rule.js';
import { replaceWordsFix } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { advice, entriesIn } from './lifecycle-helpers.js';

/**
 * A keyword, rule-set action or bind/server option that the target HAProxy version no longer
 * accepts. HAProxy refuses such lines ("not supported anymore since HAProxy 2.1"), so this is an
 * error; the message names the replacement, and a fix rewrites the line when the replacement
 * keeps the rest of it valid (`option forceclose` → `option httpclose`).
 */
export const removedKeyword: Rule<HaproxyRuleContext> = {
  code: 'removed-keyword',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A keyword, action or option removed from HAProxy at the target version.',
  check(context, report) {
    const version = context.settings.version;
    for (const used of entriesIn(context, 'removed')) {
      const first = used.words[0];
      const last = used.words[used.words.length - 1];
      if (!first || !last) continue;
      report({
        message: `'${used.name}' was removed in HAProxy ${used.lifecycle?.since ?? version}.${advice(used.lifecycle)}`,
        start: first.start,
        end: last.end,
        ...(used.rewrite !== undefined
          ? { fixes: [replaceWordsFix(used.words, used.rewrite, true, true)] }
          : {}),
      });
    }
  },
};
