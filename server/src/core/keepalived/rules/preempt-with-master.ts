import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../ast.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix, ownLine, rangeOf, relatedAt, replaceWordFix } from './helpers.js';

/**
 * `nopreempt` or `preempt_delay` in an instance whose initial state is MASTER: keepalived clears
 * the setting ("will not work with initial state MASTER - clearing") and 2.2.7 `-t` exits 5.
 * With priority 255 keepalived drops `nopreempt` for that reason first (see `nopreempt-owner`).
 */
export const preemptWithMaster: Rule<KeepalivedRuleContext> = {
  code: 'preempt-with-master',
  defaultSeverity: 'error',
  summary: 'nopreempt or preempt_delay is set on an instance whose initial state is MASTER.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const state = instance.state;
      if (state?.value?.value !== 'MASTER') continue;
      const lines: KeepalivedItem[] = [];
      if (instance.nopreempt && instance.priority !== 255) lines.push(instance.nopreempt);
      if (instance.preemptDelay) lines.push(instance.preemptDelay);
      for (const line of lines) {
        const fixes: QuickFix[] = [];
        if (ownLine(index, line) && state.value && ownLine(index, state.item)) {
          fixes.push({
            ...replaceWordFix(state.value, 'BACKUP', 'Start as BACKUP'),
            preferred: true,
          });
          fixes.push(deleteLineFix(context, line, `Remove '${line.keyword.value}'`));
        }
        report({
          message: `${line.keyword.value} does not work with initial state MASTER: keepalived clears it. Start every node as BACKUP instead.`,
          ...rangeOf(index, line, line.keyword),
          related: [relatedAt(context, index, state.item, state.value, 'initial state')],
          fixes,
        });
      }
    }
  },
};
