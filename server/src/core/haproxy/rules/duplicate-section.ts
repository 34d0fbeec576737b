import type { Rule } from '../../common/rule.js';
import type { Section } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { relatedAt, symbolsOf } from './symbol-helpers.js';

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
    const symbols = symbolsOf(context);
    for (const [kind, severity] of KINDS) {
      for (const name of new Set(symbols.names(kind))) {
        const sections = symbols.sectionsNamed(kind, name);
        const kept: Section[] = [];
        for (const section of sections) {
          const first = kept.find(
            (earlier) => !symbols.activity.exclusive(earlier.header.branch, section.header.branch),
          );
          kept.push(section);
          if (!first) continue;
          const word = section.name ?? section.keyword;
          report({
            message:
              severity === 'error'
                ? `${kind} section '${name}' is already declared above.`
                : `userlist '${name}' is already declared above; HAProxy ignores this one.`,
            start: word.start,
            end: word.end,
            severity,
            related: [relatedAt(context, first.name ?? first.keyword, 'first declared here')],
          });
        }
      }
    }
  },
};
