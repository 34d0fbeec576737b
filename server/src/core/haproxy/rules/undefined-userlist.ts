import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { proxyReferences } from './symbol-helpers.js';

/**
 * `http_auth(<userlist>)` / `http_auth_group(<userlist>)` naming no `userlist` section: `haproxy -c`
 * rejects it ("unable to find userlist").
 */
export const undefinedUserlist: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-userlist',
  kind: 'userlist',
  severity: 'error',
  summary: 'http_auth or http_auth_group names a userlist that does not exist.',
  *collect(table) {
    for (const { site } of proxyReferences(table, 'userlist')) yield { site, via: 'http_auth' };
  },
});
