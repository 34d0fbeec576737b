/**
 * The failover controls of the topology preview: given which nodes are down, where HAProxy is
 * down and which tracked checks fail, who holds each group's virtual IP. It runs the same election
 * arithmetic as the cluster rules, hover and code lens (`cluster/election.ts`), on the plain data
 * the topology graph carries, so it also runs inside the webview and the exported HTML page.
 *
 * It imports only the graph types and the election, so that the browser bundle stays small.
 */
import {
  candidatePriority,
  electAfterChange,
  electBallots,
  type Ballot,
  type Effective,
} from '../cluster/election.js';
import type { FailoverScenario, ScenarioOutcome, SimCheck, SimGroup, SimMember } from './graph.js';

/** No failure at all. */
export const HEALTHY: FailoverScenario = { nodesDown: [], haproxyDown: [], failing: [] };

const sourceOf = (member: SimMember): string | undefined => member.source;
const nopreemptOf = (member: SimMember): boolean => member.nopreempt;

function priorityOf(member: SimMember, scenario: FailoverScenario): Effective | 'down' {
  if (scenario.nodesDown.includes(member.node)) return 'down';
  const haproxyDown = scenario.haproxyDown.includes(member.node);
  return candidatePriority(
    member,
    (check: SimCheck) =>
      scenario.failing.includes(check.id) || (haproxyDown && check.watchesHaproxy),
  );
}

