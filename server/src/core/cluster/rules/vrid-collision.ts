import type { Rule } from '../../common/rule.js';
import { countWork } from '../../common/work.js';
import type { AddressEntry } from '../../keepalived/analysis/index-node.js';
import type { ClusterRuleContext, GroupMember, VrrpGroup } from '../model.js';
import { concrete, label, MAX_GROUP_MEMBERS, placeOf, relatedTo } from './helpers.js';

/** IPv4 networks of the VIPs written with a prefix length (`10.0.0.100/24`). */
function networks(member: GroupMember): { base: number; bits: number }[] {
  const result: { base: number; bits: number }[] = [];
  const entries: readonly AddressEntry[] = member.instance.vips;
  for (const vip of entries) {
    const [address, prefix] = vip.word.value.split('/');
    if (vip.family !== 4 || prefix === undefined || !/^\d+$/.test(prefix) || !address) continue;
    const bits = Number(prefix);
    if (bits >= 32) continue;
    const value = address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
    result.push({ base: value, bits });
  }
  return result;
}

/** Whether two members may sit on one network: unknown counts as yes. */
function sameSubnet(a: GroupMember, b: GroupMember): boolean {
  const x = networks(a);
  const y = networks(b);
  if (x.length === 0 || y.length === 0) return true;
  return x.some((n) =>
    y.some((m) => {
      const bits = Math.min(n.bits, m.bits);
      const size = 2 ** (32 - bits);
      return Math.floor(n.base / size) === Math.floor(m.base / size);
    }),
  );
}

/** Whether the adverts of one member reach the other. */
function hear(a: GroupMember, b: GroupMember): boolean {
  const ua = a.instance.unicastPeers.length > 0;
  const ub = b.instance.unicastPeers.length > 0;
  if (ua !== ub) return false;
  if (!ua) return (a.instance.mcastDst ?? '') === (b.instance.mcastDst ?? '');
  const addresses = (m: GroupMember): string[] => [
    ...m.instance.unicastPeers.map((peer) => peer.address),
    ...(m.instance.unicastSrc ? [m.instance.unicastSrc.address] : []),
  ];
  const mine = new Set(addresses(a));
  return addresses(b).some((address) => mine.has(address));
}

function vridOf(member: GroupMember): number | undefined {
  const word = member.instance.vrid?.value;
  return concrete(word) && /^\d+$/.test(word.value) ? Number(word.value) : undefined;
}

/**
 * Two different groups (no shared VIP, different instance names) use the same VRID on the same
 * network (interface name and subnet): their adverts reach each other's nodes, which log floods
 * of "address not present" and, depending on the version, drop or accept the foreign adverts;
 * with use_vmac they also share one virtual MAC. Warning: the groups may still elect correctly.
 * Two instances in one file are left to the per-node `duplicate-vrid` rule.
 */
export const vridCollision: Rule<ClusterRuleContext> = {
  code: 'vrid-collision',
  defaultSeverity: 'warning',
  summary: 'Two different VRRP groups use the same virtual_router_id on the same network.',
  check({ model }, report) {
    // Only members with one VRID, family and interface can collide: bucket them by that, and
    // within a bucket compare each member with the first members of at most a bounded number of
    // other groups, so a generated tree of a thousand nodes costs a thousand times a constant.
    const buckets = new Map<string, Map<VrrpGroup, GroupMember[]>>();
    const entries: { group: VrrpGroup; member: GroupMember; vrid: number; key: string }[] = [];
    for (const group of model.groups) {
      for (const member of group.members) {
        const vrid = vridOf(member);
        if (vrid === undefined) continue;
        const key = JSON.stringify([
          vrid,
          member.instance.family,
          member.instance.interface?.value?.value ?? '',
        ]);
        entries.push({ group, member, vrid, key });
        let byGroup = buckets.get(key);
        if (!byGroup) buckets.set(key, (byGroup = new Map<VrrpGroup, GroupMember[]>()));
        let members = byGroup.get(group);
        if (!members) {
          if (byGroup.size >= MAX_GROUP_MEMBERS) continue;
          byGroup.set(group, (members = []));
        }
        if (members.length < MAX_GROUP_MEMBERS) members.push(member);
      }
    }
    const reported = new Set<string>();
    for (const { group, member: x, vrid, key } of entries) {
      for (const [other, members] of buckets.get(key) ?? []) {
        if (other === group) continue;
        for (const y of members) {
          countWork();
          if (x.node === y.node && x.document === y.document) continue;
          if (!sameSubnet(x, y) || !hear(x, y)) continue;
          const id = `${group.id}\u0000${x.node.name}\u0000${x.instance.name}\u0000${other.id}`;
          if (reported.has(id)) break;
          reported.add(id);
          const vridLine = x.instance.vrid;
          const otherLine = y.instance.vrid;
          if (!vridLine?.value || !otherLine?.value) break;
          const iface = x.instance.interface?.value?.value;
          report({
            ...placeOf(x, vridLine.item, vridLine.value),
            message: `${label(x)} and ${label(y)} belong to different groups but both use VRID ${vrid}${
              iface ? ` on ${iface}` : ''
            }: each group receives the other's adverts. Give one of them another virtual_router_id.`,
            related: [relatedTo(y, otherLine.item, `VRID of ${label(y)}`, otherLine.value)],
          });
          break;
        }
      }
    }
  },
};
