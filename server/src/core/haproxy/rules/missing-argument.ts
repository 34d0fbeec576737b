import type { Rule } from '../../common/rule.js';
import { hasOpaqueWord, liveStatements } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * A keyword written without an argument HAProxy requires (`timeout client`, `monitor-uri`,
 * `capture request header Host len`). Only keywords whose catalog entry says HAProxy refuses the
 * short line (`requiresArgs`, probed with `haproxy -c`) are judged: many settings quietly take a
 * missing number as zero. A line holding an environment variable or a template span is skipped,
 * since one such word may expand to several.
 */
export const missingArgument: Rule<HaproxyRuleContext> = {
  code: 'missing-argument',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A keyword without an argument it requires.',
  check(context, report) {
    for (const entry of liveStatements(context)) {
      const match = entry.match;
      const spec = match?.spec;
      if (!match || !spec || spec.requiresArgs !== true || match.negated) continue;
      if (entry.placement === 'unknown' || hasOpaqueWord(entry.statement)) continue;
      // The `if`/`unless` tail is not among `entry.args`, so condition arguments are not counted.
      const needed = spec.args.filter((arg) => arg.optional !== true && arg.type !== 'condition');
      if (entry.args.length >= needed.length) continue;
      const missing = needed[entry.args.length];
      const first = entry.words[0];
      const last = entry.words[entry.words.length - 1];
      if (!first || !last || !missing) continue;
      report({
        message: `'${spec.name}' needs its <${missing.name}> argument: HAProxy refuses the line without it.`,
        start: first.start,
        end: last.end,
      });
    }
  },
};
