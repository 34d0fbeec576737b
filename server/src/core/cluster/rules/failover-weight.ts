import type { QuickFix } from '../../common/issue.js';
import type { Finding, Rule } from '../../common/rule.js';
import type { ClusterRuleContext, GroupMember, TrackedCheck } from '../model.js';
import { OWNER_PRIORITY, simulateFailover, type Effective } from '../simulate.js';
import { elections, label, placeOf, relatedTo } from './helpers.js';

const show = (priority: Effective): string => (priority === 'fault' ? 'FAULT' : String(priority));

/** The check watches HAProxy, so the message can say what is actually down. */
function watchesHaproxy(check: TrackedCheck): boolean {
  if (/haproxy/i.test(check.name)) return true;
  const item = check.definition?.item;
  return (item?.block?.items ?? []).some(
    (node) =>
      node.kind === 'item' &&
      node.keyword.value === 'script' &&
      node.args.some((arg) => /haproxy/i.test(arg.value)),
  );
}

/** Sum of base priority and the other checks' contributions with everything healthy. */
function priorityWithout(member: GroupMember, check: TrackedCheck): number {
  let priority = member.instance.priority;
  for (const other of member.checks) {
    if (other === check) continue;
    // Healthy: a reversed check counts as down (see effectivePriority).
    const up = !other.reverse;
    if (other.weight > 0 && up) priority += other.weight;
    else if (other.weight < 0 && !up) priority += other.weight;
  }
  return priority;
}

/** The fix: a negative weight large enough to drop the member below `best`. */
function weightFix(member: GroupMember, check: TrackedCheck, best: number): QuickFix | undefined {
  if (check.reverse) return undefined;
  const rest = priorityWithout(member, check);
  // The member must still win while healthy, else a negative weight would hand the VIP over.
  if (rest <= best) return undefined;
  const weight = Math.max(-253, best - 1 - rest);
  if (Math.min(254, Math.max(1, rest + weight)) >= best) return undefined;
  const line = check.use.item;
  const at = line.args.findIndex((arg) => arg.value === 'weight');
  const number = at >= 0 ? line.args[at + 1] : undefined;
  const last = line.args[line.args.length - 1] ?? line.keyword;
  return {
    title: `Use weight ${weight} so that a failure moves the VIP`,
    edits: [
      number
        ? { start: number.start, end: number.end, text: String(weight) }
        : { start: last.end, end: last.end, text: ` weight ${weight}` },
    ],
  };
}

/** Where the finding goes: the `weight N` on the track line, else the track entry's name. */
function checkPlace(member: GroupMember, check: TrackedCheck) {
  const line = check.use.item;
  const at = line.args.findIndex((arg) => arg.value === 'weight');
  const number = at >= 0 ? line.args[at + 1] : undefined;
  return placeOf(member, line, number ?? check.use.word);
}

/**
 * Simulates each tracked check failing on the node that wins the election. Warning when the VIP
 * would stay on that node: the failover the check was written for does not happen, though
 * the cluster keeps serving from one node. Also warns on `nopreempt` in a group whose weights are
 * meant to move the VIP: a BACKUP with nopreempt never takes over from a live master, whatever
 * the priorities say.
 */
export const failoverWeight: Rule<ClusterRuleContext> = {
  code: 'failover-weight',
  defaultSeverity: 'warning',
  summary:
    'A tracked check failing on the master does not move the VIP (weights too small, nopreempt).',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const simulation = simulateFailover(group);
      const winner = simulation.healthy.holder;
      if (winner) {
        for (const failure of simulation.failures) {
          if (failure.member !== winner || failure.holder !== winner) continue;
          if (failure.priority === 'fault') continue;
          const { check } = failure;
          const others = simulation.members.filter((m) => m.member !== winner);
          const best = Math.max(0, ...others.map((m) => (m.healthy === 'fault' ? 0 : m.healthy)));
          const what = watchesHaproxy(check) ? 'HAProxy' : check.name;
          const owner = winner.instance.priority >= OWNER_PRIORITY;
          const numbers = `${winner.node.name} still has ${show(failure.priority)} and ${others
            .map((m) => `${m.member.node.name} has ${show(m.healthy)}`)
            .join(', ')}`;
          let message: string;
          if (owner) {
            message = `${winner.node.name} has priority 255 (address owner), so keepalived ignores the weight of ${check.name}: if it fails, ${winner.node.name} keeps the VIP although its ${what} is down. Use a priority below 255.`;
          } else if (failure.blocked.length > 0 && failure.priority < best) {
            message = `if ${check.name} fails on ${winner.node.name}, ${winner.node.name} drops to ${show(failure.priority)} and ${others
              .map((m) => `${m.member.node.name} has ${show(m.healthy)}`)
              .join(', ')}, but nopreempt on ${failure.blocked
              .map((m) => m.node.name)
              .join(', ')} keeps it BACKUP: the VIP stays on the node whose ${what} is down.`;
          } else {
            message = `if ${check.name} fails on ${winner.node.name}, ${numbers}: the VIP stays on the node whose ${what} is down.`;
          }
          const place = checkPlace(winner, check);
          // Only a priority still at or above the best backup's is a weight problem; a blocked
          // failover needs nopreempt gone, which the finding on that line says.
          const fix = owner || failure.priority < best ? undefined : weightFix(winner, check, best);
          const finding: Finding = {
            ...place,
            message,
            related: others.map((m) =>
              m.member.instance.priorityLine?.value
                ? relatedTo(
                    m.member,
                    m.member.instance.priorityLine.item,
                    `priority of ${label(m.member)}`,
                    m.member.instance.priorityLine.value,
                  )
                : relatedTo(
                    m.member,
                    m.member.instance.item,
                    label(m.member),
                    m.member.instance.word,
                  ),
            ),
            ...(fix ? { fixes: [fix] } : {}),
          };
          report(finding);
        }
      }
      // nopreempt defeats weights: a BACKUP with it ignores a live master's lower priority, so
      // the weights meant to hand the VIP over do nothing (acassen/keepalived#2599).
      const blockedBy = new Map<GroupMember, TrackedCheck[]>();
      for (const failure of simulation.failures) {
        if (failure.holder !== failure.member || failure.priority === 'fault') continue;
        for (const member of failure.blocked) {
          blockedBy.set(member, [...(blockedBy.get(member) ?? []), failure.check]);
        }
      }
      for (const [member, checks] of blockedBy) {
        const line = member.instance.nopreempt;
        const failing = winner;
        if (!line || !failing) continue;
        report({
          ...placeOf(member, line),
          message: `nopreempt on ${label(member)} keeps it BACKUP while ${failing.node.name} is alive, so when ${[
            ...new Set(checks.map((check) => check.name)),
          ].join(
            ', ',
          )} fails on ${failing.node.name} its lower priority does not move the VIP: only FAULT or a stopped keepalived does. Use weight 0 (FAULT) for such checks or drop nopreempt.`,
          related: checks.map((check) =>
            relatedTo(
              failing,
              check.use.item,
              `${check.name} tracked by ${label(failing)}`,
              check.use.word,
            ),
          ),
        });
      }
    }
  },
};
