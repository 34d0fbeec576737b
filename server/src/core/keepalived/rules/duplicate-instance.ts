import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './index.js';
import { mayCoexist, rangeOf, relatedAt } from './helpers.js';

/** Two `vrrp_instance` blocks with one name: keepalived 2.2.7 says "already defined" and exits 5. */
export const duplicateInstance: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-instance',
  defaultSeverity: 'error',
  summary: 'Two vrrp_instance blocks have the same name.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      if (instance.word.hasTemplate) continue;
      const first = index.instances.find(
        (other) => other.name === instance.name && mayCoexist(other.item, instance.item),
      );
      if (!first || first === instance) continue;
      report({
        message: `vrrp instance ${instance.name} already defined.`,
        ...rangeOf(index, instance.item, instance.word),
        related: [relatedAt(context, index, first.item, first.word, 'first defined here')],
      });
    }
  },
};
