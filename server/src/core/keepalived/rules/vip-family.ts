import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix, ownLine, rangeOf } from './helpers.js';

/**
 * A `virtual_ipaddress` entry of another family than its instance, which the first of its
 * addresses (VIP, `unicast_src_ip` or unicast peer) fixes. keepalived ignores the entry ("address
 * family must match VRRP instance") and 2.2.7 `-t` exits 5. `virtual_ipaddress_excluded` may mix
 * families and is not checked.
 */
export const vipFamily: Rule<KeepalivedRuleContext> = {
  code: 'vip-family',
  defaultSeverity: 'error',
  summary: 'A virtual_ipaddress entry is not of the instance address family.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      for (const vip of instance.vips) {
        if (vip.family === instance.family) continue;
        report({
          message: `${vip.address} is IPv${vip.family} but ${instance.name} is IPv${instance.family}: keepalived ignores it. Put it in virtual_ipaddress_excluded or in an instance of its own family.`,
          ...rangeOf(index, vip.item, vip.word),
          fixes: ownLine(index, vip.item)
            ? [deleteLineFix(context, vip.item, `Remove ${vip.address}`)]
            : [],
        });
      }
    }
  },
};
