/**
 * A pure simulation of a VRRP group's election: who wins with every check healthy, and who holds
 * the VIP when one tracked check fails on one member. Rules (`failover-weight`, `master-count`),
 * hover and code lens share it so they always tell the same story.
 */
import type { GroupMember, TrackedCheck, VrrpGroup } from './model.js';

/** keepalived's address-owner priority: never adjusted by tracked objects. */
export const OWNER_PRIORITY = 255;

/** An effective priority, or FAULT (the instance gives its VIPs up). */
export type Effective = number | 'fault';

/** One member with every check succeeding. */
export interface MemberHealth {
  readonly member: GroupMember;
  /** Configured priority (explicit, else 255 with `state MASTER`, else 100). */
  readonly base: number;
  readonly healthy: Effective;
}

/** Outcome of an election. */
export interface Election {
  /** The member that holds the VIP; undefined when nobody can or when a tie cannot be broken. */
  readonly holder: GroupMember | undefined;
  /** Members sharing the top priority when their addresses do not decide (empty otherwise). */
  readonly tie: readonly GroupMember[];
}

/** What happens when one check fails on one member while everything else is healthy. */
export interface CheckFailure extends Election {
  readonly member: GroupMember;
  readonly check: TrackedCheck;
  /** The failing member's effective priority, or FAULT. */
  readonly priority: Effective;
  /** The failure does not change the member's priority (an address owner ignores weights). */
  readonly ignored: boolean;
  /** Members with a higher priority that stay BACKUP only because of `nopreempt`. */
  readonly blocked: readonly GroupMember[];
}

/** The whole simulation of a group. */
export interface FailoverSimulation {
  readonly group: VrrpGroup;
  readonly members: readonly MemberHealth[];
  /** Election with every check succeeding. */
  readonly healthy: Election;
  /** Every tracked check of every member failing alone, members in group order. */
  readonly failures: readonly CheckFailure[];
}

/**
 * Effective priority of a member when the checks in `failing` fail and all others succeed:
 * `clamp(base + Σ W of succeeding positive checks − Σ |W| of failing negative ones, 1, 254)`;
 * a failing check of weight 0 means FAULT. `reverse` swaps succeeding and failing, as keepalived
 * reverses the direction of the adjustment.
 */
export function effectivePriority(
  member: GroupMember,
  failing: ReadonlySet<TrackedCheck> = new Set(),
): Effective {
  const base = member.instance.priority;
  const owner = base >= OWNER_PRIORITY;
  const weightless = owner || inUnweightedSyncGroup(member);
  let priority = base;
  for (const check of member.checks) {
    const up = failing.has(check) === check.reverse;
    // keepalived 2.2.7 drops weighted tracked objects of an address owner ("ignoring tracked
    // script … with weights due to address_owner") and of a sync-group member unless the group
    // sets sync_group_tracking_weight ("… due to SYNC group"); weight 0 ones still mean FAULT.
    if (weightless && check.weight !== 0) continue;
    if (check.weight === 0) {
      if (!up) return 'fault';
    } else if (check.weight > 0 && up) priority += check.weight;
    else if (check.weight < 0 && !up) priority += check.weight;
  }
  if (owner) return OWNER_PRIORITY;
  return Math.min(254, Math.max(1, priority));
}

/** The member's instance is in a `vrrp_sync_group` that does not keep tracking weights. */
function inUnweightedSyncGroup(member: GroupMember): boolean {
  return member.index.syncGroups.some(
    (group) =>
      group.members.some((use) => use.name === member.instance.name) &&
      !(group.item.block?.items ?? []).some(
        (line) => line.kind === 'item' && line.keyword.value === 'sync_group_tracking_weight',
      ),
  );
}

/** Numeric value of an IPv4/IPv6 address for comparison, undefined when it is not one. */
function addressValue(address: string): bigint | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    return address.split('.').reduce((value, part) => value * 256n + BigInt(Number(part)), 0n);
  }
  if (!address.includes(':') || address.includes('.')) return undefined;
  const [head = '', tail] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const parts = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
    value = value * 65536n + BigInt(parseInt(part, 16));
  }
  return value;
}

