import type { Rule } from '../../common/rule.js';
import { nodeIndex, type InstanceInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { duplicateGroups, MAX_RELATED } from '../../common/duplicates.js';
import { conditionKey, mayCoexist, rangeOf, relatedAt } from './helpers.js';

function overlap(a: InstanceInfo, b: InstanceInfo): boolean {
  const peers = new Set(a.unicastPeers.map((peer) => peer.address));
  return b.unicastPeers.some((peer) => peers.has(peer.address));
}

const interfaceOf = (instance: InstanceInfo): string => instance.interface?.value?.value ?? '';

/**
 * Two instances with the same `virtual_router_id` on the same interface, family and multicast
 * group. Between multicast instances keepalived 2.2.7 rejects the file ("VI_9 and VI_1 both use
 * VRID 51 with IPv4 on interface eth0", exit 5). Unicast instances only clash when their peer lists
 * overlap, and 2.2.7 still accepts that, so it is a warning; a unicast and a multicast instance
 * never clash. Each instance that others clash with is reported once, on the first of them.
 */
export const duplicateVrid: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-vrid',
  defaultSeverity: 'error',
  summary: 'Two VRRP instances use the same virtual_router_id on the same interface and family.',
  check(context, report) {
    const index = nodeIndex(context);
    const groups = duplicateGroups(
      index.instances,
      (instance) => {
        const vrid = instance.vrid?.value?.value;
        if (vrid === undefined || !/^\d+$/.test(vrid)) return undefined;
        // Unicast and multicast instances never clash: the mode is part of the key.
        const mode = instance.unicastPeers.length > 0 ? 'unicast' : 'multicast';
        return JSON.stringify([
          interfaceOf(instance),
          instance.family,
          Number(vrid),
          instance.mcastDst ?? '',
          mode,
        ]);
      },
      (instance) =>
        JSON.stringify([
          instance.name,
          conditionKey(instance.item),
          instance.unicastPeers.map((peer) => peer.address).sort(),
        ]),
      (first, later) =>
        first.name !== later.name &&
        mayCoexist(first.item, later.item) &&
        (later.unicastPeers.length === 0 || overlap(first, later)),
    );
    for (const { first, duplicates } of groups) {
      const [instance, ...rest] = duplicates;
      const vridLine = instance?.vrid;
      const vrid = vridLine?.value;
      if (!instance || !vridLine || !vrid) continue;
      const unicast = instance.unicastPeers.length > 0;
      const iface = interfaceOf(instance);
      const where = iface === '' ? 'the default interface' : `interface ${iface}`;
      const also =
        rest.length === 0
          ? ''
          : ` ${rest.length === 1 ? 'So does' : 'So do'} ${rest
              .slice(0, 3)
              .map((other) => other.name)
              .join(', ')}${rest.length > 3 ? ` and ${rest.length - 3} more` : ''}.`;
      report({
        message: unicast
          ? `${instance.name} and ${first.name} both use VRID ${vrid.value} with IPv${instance.family} on ${where} and share unicast peers: their adverts conflict.${also}`
          : `${instance.name} and ${first.name} both use VRID ${vrid.value} with IPv${instance.family} on ${where}.${also}`,
        ...(unicast ? { severity: 'warning' as const } : {}),
        ...rangeOf(index, vridLine.item, vrid),
        related: [first, ...rest]
          .slice(0, MAX_RELATED + 1)
          .flatMap((other) =>
            other.vrid?.value
              ? [
                  relatedAt(
                    context,
                    index,
                    other.vrid.item,
                    other.vrid.value,
                    `VRID of ${other.name}`,
                  ),
                ]
              : [],
          ),
      });
    }
  },
};
