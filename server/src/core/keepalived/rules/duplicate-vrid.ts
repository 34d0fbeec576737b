import type { Rule } from '../../common/rule.js';
import { nodeIndex, type InstanceInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './index.js';
import { mayCoexist, rangeOf, relatedAt } from './helpers.js';

function overlap(a: InstanceInfo, b: InstanceInfo): boolean {
  const peers = new Set(a.unicastPeers.map((peer) => peer.address));
  return b.unicastPeers.some((peer) => peers.has(peer.address));
}

/**
 * Two instances with the same `virtual_router_id` on the same interface, family and multicast
 * group. Between multicast instances keepalived 2.2.7 rejects the file ("VI_9 and VI_1 both use
 * VRID 51 with IPv4 on interface eth0", exit 5). Unicast instances only clash when their peer lists
 * overlap, and 2.2.7 still accepts that, so it is a warning; a unicast and a multicast instance
 * never clash.
 */
export const duplicateVrid: Rule<KeepalivedRuleContext> = {
  code: 'duplicate-vrid',
  defaultSeverity: 'error',
  summary: 'Two VRRP instances use the same virtual_router_id on the same interface and family.',
  check(context, report) {
    const index = nodeIndex(context);
    const groups = new Map<string, InstanceInfo[]>();
    for (const instance of index.instances) {
      const vridLine = instance.vrid;
      const vrid = vridLine?.value;
      if (!vridLine || !vrid || !/^\d+$/.test(vrid.value)) continue;
      const iface = instance.interface?.value?.value ?? '';
      const key = `${iface}\u0000${instance.family}\u0000${Number(vrid.value)}\u0000${instance.mcastDst ?? ''}`;
      const earlier = groups.get(key) ?? [];
      for (const first of earlier) {
        if (first.name === instance.name || !mayCoexist(first.item, instance.item)) continue;
        const firstUnicast = first.unicastPeers.length > 0;
        const unicast = instance.unicastPeers.length > 0;
        if (firstUnicast !== unicast || (unicast && !overlap(first, instance))) continue;
        const where = iface === '' ? 'the default interface' : `interface ${iface}`;
        report({
          message: unicast
            ? `${instance.name} and ${first.name} both use VRID ${vrid.value} with IPv${instance.family} on ${where} and share unicast peers: their adverts conflict.`
            : `${instance.name} and ${first.name} both use VRID ${vrid.value} with IPv${instance.family} on ${where}.`,
          ...(unicast ? { severity: 'warning' as const } : {}),
          ...rangeOf(index, vridLine.item, vrid),
          related: first.vrid?.value
            ? [
                relatedAt(
                  context,
                  index,
                  first.vrid.item,
                  first.vrid.value,
                  `VRID of ${first.name}`,
                ),
              ]
            : [],
        });
        break;
      }
      groups.set(key, [...earlier, instance]);
    }
  },
};
