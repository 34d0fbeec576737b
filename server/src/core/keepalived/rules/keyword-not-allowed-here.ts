import type { Rule } from '../../common/rule.js';
import { KEEPALIVED_CATALOG } from '../catalog/index.js';
import type { KeepalivedRuleContext } from './context.js';
import { at, walkKeepalived } from './walk.js';

/**
 * A keyword that exists, but in other blocks. keepalived only looks keywords up in the current
 * block, so it reports "Unknown keyword" and fails the config test.
 */
export const keywordNotAllowedHere: Rule<KeepalivedRuleContext> = {
  code: 'keyword-not-allowed-here',
  defaultSeverity: 'error',
  summary: 'A Keepalived keyword used in a block where it does not belong.',
  check(context, report) {
    walkKeepalived(context, {
      item({ item, context: block, spec, uri }) {
        if (spec) return;
        const name = item.keyword.value;
        const homes = KEEPALIVED_CATALOG.contextsOf(name);
        if (homes.length === 0) return;
        const where = block === 'top' ? 'at the top level' : `in '${block}'`;
        const list = homes.map((home) => (home === 'top' ? 'the top level' : `'${home}'`));
        report({
          ...at(item.keyword, uri),
          message: `Keepalived does not accept '${name}' ${where}; it belongs in ${list.join(', ')}.`,
          data: { contexts: homes },
        });
      },
    });
  },
};
