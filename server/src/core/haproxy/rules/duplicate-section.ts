import type { Rule } from '../../common/rule.js';
import type { HaproxyNameSite } from '../analysis/references.js';
import type { HaproxyRuleContext } from './context.js';
import { liveByName, referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * Non-proxy sections HAProxy refuses to see twice under one name; a second `userlist` is only
 * ignored with a warning, so it is reported at warning level.
 */
const KINDS: ReadonlyMap<string, 'error' | 'warning'> = new Map([
  ['peers', 'error'],
  ['resolvers', 'error'],
  ['cache', 'error'],
  ['mailers', 'error'],
  ['http-errors', 'error'],
  ['ring', 'error'],
  ['userlist', 'warning'],
]);

/**
 * Two `peers`, `resolvers`, `cache`, `mailers`, `http-errors` or `ring` sections with one name:
 * `haproxy -c` rejects the second. A duplicated `userlist` is ignored with a warning. Sections in
 * different arms of one `.if` block never clash.
 */
export const duplicateSection: Rule<HaproxyRuleContext> = {
  code: 'duplicate-section',
  defaultSeverity: 'error',
  summary:
    'Two peers, resolvers, cache, mailers, http-errors, ring or userlist sections share a name.',
  check(context, report) {
    const table = referencesOf(context);
    const { activity } = table.symbols;
    for (const [kind, severity] of KINDS) {
      for (const [name, sections] of liveByName(table.definitions(kind))) {
        const kept: HaproxyNameSite[] = [];
        for (const section of sections) {
          const first = kept.find(
            (earlier) =>
              !activity.exclusive(earlier.section.header.branch, section.section.header.branch),
          );
          kept.push(section);
          if (!first) continue;
          report({
            message:
              severity === 'error'
                ? `${kind} section '${name}' is already declared above.`
                : `userlist '${name}' is already declared above; HAProxy ignores this one.`,
            start: section.start,
            end: section.end,
            severity,
            related: [relatedAt(context, first.word, 'first declared here')],
          });
        }
      }
    }
  },
};
