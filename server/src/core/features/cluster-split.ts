/**
 * Split brain as the cluster editor features show it. When a rule finds that the members of a
 * VRRP group cannot hear each other (different VRID, authentication, VRRP version or unicast
 * mode), there is no single election: every set of members that does hear each other elects its
 * own master. The code lens and the hover then show those masters instead of the election of the
 * whole group, which would claim that failover works.
 */
import type { GroupMember, VrrpGroup } from '../cluster/model.js';
import { effectivePriority, elect, type Election } from '../cluster/simulate.js';
import type { Issue } from '../common/issue.js';

/** Findings meaning that some members of a group never hear each other's adverts. */
const SPLIT_CODES: ReadonlySet<string> = new Set([
  'vrid-mismatch',
  'auth-mismatch',
  'version-mismatch',
  'unicast-mismatch',
]);

/** Members that hear each other, and the outcome of their own election. */
interface SplitPart {
  readonly members: readonly GroupMember[];
  readonly election: Election;
  /** Members in FAULT (they hold nothing whoever they hear). */
  readonly fault: ReadonlySet<GroupMember>;
}

/** A group whose members do not all hear each other. */
export interface GroupSplit {
  /** The split codes found for the group, in the order of `SPLIT_CODES`. */
  readonly codes: readonly string[];
  /** The split findings placed in (or pointing to) a member's instance; the lens reveals one. */
  readonly findings: readonly Issue[];
  /** Sets of members hearing each other, in group order of their first member. */
  readonly parts: readonly SplitPart[];
}

/** An issue placed in (or pointing to) the `vrrp_instance` of a member of the group. */
export function issueTouchesGroup(issue: Issue, group: VrrpGroup): boolean {
  const places = [{ uri: issue.uri, start: issue.start, end: issue.end }, ...(issue.related ?? [])];
  return group.members.some((member) =>
    places.some(
      (place) =>
        place.uri === member.uri &&
        member.instance.item.start <= place.start &&
        place.end <= member.instance.item.end,
    ),
  );
}

/** What a member puts on the wire that the peers must share to accept its adverts. */
function wireKey(member: GroupMember, code: string): string {
  const instance = member.instance;
  switch (code) {
    case 'vrid-mismatch':
      return instance.vrid?.value?.value ?? '?';
    case 'auth-mismatch': {
      // keepalived sends only the first 8 characters of auth_pass (as the rule compares them).
      const auth = instance.auth;
      if (!auth) return 'none';
      return `${auth.type?.value?.value.toUpperCase() ?? 'none'}\u0000${(auth.pass?.value?.value ?? '').slice(0, 8)}`;
    }
    case 'version-mismatch':
      return String(instance.version);
    case 'unicast-mismatch':
      return instance.unicastPeers.length > 0 ? 'unicast' : 'multicast';
    default:
      return '';
  }
}

/** The election among `members` only, with every check up. */
function partOf(members: readonly GroupMember[]): SplitPart {
  const entries = members.map((member) => ({ member, priority: effectivePriority(member) }));
  return {
    members,
    election: elect(entries),
    fault: new Set(entries.filter((e) => e.priority === 'fault').map((e) => e.member)),
  };
}

/**
 * How the group splits, or undefined when no split finding concerns it.
 *
 * Members are grouped by the settings the findings disagree on. When that leaves them together
 * (a `unicast_peer` list missing one address: adverts go one way only), each member is shown on
 * its own, since the node that hears nothing becomes MASTER whatever the others do.
 */
export function groupSplit(issues: readonly Issue[], group: VrrpGroup): GroupSplit | undefined {
  const findings = issues.filter(
    (issue) => SPLIT_CODES.has(issue.code) && issueTouchesGroup(issue, group),
  );
  if (findings.length === 0) return undefined;
  const codes = [...SPLIT_CODES].filter((code) => findings.some((issue) => issue.code === code));
  const byKey = new Map<string, GroupMember[]>();
  for (const member of group.members) {
    const key = codes.map((code) => wireKey(member, code)).join('\u0001');
    const list = byKey.get(key);
    if (list) list.push(member);
    else byKey.set(key, [member]);
  }
  const sets = byKey.size > 1 ? [...byKey.values()] : group.members.map((member) => [member]);
  return {
    codes,
    findings,
    parts: sets.map(partOf),
  };
}

/** The role a member takes in its part: MASTER, BACKUP, FAULT, or TIE when addresses decide. */
export function splitRole(part: SplitPart, member: GroupMember): string {
  if (part.fault.has(member)) return 'FAULT';
  if (part.election.holder === member) return 'MASTER';
  if (part.election.tie.includes(member)) return 'TIE';
  return 'BACKUP';
}
