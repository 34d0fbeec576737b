/**
 * A pure simulation of a VRRP group's election: who wins with every check healthy, and who holds
 * the VIP when one tracked check fails on one member. Rules (`failover-weight`, `master-count`),
 * hover and code lens share it so they always tell the same story.
 */
import {
  candidatePriority,
  electAfterChange,
  electBallots,
  type Candidate,
  type Effective,
} from './election.js';
import type { GroupMember, TrackedCheck, VrrpGroup } from './model.js';

export { OWNER_PRIORITY, type Effective } from './election.js';

/** One member with every check succeeding. */
interface MemberHealth {
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
interface CheckFailure extends Election {
  readonly member: GroupMember;
  readonly check: TrackedCheck;
  /** The failing member's effective priority, or FAULT. */
  readonly priority: Effective;
  /** The failure does not change the member's priority (an address owner ignores weights). */
  readonly ignored: boolean;
  /** Members with a higher priority that stay BACKUP only because of `nopreempt`. */
  readonly blocked: readonly GroupMember[];
}

/** The member as the election arithmetic sees it. */
export function candidateOf(member: GroupMember): Candidate<TrackedCheck> {
  return {
    base: member.instance.priority,
    weightless: inUnweightedSyncGroup(member),
    nopreempt: hasNopreempt(member),
    source: member.instance.unicastSrc?.address,
    checks: member.checks,
  };
}

/**
 * Effective priority of a member when the checks in `failing` fail and all others succeed (see
 * `candidatePriority`).
 */
export function effectivePriority(
  member: GroupMember,
  failing: ReadonlySet<TrackedCheck> = new Set(),
): Effective {
  return candidatePriority(candidateOf(member), (check) => failing.has(check));
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

const sourceOf = (member: GroupMember): string | undefined => member.instance.unicastSrc?.address;

/** The election among members with the given effective priorities (see `electBallots`). */
export function elect(
  entries: readonly { readonly member: GroupMember; readonly priority: Effective }[],
): Election {
  return electBallots(entries, sourceOf);
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

/** The whole simulation of a group. */
export interface FailoverSimulation {
  readonly group: VrrpGroup;
  readonly members: readonly MemberHealth[];
  /** Election with every check succeeding. */
  readonly healthy: Election;
  /** Every tracked check of every member failing alone, members in group order. */
  readonly failures: readonly CheckFailure[];
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
        ? electAfterChange(healthy.holder, entries, sourceOf, hasNopreempt)
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
