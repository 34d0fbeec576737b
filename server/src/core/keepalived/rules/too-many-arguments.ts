import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './context.js';
import { maximumCount } from './arguments.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * Words after the last argument a keyword takes. keepalived silently ignores them (the config test
 * passes), so this is a warning: the extra words usually mean a typo or a missing newline.
 */
export const tooManyArguments: Rule<KeepalivedRuleContext> = {
  code: 'too-many-arguments',
  defaultSeverity: 'warning',
  summary: 'Words Keepalived ignores after the last argument.',
  check(context, report) {
    walkKeepalived(context, {
      item({ spec, item, uri }) {
        // An unexpanded parameter may stand for any number of words.
        if (!spec || !item.args.every(isConcrete)) return;
        const max = maximumCount(spec);
        if (max === undefined || item.args.length <= max) return;
        const first = item.args[max];
        const last = item.args[item.args.length - 1];
        if (!first || !last) return;
        report({
          ...at({ start: first.start, end: last.end }, uri),
          message: `'${spec.name}' takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`}; Keepalived ignores the rest.`,
          tags: ['unnecessary'],
        });
      },
    });
  },
};
