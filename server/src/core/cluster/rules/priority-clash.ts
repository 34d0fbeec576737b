import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { GroupMember, ClusterRuleContext } from '../model.js';
import {
  concrete,
  elections,
  label,
  namePlace,
  placeOf,
  relatedTo,
  replaceFix,
} from './helpers.js';

/** Where a member's priority is written: its `priority` line, else the instance name. */
function priorityPlace(member: GroupMember) {
  const line = member.instance.priorityLine;
  return line?.value ? placeOf(member, line.item, line.value) : namePlace(member);
}

/** A priority no member of the group uses, below `from` (or above when there is no room). */
function freePriority(used: ReadonlySet<number>, from: number, skip: number): number | undefined {
  let skipped = 0;
  for (let value = Math.min(from, 255) - 1; value >= 1; value--) {
    if (used.has(value)) continue;
    if (skipped++ === skip) return value;
  }
  return undefined;
}

/**
 * Two members of one group have the same base priority (two address owners at 255 included).
 * Warning: the election is then decided by the higher primary IP address, a coin toss as far as
 * the configuration says, but the cluster still has exactly one MASTER.
 */
export const priorityClash: Rule<ClusterRuleContext> = {
  code: 'priority-clash',
  defaultSeverity: 'warning',
  summary: 'Two nodes of one VRRP group have the same priority.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const used = new Set(group.members.map((member) => member.instance.priority));
      const byPriority = new Map<number, GroupMember[]>();
      for (const member of group.members) {
        const word = member.instance.priorityLine?.value;
        // A parameter we cannot resolve may well differ per node.
        if (member.instance.priorityLine && !concrete(word)) continue;
        const list = byPriority.get(member.instance.priority) ?? [];
        list.push(member);
        byPriority.set(member.instance.priority, list);
      }
      for (const [priority, members] of byPriority) {
        if (new Set(members.map((member) => member.node)).size < 2) continue;
        const owner = priority === 255;
        members.forEach((member, position) => {
          const peers = members.filter((other) => other.node !== member.node);
          if (peers.length === 0) return;
          const word = member.instance.priorityLine?.value;
          const free = freePriority(used, owner ? 255 : priority, position);
          const fixes: QuickFix[] =
            word && free !== undefined
              ? [replaceFix(word, String(free), `Use priority ${free}`)]
              : [];
          report({
            ...priorityPlace(member),
            message: owner
              ? `${label(member)} and ${peers.map((peer) => peer.node.name).join(', ')} all claim priority 255 (address owner): only one node can own the addresses, and which one wins is decided by IP address.`
              : `${label(member)} has priority ${priority} like ${peers.map((peer) => peer.node.name).join(', ')}: the election is a coin toss decided by the higher IP address. Give each node its own priority (and nopreempt to keep a master from being displaced).`,
            related: peers.map((peer) => {
              const line = peer.instance.priorityLine;
              return line?.value
                ? relatedTo(peer, line.item, `priority of ${label(peer)}`, line.value)
                : relatedTo(
                    peer,
                    peer.instance.item,
                    `${label(peer)} (implicit priority ${priority})`,
                    peer.instance.word,
                  );
            }),
            fixes,
          });
        });
      }
    }
  },
};
