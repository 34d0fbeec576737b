import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';
import { wordAfter } from './symbol-helpers.js';

/**
 * `errorfiles <name>` (the keyword, or the option of `http-error`, `http-request return|deny`, …)
 * naming no `http-errors` section: `haproxy -c` rejects it ("unknown http-errors section").
 */
export const undefinedHttpErrors: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-http-errors',
  kind: 'http-errors',
  severity: 'error',
  summary: 'errorfiles names an http-errors section that does not exist.',
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const statement of proxy.body) {
        if (statement.keyword.value === 'errorfiles') {
          const name = statement.args[0];
          if (name) yield { word: name, via: 'errorfiles' };
          continue;
        }
        if (statement.keyword.value === 'errorfile') continue;
        const name = wordAfter(statement, 'errorfiles')?.value;
        if (name) yield { word: name, via: `'${statement.keyword.value} … errorfiles'` };
      }
    }
  },
});
