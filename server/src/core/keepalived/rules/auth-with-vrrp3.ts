import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix, ownLine, rangeOf } from './helpers.js';

/**
 * `authentication` in a VRRPv3 instance (by `version 3`, global `vrrp_version 3` or IPv6):
 * keepalived ignores it ("VRRP version 3 does not support authentication") and 2.2.7 `-t`
 * exits 5.
 */
export const authWithVrrp3: Rule<KeepalivedRuleContext> = {
  code: 'auth-with-vrrp3',
  defaultSeverity: 'error',
  summary: 'authentication is configured on a VRRP version 3 instance, which ignores it.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const auth = instance.auth;
      if (!auth || instance.version !== 3) continue;
      const why = instance.family === 6 ? 'IPv6 instances use VRRP version 3' : 'VRRP version 3';
      report({
        message: `${instance.name}: ${why} does not support authentication; keepalived ignores this block.`,
        ...rangeOf(index, auth.item, auth.item.keyword),
        tags: ['unnecessary'],
        fixes: ownLine(index, auth.item)
          ? [deleteLineFix(context, auth.item, 'Remove the authentication block')]
          : [],
      });
    }
  },
};
