import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext, GroupMember } from '../model.js';
import {
  concrete,
  elections,
  label,
  namePlace,
  placeOf,
  reportMismatch,
  settingRelated,
} from './helpers.js';

/** The advert interval of a member in seconds (keepalived's default is 1). */
function advertOf(member: GroupMember): number | undefined {
  const line = member.instance.advertInt;
  if (!line) return 1;
  const word = line.value;
  if (!concrete(word) || !/^\d+(\.\d+)?$/.test(word.value)) return undefined;
  return Number(word.value);
}

function placeFor(member: GroupMember) {
  const line = member.instance.advertInt;
  return line ? placeOf(member, line.item, line.value ?? line.item.keyword) : namePlace(member);
}

/**
 * Members of one group use different `advert_int`. With VRRPv2 keepalived drops every advert
 * whose interval differs from its own (to avoid two masters in one VRID, it says), so the nodes
 * never hear each other: error (split brain). VRRPv3 only logs and a backup adopts the master's
 * interval: warning.
 */
export const advertMismatch: Rule<ClusterRuleContext> = {
  code: 'advert-mismatch',
  defaultSeverity: 'error',
  summary: 'The nodes of one VRRP group use different advert_int values.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const v3 = group.members.every((member) => member.instance.version === 3);
      reportMismatch(
        group,
        advertOf,
        String,
        (member, value, peers) => ({
          ...placeFor(member),
          message: `${label(member)} sends adverts every ${value}s but ${peers
            .map((peer) => `${peer.node.name} every ${advertOf(peer) ?? '?'}s`)
            .join(', ')}: ${
            v3
              ? "with VRRPv3 the backups adopt the master's interval, but the failover timing differs per node."
              : 'with VRRPv2 keepalived drops adverts with another interval, so every node becomes MASTER (split brain).'
          }`,
          ...(v3 ? { severity: 'warning' as const } : {}),
        }),
        (member) =>
          settingRelated(
            member,
            member.instance.advertInt,
            `advert_int of ${label(member)}`,
            `${label(member)} (default advert_int 1)`,
          ),
        report,
      );
    }
  },
};
