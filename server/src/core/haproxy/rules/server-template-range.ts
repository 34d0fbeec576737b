import { leadingInteger } from '../../common/leading-integer.js';
import type { Rule } from '../../common/rule.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * The count or range of a `server-template` line that HAProxy refuses ("Wrong server-template
 * number or range arg"). HAProxy reads `<n>` as the range 1 to n and `<low>-<high>` as written,
 * each bound with `atoi` (so `5a` is 5 and `a-3` is 0 to 3), and refuses a negative low bound or
 * a high bound below the low one: `0`, `abc`, `3-1`, `1-`, `-3`. This is an error.
 */
export const serverTemplateRange: Rule<HaproxyRuleContext> = {
  code: 'server-template-range',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A server-template count or range HAProxy refuses.',
  check(context, report) {
    for (const entry of liveStatements(context)) {
      if (entry.match?.spec.name !== 'server-template') continue;
      const word = entry.args[1];
      // Without an address after it, missing-address reports the line instead.
      if (!word || entry.args[2] === undefined || opaque(word)) continue;
      const text = word.value;
      const dash = text.indexOf('-');
      let low = leadingInteger(text);
      let high: number;
      if (dash >= 0) high = leadingInteger(text.slice(dash + 1));
      else {
        high = low;
        low = 1;
      }
      if (low >= 0 && high >= low) continue;
      report({
        message: `'${text}' is not a valid server-template count or range: use <n> (1 or more) or <low>-<high> with high >= low.`,
        start: word.start,
        end: word.end,
      });
    }
  },
};