function show(priority: Effective | 'down'): string {
  return priority === 'fault' ? 'FAULT' : priority === 'down' ? 'down' : String(priority);
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The healthy holder among `members` (everything up, no check failing), if one wins outright. */
function healthyHolder(members: readonly SimMember[]): SimMember | undefined {
  const ballots = members.map((member) => ({
    member,
    priority: candidatePriority(member, () => false),
  }));
  return electBallots(ballots, sourceOf).holder;
}

/** The election among the members that hear each other, under a scenario. */
interface Decision {
  /** The healthy holder of these members. */
  readonly incumbent: SimMember | undefined;
  readonly holder: SimMember | undefined;
  readonly tie: readonly SimMember[];
  /** Higher members kept BACKUP by `nopreempt`. */
  readonly blocked: readonly SimMember[];
}

function decide(
  members: readonly SimMember[],
  live: readonly Ballot<SimMember>[],
  holderNow: string | undefined,
): Decision {
  const current = members.find((member) => member.node === holderNow);
  const incumbent = current ?? healthyHolder(members);
  const ballots = live.filter((ballot) => members.includes(ballot.member));
  const incumbentLive = incumbent !== undefined && ballots.some((b) => b.member === incumbent);
  const outcome =
    incumbent && incumbentLive
      ? electAfterChange(incumbent, ballots, sourceOf, nopreemptOf)
      : { ...electBallots(ballots, sourceOf), blocked: [] as SimMember[] };
  return { incumbent, ...outcome };
}

/** The members that hear each other, part by part (one part unless the group is split). */
function partsOf(group: SimGroup): SimMember[][] {
  if (!group.split) return [[...group.members]];
  const parts = group.parts ?? group.members.map((member) => [member.node]);
  return parts.map((names) => group.members.filter((member) => names.includes(member.node)));
}

/**
 * Who holds the group's VIP under `scenario`, each member's effective priority, and a sentence
 * saying why. In each set of members that hear each other (the whole group unless it is split),
 * the healthy holder stays MASTER until a member with a strictly higher priority may preempt it,
 * or until it is down or in FAULT, when the others elect among themselves; a split group has one
 * master per set.
 */
export function runScenario(
  group: SimGroup,
  scenario: FailoverScenario,
  holderNow?: string,
): ScenarioOutcome {
  const priorities: Record<string, number | 'fault' | 'down'> = {};
  const live: Ballot<SimMember>[] = [];
  for (const member of group.members) {
    const priority = priorityOf(member, scenario);
    priorities[member.node] = priority;
    // A node that is down sends no adverts: for the others it is as good as absent.
    if (priority !== 'down') live.push({ member, priority });
  }
  const decisions = partsOf(group).map((members) => decide(members, live, holderNow));
  const healthyNames = partsOf(group).flatMap((members) => {
    const healthy = healthyHolder(members);
    return healthy ? [healthy.node] : [];
  });
  const haproxyDownOn = (member: SimMember): boolean => scenario.haproxyDown.includes(member.node);
  const priorityText = (member: SimMember): string => show(priorities[member.node] ?? 'down');
  const result = (
    holders: readonly SimMember[],
    explanation: string,
    problem = false,
  ): ScenarioOutcome => {
    const serving = holders.filter(haproxyDownOn);
    const extra =
      serving.length > 0
        ? ` HAProxy is down on ${list(serving.map((m) => m.node))}, which still holds the VIP: ` +
          `clients get no answer.`
        : '';
    return {
      group: group.id,
      priorities,
      holders: holders.map((member) => member.node),
      healthyHolders: healthyNames,
      explanation: explanation + extra,
      problem: problem || holders.length !== 1 || serving.length > 0,
    };
  };

  if (group.split) {
    const masters = decisions.flatMap((d) => (d.holder ? [d.holder] : []));
    const { code, message } = group.split;
    // Messages are sentences; the code goes in front so that the sentence ends the text.
    const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
    if (masters.length === 0) {
      return result(
        [],
        `No node can hold the VIP, and the nodes do not hear each other ` +
          `(${code}): ${sentence}`,
      );
    }
    if (masters.length === 1) {
      return result(
        masters,
        `Only ${masters[0]?.node ?? ''} holds the VIP now, but the nodes do not hear each ` +
          `other (${code}): ${sentence}`,
        true,
      );
    }
    return result(
      masters,
      `${list(masters.map((m) => m.node))} all hold the VIP at once (split brain, ${code}): ` +
        sentence,
    );
  }

  const [decision] = decisions;
  const { incumbent, holder, tie, blocked } = decision ?? {
    incumbent: undefined,
    holder: undefined,
    tie: [],
    blocked: [],
  };
  if (live.every((ballot) => ballot.priority === 'fault')) {
    const states = group.members.map((m) => `${m.node} ${priorityText(m)}`);
    return result([], `No node can hold the VIP (${states.join(', ')}).`);
  }
  if (!holder) {
    const tied = tie.map((m) => m.node);
    return result(
      [],
      `${list(tied)} tie at priority ${tie[0] ? priorityText(tie[0]) : '?'} and ` +
        `their source addresses are not known: the higher primary address wins, which the files ` +
        `do not say.`,
    );
  }
  const others = group.members
    .filter((member) => member !== holder)
    .map((member) => `${member.node} ${priorityText(member)}`);
  const against = others.length > 0 ? ` against ${others.join(', ')}` : '';
  if (!incumbent || holder === incumbent) {
    if (blocked.length > 0) {
      return result(
        [holder],
        `The VIP stays on ${holder.node} (${priorityText(holder)}): ` +
          `${list(blocked.map((m) => m.node))} has a higher priority but nopreempt keeps ` +
          `it BACKUP.`,
      );
    }
    const changedOnHolder =
      scenario.failing.some((id) => holder.checks.some((check) => check.id === id)) ||
      (haproxyDownOn(holder) && holder.checks.some((check) => check.watchesHaproxy));
    if (changedOnHolder && incumbent === holder) {
      return result(
        [holder],
        `The VIP stays on ${holder.node} (${priorityText(holder)}${against}): the failing ` +
          `checks do not lower its priority below a backup's. A larger weight is needed ` +
          `(failover-weight).`,
        true,
      );
    }
    if (haproxyDownOn(holder) && !holder.checks.some((check) => check.watchesHaproxy)) {
      return result(
        [holder],
        `The VIP stays on ${holder.node}: no check it tracks watches HAProxy ` +
          `(no-haproxy-tracking).`,
      );
    }
    return result([holder], `${holder.node} holds the VIP (${priorityText(holder)}${against}).`);
  }
  const reason = scenario.nodesDown.includes(incumbent.node)
    ? `${incumbent.node} is down`
    : priorities[incumbent.node] === 'fault'
      ? `${incumbent.node} is in FAULT`
      : `${incumbent.node}'s priority falls to ${priorityText(incumbent)}`;
  return result(
    [holder],
    `The VIP moves from ${incumbent.node} to ${holder.node} (${priorityText(holder)}): ${reason}.`,
  );
}

/** Every group's outcome under one scenario. */
export function runScenarios(
  groups: readonly SimGroup[],
  scenario: FailoverScenario,
): ScenarioOutcome[] {
  return groups.map((group) => runScenario(group, scenario));
}
