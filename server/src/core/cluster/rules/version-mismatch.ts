import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext, GroupMember } from '../model.js';
import { elections, label, namePlace, placeOf, reportMismatch, settingRelated } from './helpers.js';

function placeFor(member: GroupMember) {
  const line = member.instance.versionLine;
  return line ? placeOf(member, line.item, line.value ?? line.item.keyword) : namePlace(member);
}

/** A member's version is known unless its `version` line holds an unresolved parameter. */
function versionOf(member: GroupMember): 2 | 3 | undefined {
  const word = member.instance.versionLine?.value;
  if (word && (word.refs.length > 0 || word.hasTemplate)) return undefined;
  return member.instance.version;
}

/**
 * Members of one group speak different VRRP versions. keepalived discards packets of the other
 * version ("wrong VRRP version"), so the nodes never hear each other: error (split brain).
 */
export const versionMismatch: Rule<ClusterRuleContext> = {
  code: 'version-mismatch',
  defaultSeverity: 'error',
  summary: 'The nodes of one VRRP group use different VRRP versions.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      reportMismatch(
        group,
        versionOf,
        String,
        (member, value, peers) => ({
          ...placeFor(member),
          message: `${label(member)} speaks VRRPv${value} but ${peers
            .map((peer) => `${peer.node.name} speaks VRRPv${peer.instance.version}`)
            .join(
              ', ',
            )}: keepalived discards adverts of the other version, so every node becomes MASTER (split brain).`,
        }),
        (member, value) =>
          settingRelated(
            member,
            member.instance.versionLine,
            `VRRP version of ${label(member)}`,
            `${label(member)} (VRRPv${value})`,
          ),
        report,
      );
    }
  },
};
