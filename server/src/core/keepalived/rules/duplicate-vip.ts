import type { Rule } from '../../common/rule.js';
import { nodeIndex, type AddressEntry, type InstanceInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { duplicateGroups, MAX_RELATED } from '../../common/duplicates.js';
import { conditionKey, mayCoexist, rangeOf, relatedAt } from './helpers.js';

interface Owner {
  readonly instance: InstanceInfo;
  readonly entry: AddressEntry;
}

/**
 * The same virtual address in two instances of one node. keepalived accepts it, but whichever
 * instance changes state last decides whether the address is up, so it is a warning. Each
 * address is reported once, in the second instance that has it.
 */
export const duplicateVip: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-vip',
  defaultSeverity: 'warning',
  summary: 'The same virtual IP address is configured in two VRRP instances.',
  check(context, report) {
    const index = nodeIndex(context);
    const owners = index.instances.flatMap((instance) =>
      [...instance.vips, ...instance.excludedVips].map((entry): Owner => ({ instance, entry })),
    );
    const groups = duplicateGroups(
      owners,
      (owner) => owner.entry.address,
      (owner) =>
        JSON.stringify([
          owner.instance.name,
          conditionKey(owner.instance.item),
          conditionKey(owner.entry.item),
        ]),
      (first, later) =>
        first.instance !== later.instance &&
        first.instance.name !== later.instance.name &&
        mayCoexist(first.instance.item, later.instance.item) &&
        mayCoexist(first.entry.item, later.entry.item),
    );
    for (const { first, duplicates } of groups) {
      const [owner, ...rest] = duplicates;
      if (!owner) continue;
      const address = owner.entry.address;
      const also =
        rest.length === 0
          ? ''
          : ` ${rest.length} more instance${rest.length === 1 ? ' has' : 's have'} it too.`;
      report({
        message: `Address ${address} is also a virtual address of ${first.instance.name}: both instances add and remove it.${also}`,
        ...rangeOf(index, owner.entry.item, owner.entry.word),
        related: [first, ...rest]
          .slice(0, MAX_RELATED + 1)
          .map((other) =>
            relatedAt(
              context,
              index,
              other.entry.item,
              other.entry.word,
              `${address} in ${other.instance.name}`,
            ),
          ),
      });
    }
  },
};
