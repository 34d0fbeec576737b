import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './context.js';
import { requiredCount } from './arguments.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * A keyword line with fewer words than its catalog entry requires. keepalived reports "missing a
 * parameter after keyword" and the config test fails.
 */
/**
 * Keywords keepalived 2.2.7 takes without their value (`keepalived -t` exits 0): an empty
 * `smtp_helo_name` falls back to the host name, a second bare `script` is ignored.
 */
const VALUE_OPTIONAL: ReadonlySet<string> = new Set(['smtp_helo_name', 'script']);

export const missingArgument: Rule<KeepalivedRuleContext> = {
  code: 'missing-argument',
  defaultSeverity: 'error',
  summary: 'A Keepalived keyword without its required argument.',
  check(context, report) {
    walkKeepalived(context, {
      item({ spec, item, uri }) {
        // An unexpanded parameter may stand for any number of words.
        if (!spec || !item.args.every(isConcrete)) return;
        if (VALUE_OPTIONAL.has(spec.name)) return;
        const required = requiredCount(spec);
        if (item.args.length >= required) return;
        const missing = spec.args[item.args.length];
        report({
          ...at(item.keyword, uri),
          message: `Keepalived expects ${missing ? `<${missing.name}>` : 'an argument'} after '${spec.name}'.`,
        });
      },
    });
  },
};
