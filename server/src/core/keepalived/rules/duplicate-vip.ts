import type { Rule } from '../../common/rule.js';
import { nodeIndex, type AddressEntry, type InstanceInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './index.js';
import { mayCoexist, rangeOf, relatedAt } from './helpers.js';

/**
 * The same virtual address in two instances of one node. keepalived accepts it, but whichever
 * instance changes state last decides whether the address is up, so it is a warning.
 */
export const duplicateVip: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-vip',
  defaultSeverity: 'warning',
  summary: 'The same virtual IP address is configured in two VRRP instances.',
  check(context, report) {
    const index = nodeIndex(context);
    const owners = new Map<string, { instance: InstanceInfo; entry: AddressEntry }>();
    for (const instance of index.instances) {
      for (const entry of [...instance.vips, ...instance.excludedVips]) {
        const first = owners.get(entry.address);
        if (!first) {
          owners.set(entry.address, { instance, entry });
          continue;
        }
        if (first.instance === instance || first.instance.name === instance.name) continue;
        if (
          !mayCoexist(first.instance.item, instance.item) ||
          !mayCoexist(first.entry.item, entry.item)
        ) {
          continue;
        }
        report({
          message: `Address ${entry.address} is also a virtual address of ${first.instance.name}: both instances add and remove it.`,
          ...rangeOf(index, entry.item, entry.word),
          related: [
            relatedAt(
              context,
              index,
              first.entry.item,
              first.entry.word,
              `${entry.address} in ${first.instance.name}`,
            ),
          ],
        });
      }
    }
  },
};
