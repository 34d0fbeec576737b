import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { isStrictMode, ownLine, rangeOf, relatedAt, replaceWordFix } from './helpers.js';

/**
 * `priority 255` with `state BACKUP`. Priority 255 claims address ownership, so the node takes
 * over at once whatever its state says; keepalived accepts it silently outside strict mode.
 */
export const priorityOwnerBackup: Rule<KeepalivedRuleContext> = {
  code: 'priority-owner-backup',
  defaultSeverity: 'warning',
  summary: 'priority 255 (address owner) is combined with state BACKUP.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const priority = instance.priorityLine;
      const state = instance.state;
      if (!priority?.value || state?.value?.value !== 'BACKUP' || instance.priority !== 255) {
        continue;
      }
      // In strict mode keepalived rejects the pair: strict-mode-conflict reports it as an error.
      if (isStrictMode(index, instance.item, context.configId)) continue;
      report({
        message: `Priority 255 makes ${instance.name} the address owner, which becomes master at once despite state BACKUP. Use 254 or lower for a backup.`,
        ...rangeOf(index, priority.item, priority.value),
        related: [relatedAt(context, index, state.item, state.value, 'initial state')],
        fixes: ownLine(index, priority.item)
          ? [replaceWordFix(priority.value, '254', 'Change priority to 254')]
          : [],
      });
    }
  },
};
