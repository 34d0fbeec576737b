import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf } from './helpers.js';

/**
 * A tracked interface that the file uses nowhere else. Interfaces are host facts the linter cannot
 * see, so this is only a hint that the name may be a typo; keepalived itself refuses the whole
 * file when a tracked interface does not exist on the host.
 */
export const trackInterface: Rule<KeepalivedRuleContext> = {
  code: 'track-interface',
  defaultSeverity: 'hint',
  summary: 'A track_interface name is used nowhere else in the file; it must exist on every host.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const owner of [...index.instances, ...index.syncGroups]) {
      for (const use of owner.trackInterfaces) {
        if (use.word.refs.length > 0 || index.interfaceNames.has(use.name)) continue;
        report({
          message: `Interface '${use.name}' is tracked but used nowhere else in this file: keepalived rejects the configuration on a host without it.`,
          ...rangeOf(index, use.item, use.word),
        });
      }
    }
  },
};
