import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { duplicateGroups, MAX_RELATED } from '../../common/duplicates.js';
import { conditionKey, mayCoexist, rangeOf, relatedAt } from './helpers.js';

/**
 * Two `vrrp_instance` blocks with one name: keepalived 2.2.7 says "already defined" and exits 5.
 * Each name is reported once, on its second definition, with the first and the later ones as
 * related locations.
 */
export const duplicateInstance: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-instance',
  defaultSeverity: 'error',
  summary: 'Two vrrp_instance blocks have the same name.',
  check(context, report) {
    const index = nodeIndex(context);
    const groups = duplicateGroups(
      index.instances,
      (instance) => (instance.word.hasTemplate ? undefined : instance.name),
      (instance) => conditionKey(instance.item),
      (first, later) => mayCoexist(first.item, later.item),
    );
    for (const { first, duplicates } of groups) {
      const [second, ...rest] = duplicates;
      if (!second) continue;
      const more =
        rest.length === 0
          ? ''
          : ` It is defined ${rest.length} more time${rest.length === 1 ? '' : 's'} after this.`;
      report({
        message: `vrrp instance ${second.name} already defined.${more}`,
        ...rangeOf(index, second.item, second.word),
        related: [
          relatedAt(context, index, first.item, first.word, 'first defined here'),
          ...rest
            .slice(0, MAX_RELATED)
            .map((other) =>
              relatedAt(context, index, other.item, other.word, 'defined again here'),
            ),
        ],
      });
    }
  },
};
