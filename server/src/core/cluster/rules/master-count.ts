import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext, GroupMember } from '../model.js';
import { hasNopreempt, simulateFailover } from '../simulate.js';
import { elections, label, namePlace, placeOf, settingRelated } from './helpers.js';

const isMaster = (member: GroupMember): boolean => member.instance.state?.value?.value === 'MASTER';

function statePlace(member: GroupMember) {
  const state = member.instance.state;
  return state ? placeOf(member, state.item, state.value ?? state.item.keyword) : namePlace(member);
}

function stateRelated(member: GroupMember, message: string) {
  return settingRelated(member, member.instance.state, message);
}

/**
 * Start-up roles that do not match the priorities: several members `state MASTER` (warning: each
 * claims the VIP at start-up until the adverts settle it), none (info: everything starts BACKUP
 * and the preferred node takes over after the master-down interval, which is fine with
 * `nopreempt`), or the MASTER is not the preferred node (info: it holds the VIP until the
 * preferred node comes up). Also `nopreempt` only on a node that is not the preferred master
 * (warning: keepalived only honours it where it would preempt, so it has no effect there).
 */
export const masterCount: Rule<ClusterRuleContext> = {
  code: 'master-count',
  defaultSeverity: 'info',
  summary: 'The nodes of a VRRP group configured as state MASTER do not match the priorities.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const preferred = simulateFailover(group).healthy.holder;
      if (!preferred) continue;
      const masters = group.members.filter(isMaster);
      const nopreempt = group.members.filter(hasNopreempt);
      const preferredText = `${preferred.node.name} (priority ${preferred.instance.priority})`;
      if (masters.length > 1) {
        for (const member of masters) {
          const others = masters.filter((other) => other.node !== member.node);
          if (others.length === 0) continue;
          report({
            ...statePlace(member),
            severity: 'warning',
            message: `${label(member)} and ${others.map((o) => o.node.name).join(', ')} ${others.length > 1 ? 'are all' : 'are both'} state MASTER: at start-up each claims the VIP until the adverts hand it to ${preferredText}. Make the other nodes state BACKUP.`,
            related: others.map((other) => stateRelated(other, `state of ${label(other)}`)),
          });
        }
      } else if (masters.length === 0 && nopreempt.length === 0) {
        report({
          ...statePlace(preferred),
          message: `no node of ${preferred.instance.name} is state MASTER: all start as BACKUP and ${preferredText} takes the VIP after the master-down interval (about 3 adverts). Use state MASTER on ${preferred.node.name} to take it at once.`,
          related: group.members
            .filter((member) => member.node !== preferred.node)
            .map((member) => stateRelated(member, `state of ${label(member)}`)),
        });
      } else if (masters.length === 1 && masters[0] !== preferred) {
        const master = masters[0];
        if (master) {
          const message = `${label(master)} is state MASTER but ${preferredText} wins the election: ${master.node.name} holds the VIP at start-up until ${preferred.node.name} runs and takes it over.`;
          report({
            ...statePlace(master),
            message,
            related: [stateRelated(preferred, `state of ${label(preferred)}`)],
          });
          report({
            ...statePlace(preferred),
            message,
            related: [stateRelated(master, `state of ${label(master)}`)],
          });
        }
      }
      if (nopreempt.length > 0 && !nopreempt.includes(preferred)) {
        for (const member of nopreempt) {
          const line = member.instance.nopreempt;
          if (!line || member.node === preferred.node) continue;
          report({
            ...placeOf(member, line),
            severity: 'warning',
            message: `nopreempt on ${label(member)} does not keep the VIP where it is: nopreempt only matters on the node that would preempt, the preferred master ${preferredText}, which takes the VIP back as soon as it returns.`,
            related: [stateRelated(preferred, `${label(preferred)}, the preferred master`)],
          });
        }
      }
    }
  },
};
