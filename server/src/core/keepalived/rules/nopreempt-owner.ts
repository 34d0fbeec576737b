import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix, ownLine, rangeOf, relatedAt } from './helpers.js';

/**
 * `nopreempt` on an instance with priority 255, explicit or implied by `state MASTER`. An address
 * owner always preempts: keepalived resets `nopreempt` and 2.2.7 `-t` exits 5.
 */
export const nopreemptOwner: Rule<KeepalivedRuleContext> = {
  code: 'nopreempt-owner',
  defaultSeverity: 'error',
  summary: 'nopreempt is set on an instance with priority 255.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const line = instance.nopreempt;
      if (!line || instance.priority !== 255) continue;
      const cause = instance.priorityLine ?? instance.state;
      const implied = instance.priorityLine === undefined;
      report({
        message: implied
          ? `nopreempt is incompatible with priority 255, which state MASTER implies when no priority is set: keepalived resets it.`
          : `nopreempt is incompatible with priority 255: keepalived resets it.`,
        ...rangeOf(index, line, line.keyword),
        related: cause?.value
          ? [
              relatedAt(
                context,
                index,
                cause.item,
                cause.value,
                implied ? 'implies priority 255' : 'priority 255',
              ),
            ]
          : [],
        fixes: ownLine(index, line) ? [deleteLineFix(context, line, "Remove 'nopreempt'")] : [],
      });
    }
  },
};
