import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { liveByName, referencesOf } from './symbol-helpers.js';

/**
 * `user <name> insecure-password <pw>` in a `userlist`: the password sits in clear text in the
 * configuration (and in every backup and copy of it). Use `password` with a crypt(3) hash.
 */
export const insecurePassword: Rule<HaproxyRuleContext> = {
  code: 'insecure-password',
  defaultSeverity: 'warning',
  summary: 'A userlist user has a clear-text password.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    for (const sites of liveByName(table.definitions('userlist')).values()) {
      for (const { section } of sites) {
        for (const item of section.items) {
          if (item.kind !== 'statement' || item.keyword.value !== 'user') continue;
          if (!symbols.activity.isLive(item.branch)) continue;
          const at = item.args.findIndex((word) => word.value === 'insecure-password');
          const word = item.args[at];
          if (at === -1 || !word) continue;
          report({
            message: `user '${item.args[0]?.value ?? ''}' has a clear-text password; store a hash with 'password' instead.`,
            start: word.start,
            end: item.args[at + 1]?.end ?? word.end,
          });
        }
      }
    }
  },
};