/**
 * The election among members with the given effective priorities: the highest priority wins; on
 * equal priority keepalived lets the higher primary (source) IP address win, which we only know
 * when `unicast_src_ip` is set on every tied member; otherwise the tie is reported as such.
 */
export function elect(
  entries: readonly { readonly member: GroupMember; readonly priority: Effective }[],
): Election {
  let best = -1;
  for (const entry of entries) {
    if (entry.priority !== 'fault') best = Math.max(best, entry.priority);
  }
  if (best < 0) return { holder: undefined, tie: [] };
  const top = entries.filter((entry) => entry.priority === best).map((entry) => entry.member);
  if (top.length === 1) return { holder: top[0], tie: [] };
  const values = top.map((member) => {
    const src = member.instance.unicastSrc;
    return src ? addressValue(src.address) : undefined;
  });
  if (values.some((value) => value === undefined)) return { holder: undefined, tie: top };
  let winner = 0;
  values.forEach((value, i) => {
    if ((value ?? 0n) > (values[winner] ?? 0n)) winner = i;
  });
  const highest = values[winner];
  // Two members with the same address cannot be told apart either.
  if (values.filter((value) => value === highest).length > 1) {
    return { holder: undefined, tie: top };
  }
  return { holder: top[winner], tie: [] };
}

/**
 * `nopreempt` in effect: keepalived clears it on an instance with `state MASTER` (it only works
 * when the instance starts as BACKUP).
 */
export function hasNopreempt(member: GroupMember): boolean {
  return (
    member.instance.nopreempt !== undefined && member.instance.state?.value?.value !== 'MASTER'
  );
}

/**
 * Who holds the VIP after priorities change while `incumbent` is MASTER. A backup only takes
 * over from a live master whose adverts carry a strictly lower priority, and only when it may
 * preempt: keepalived's backup resets its timer on an advert of equal or higher priority and
 * ignores priorities altogether with `nopreempt` (RFC 3768 6.4.2). A master in FAULT sends no
 * adverts, so the others elect among themselves.
 */
function afterChange(
  incumbent: GroupMember,
  entries: readonly { readonly member: GroupMember; readonly priority: Effective }[],
): Election & { readonly blocked: readonly GroupMember[] } {
  const own = entries.find((entry) => entry.member === incumbent)?.priority ?? 'fault';
  const others = entries.filter((entry) => entry.member !== incumbent);
  if (own === 'fault') return { ...elect(others), blocked: [] };
  const higher = others.filter((entry) => entry.priority !== 'fault' && entry.priority > own);
  const challengers = higher.filter((entry) => !hasNopreempt(entry.member));
  const blocked = higher.filter((entry) => hasNopreempt(entry.member)).map((e) => e.member);
  if (challengers.length === 0) return { holder: incumbent, tie: [], blocked };
  return { ...elect(challengers), blocked };
}

/** Simulates a group: the healthy election and each tracked check failing alone on each member. */
export function simulateFailover(group: VrrpGroup): FailoverSimulation {
  const members: MemberHealth[] = group.members.map((member) => ({
    member,
    base: member.instance.priority,
    healthy: effectivePriority(member),
  }));
  const healthy = elect(members.map((m) => ({ member: m.member, priority: m.healthy })));
  const failures: CheckFailure[] = [];
  for (const entry of members) {
    for (const check of entry.member.checks) {
      const priority = effectivePriority(entry.member, new Set([check]));
      const entries = members.map((m) => ({
        member: m.member,
        priority: m.member === entry.member ? priority : m.healthy,
      }));
      const election = healthy.holder
        ? afterChange(healthy.holder, entries)
        : { ...elect(entries), blocked: [] };
      failures.push({
        ...election,
        member: entry.member,
        check,
        priority,
        ignored: priority === entry.healthy,
      });
    }
  }
  return { group, members, healthy, failures };
}
