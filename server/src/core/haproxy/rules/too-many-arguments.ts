import type { Rule } from '../../common/rule.js';
import { hasOpaqueWord, liveStatements } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * Words after the last argument of a keyword that HAProxy refuses them on (`option httpchk GET /
 * HTTP/1.1 extra`, `hash-type consistent sdbm avalanche x`). Many keywords ignore trailing words
 * instead, so only those whose catalog entry says otherwise (`noExtraArgs`, probed with
 * `haproxy -c`) are judged; lines with environment variables or template spans are skipped.
 */
export const tooManyArguments: Rule<HaproxyRuleContext> = {
  code: 'too-many-arguments',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'Words HAProxy refuses after the last argument of a keyword.',
  check(context, report) {
    for (const entry of liveStatements(context)) {
      const match = entry.match;
      const spec = match?.spec;
      if (!match || !spec || spec.noExtraArgs !== true || match.negated) continue;
      if (entry.placement === 'unknown' || hasOpaqueWord(entry.statement)) continue;
      if (spec.args.some((arg) => arg.variadic === true)) continue;
      const count = spec.args.filter((arg) => arg.type !== 'condition').length;
      const extra = entry.args.slice(count);
      const first = extra[0];
      const last = extra[extra.length - 1];
      if (!first || !last) continue;
      report({
        message: `'${spec.name}' takes at most ${count} argument${count === 1 ? '' : 's'}: HAProxy refuses '${first.value}' and what follows.`,
        start: first.start,
        end: last.end,
      });
    }
  },
};
