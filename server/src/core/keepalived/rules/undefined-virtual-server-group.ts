import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { closeNames, ownLine, rangeOf, replaceWordFix } from './helpers.js';

/**
 * `virtual_server group NAME` without a `virtual_server_group NAME`. keepalived 2.2.7 accepts the
 * file silently (exit 0) but the virtual server then balances no address, hence a warning.
 */
export const undefinedVirtualServerGroup: Rule<KeepalivedRuleContext> = {
  code: 'undefined-virtual-server-group',
  defaultSeverity: 'warning',
  summary: 'virtual_server group names a virtual_server_group that is not defined.',
  check(context, report) {
    const index = nodeIndex(context);
    const table = index.references;
    const names = [...new Set(table.definitions('virtual_server_group').map((site) => site.name))];
    for (const use of table.references('virtual_server_group')) {
      if (use.dynamic || table.resolve(use).length > 0) continue;
      const fixes = ownLine(index, use.item)
        ? closeNames(use.name, names).map((name) =>
            replaceWordFix(use.word, name, `Change to '${name}'`),
          )
        : [];
      report({
        message: `virtual_server_group '${use.name}' is not defined: this virtual server has no address to balance.`,
        ...rangeOf(index, use.item, use.word),
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
  },
};
