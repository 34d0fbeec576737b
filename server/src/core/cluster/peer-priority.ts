/**
 * The priority a new peer of a VRRP instance needs so that failover works both ways: the node
 * meant to win holds the VIP while healthy, and each of its tracked checks failing alone hands the
 * VIP to the other. It asks the election arithmetic (election.ts) about every possible base
 * priority rather than solving the inequalities again, so it can never disagree with the rules
 * (`failover-weight`), the hover or the topology preview.
 */
import {
  candidatePriority,
  electAfterChange,
  electBallots,
  OWNER_PRIORITY,
  type Ballot,
  type Candidate,
} from './election.js';
import type { GroupMember, TrackedCheck } from './model.js';
import { candidateOf } from './simulate.js';

/** The priority chosen, the range that would do, or why no priority does. */
type PeerPriority =
  | { readonly priority: number; readonly low: number; readonly high: number }
  | { readonly reason: string };

type Side = 'original' | 'peer';

/**
 * Chooses the base priority of a peer of `member` that copies its tracked checks.
 *
 * @param peerWins the peer is meant to be MASTER (the original instance is not `state MASTER`)
 * @param peerSource the peer's `unicast_src_ip`, which breaks a tie
 * @returns the middle of the working priorities, which leaves the most room for later changes of
 *   either node's weights; or the reason none works
 */
export function peerPriority(
  member: GroupMember,
  peerWins: boolean,
  peerSource: string | undefined,
): PeerPriority {
  const original = candidateOf(member);
  // The copied `nopreempt` line works on the peer unless the peer starts as MASTER.
  const peerNopreempt = !peerWins && member.instance.nopreempt !== undefined;
  const winner: Side = peerWins ? 'peer' : 'original';
  const loser: Side = peerWins ? 'original' : 'peer';
  const healthyOnly: number[] = [];
  const working: number[] = [];
  const stuck = new Set<TrackedCheck>();
  for (let base = 1; base < OWNER_PRIORITY; base++) {
    const peer: Candidate<TrackedCheck> = {
      ...original,
      base,
      nopreempt: peerNopreempt,
      source: peerSource,
    };
    const of = (side: Side): Candidate<TrackedCheck> => (side === 'peer' ? peer : original);
    const sourceOf = (side: Side): string | undefined => of(side).source;
    const nopreemptOf = (side: Side): boolean => of(side).nopreempt;
    const healthy: Ballot<Side>[] = (['original', 'peer'] as const).map((side) => ({
      member: side,
      priority: candidatePriority(of(side), () => false),
    }));
    if (electBallots(healthy, sourceOf).holder !== winner) continue;
    healthyOnly.push(base);
    let moves = true;
    for (const check of of(winner).checks) {
      const failing = candidatePriority(of(winner), (other) => other === check);
      const entries = healthy.map((entry) =>
        entry.member === winner ? { member: winner, priority: failing } : entry,
      );
      if (electAfterChange(winner, entries, sourceOf, nopreemptOf).holder !== loser) {
        moves = false;
        stuck.add(check);
      }
    }
    if (moves) working.push(base);
  }
  const low = working[0];
  const high = working.at(-1);
  const middle = working[Math.floor((working.length - 1) / 2)];
  if (low !== undefined && high !== undefined && middle !== undefined) {
    return { priority: middle, low, high };
  }
  if (healthyOnly.length === 0) {
    return {
      reason: `no priority lets ${peerWins ? 'the peer win against' : 'the peer lose against'} ${member.instance.name} at ${member.instance.priority}`,
    };
  }
  const names = [...stuck].map((check) => check.name).join(', ');
  const why =
    original.base >= OWNER_PRIORITY && !peerWins
      ? `${member.instance.name} has priority 255, so keepalived ignores the weights of its checks`
      : peerNopreempt
        ? 'nopreempt on the peer keeps it BACKUP while the master is alive'
        : 'their weights are too small for any gap between the two nodes';
  return { reason: `no peer priority lets a failure of ${names} move the VIP: ${why}` };
}
