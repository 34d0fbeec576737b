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

/** What goes on the wire: the type and the first 8 characters of the password. */
function authOf(member: GroupMember): { type: string; pass: string } | undefined {
  const auth = member.instance.auth;
  if (!auth) return { type: 'none', pass: '' };
  const type = auth.type?.value;
  const pass = auth.pass?.value;
  if ((type && !concrete(type)) || (pass && !concrete(pass))) return undefined;
  // keepalived truncates auth_pass to 8 characters, so longer passwords match on their prefix.
  return { type: type?.value.toUpperCase() ?? 'none', pass: (pass?.value ?? '').slice(0, 8) };
}

function placeFor(member: GroupMember) {
  const auth = member.instance.auth;
  if (!auth) return namePlace(member);
  const line = auth.pass ?? auth.type;
  return line
    ? placeOf(member, line.item, line.value ?? line.item.keyword)
    : placeOf(member, auth.item);
}

/**
 * Members of one VRRPv2 group authenticate differently (type, or the first 8 characters of
 * `auth_pass`, all keepalived sends). keepalived rejects such adverts, so every node becomes
 * MASTER: error. VRRPv3 ignores authentication, so v3 groups are not checked.
 */
export const authMismatch: Rule<ClusterRuleContext> = {
  code: 'auth-mismatch',
  defaultSeverity: 'error',
  summary: 'The nodes of one VRRPv2 group use different authentication.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      if (group.members.some((member) => member.instance.version === 3)) continue;
      reportMismatch(
        group,
        authOf,
        (value) => `${value.type}\u0000${value.pass}`,
        (member, value, peers) => {
          const typeDiffers = peers.some((peer) => authOf(peer)?.type !== value.type);
          return {
            ...placeFor(member),
            message: typeDiffers
              ? `${label(member)} uses authentication ${value.type === 'none' ? 'none' : value.type} but ${peers
                  .map((peer) => `${peer.node.name} uses ${authOf(peer)?.type ?? '?'}`)
                  .join(
                    ', ',
                  )}: keepalived rejects the other nodes' adverts, so every node becomes MASTER (split brain).`
              : `${label(member)} and ${peers.map((peer) => peer.node.name).join(', ')} use different auth_pass values (keepalived compares the first 8 characters): the adverts are rejected, so every node becomes MASTER (split brain).`,
          };
        },
        (member) =>
          settingRelated(
            member,
            member.instance.auth?.pass ?? member.instance.auth?.type,
            `authentication of ${label(member)}`,
            `${label(member)} (no authentication)`,
          ),
        report,
      );
    }
  },
};
