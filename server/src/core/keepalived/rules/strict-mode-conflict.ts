import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { isStrictMode, rangeOf, relatedAt } from './helpers.js';

const AUTH_TYPES = ['PASS', 'AH'];

/**
 * What VRRP strict mode (`vrrp_strict`, `strict_mode`) forbids and keepalived 2.2.7 `-t` rejects
 * with exit 5: an initial state that disagrees with address ownership (`state MASTER` without
 * priority 255, "State MASTER must match being address owner", or `state BACKUP` with it), and
 * `authentication` ("Strict mode does not support authentication"). `preempt_delay` is reset to 0
 * ("preempt_delay is incompatible with strict mode - resetting"): keepalived runs, but without the
 * delay the file asks for, so that is an error too (the severity policy: a dropped setting).
 */
export const strictModeConflict: Rule<KeepalivedRuleContext> = {
  code: 'strict-mode-conflict',
  defaultSeverity: 'error',
  summary: 'A strict-mode vrrp_instance uses authentication, preempt_delay or a non-owner state.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      if (!isStrictMode(index, instance.item, context.configId)) continue;
      const state = instance.state;
      const stateWord = state?.value;
      const priorityText = instance.priorityLine?.value?.value;
      // An invalid priority is the argument rules' business; keepalived then uses 100.
      const priorityKnown =
        priorityText === undefined ||
        (/^\d+$/.test(priorityText) && Number(priorityText) >= 1 && Number(priorityText) <= 255);
      // With an unknown config-id, `@lb1 state MASTER` and `@lb2 priority 100` may never meet.
      const conditional =
        context.configId === undefined &&
        (state?.item.condition !== undefined ||
          instance.priorityLine?.item.condition !== undefined);
      if (state && stateWord && priorityKnown && !conditional) {
        const owner = instance.priority === 255;
        const master = stateWord.value === 'MASTER';
        if ((stateWord.value === 'MASTER' || stateWord.value === 'BACKUP') && master !== owner) {
          const priority = instance.priorityLine;
          report({
            message: master
              ? `${instance.name}: in strict mode only the address owner (priority 255) may start as MASTER; Keepalived rejects this.`
              : `${instance.name}: in strict mode the address owner (priority 255) must start as MASTER; Keepalived rejects state BACKUP.`,
            ...rangeOf(index, state.item, stateWord),
            ...(priority?.value
              ? { related: [relatedAt(context, index, priority.item, priority.value, 'priority')] }
              : {}),
          });
        }
      }
      const auth = instance.auth;
      const type = auth?.type?.value?.value;
      // VRRPv3 ignores authentication anyway (auth-with-vrrp3 reports that).
      if (auth && type !== undefined && AUTH_TYPES.includes(type) && instance.version !== 3) {
        report({
          message: `${instance.name}: strict mode does not support authentication; Keepalived ignores it and fails the config test.`,
          ...rangeOf(index, auth.item, auth.item.keyword),
        });
      }
      const delay = instance.preemptDelay;
      // A delay of 0 is what strict mode wants anyway: keepalived says nothing.
      if (delay && !/^0*(?:\.0*)?$/.test(delay.args[0]?.value ?? '')) {
        report({
          message: `${instance.name}: strict mode does not allow preempt_delay; Keepalived resets it to 0.`,
          ...rangeOf(index, delay, delay.keyword),
        });
      }
    }
  },
};
