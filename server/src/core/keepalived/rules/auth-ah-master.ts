import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { isStrictMode, ownLine, rangeOf, relatedAt, replaceWordFix } from './helpers.js';

/**
 * `auth_type AH` with `state MASTER` on an instance that does not own the addresses (priority
 * below 255): an AH sender needs the sequence number of an advert it received before it may take
 * over, so keepalived starts the instance as BACKUP ("Initial state master is incompatible with AH
 * authentication - clearing"). The written state is dropped, which the severity policy makes an
 * error. Keepalived only gets there for a VRRPv2 IPv4 instance outside strict mode with a password
 * (the other cases drop the authentication first, reported by their own rules).
 */
export const authAhMaster: Rule<KeepalivedRuleContext> = {
  code: 'auth-ah-master',
  defaultSeverity: 'error',
  summary: 'auth_type AH with initial state MASTER: keepalived starts the instance as BACKUP.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const auth = instance.auth;
      const state = instance.state;
      const stateWord = state?.value;
      if (!auth || !state || stateWord?.value !== 'MASTER') continue;
      if (auth.type?.value?.value !== 'AH' || auth.pass?.value === undefined) continue;
      if (instance.version !== 2 || instance.family !== 4 || instance.priority === 255) continue;
      if (isStrictMode(index, instance.item, context.configId)) continue;
      report({
        message: `${instance.name}: with AH authentication keepalived cannot start as MASTER (it needs a received advert first) and starts it as BACKUP.`,
        ...rangeOf(index, state.item, stateWord),
        related: [relatedAt(context, index, auth.type.item, auth.type.value, 'auth_type')],
        fixes: ownLine(index, state.item)
          ? [{ ...replaceWordFix(stateWord, 'BACKUP', 'Start as BACKUP'), preferred: true }]
          : [],
      });
    }
  },
};
