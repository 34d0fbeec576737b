import type { Rule } from '../../common/rule.js';
import { countWork } from '../../common/work.js';
import type { KeepalivedItem } from '../../keepalived/ast.js';
import type { ClusterRuleContext, GroupMember } from '../model.js';
import {
  childItems,
  childLine,
  elections,
  label,
  namePlace,
  placeOf,
  relatedTo,
} from './helpers.js';

function peerLine(member: GroupMember): KeepalivedItem | undefined {
  return childLine(member.instance.item, 'unicast_peer');
}

/** The peer list or source holds a parameter we could not resolve: nothing can be concluded. */
function opaque(member: GroupMember): boolean {
  const src = childLine(member.instance.item, 'unicast_src_ip')?.args[0];
  if (src && (src.refs.length > 0 || src.hasTemplate)) return true;
  return childItems(peerLine(member)).some(
    (entry) => entry.keyword.refs.length > 0 || entry.keyword.hasTemplate,
  );
}

function modePlace(member: GroupMember) {
  const line = peerLine(member);
  return line ? placeOf(member, line) : namePlace(member);
}

/**
 * Unicast settings that keep the nodes of one group from hearing each other: one node uses
 * unicast and another multicast (keepalived discards the other kind of packet), or a node's
 * `unicast_src_ip` is missing from a peer's `unicast_peer` (that peer never sends it adverts).
 * Either way a node that hears nothing becomes MASTER next to the real one: error (split brain).
 * A node listing its own address is left to the per-node `unicast-self-peer` rule.
 */
export const unicastMismatch: Rule<ClusterRuleContext> = {
  code: 'unicast-mismatch',
  defaultSeverity: 'error',
  summary: 'The unicast settings of one VRRP group do not let every node reach the others.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const members = group.members.filter((member) => !opaque(member));
      const unicast = members.filter((member) => member.instance.unicastPeers.length > 0);
      const multicast = members.filter((member) => member.instance.unicastPeers.length === 0);
      if (unicast.length > 0 && multicast.length > 0) {
        for (const member of members) {
          const isUnicast = unicast.includes(member);
          const others = (isUnicast ? multicast : unicast).filter((m) => m.node !== member.node);
          if (others.length === 0) continue;
          report({
            ...modePlace(member),
            message: `${label(member)} uses ${isUnicast ? 'unicast' : 'multicast'} but ${others
              .map((other) => other.node.name)
              .join(
                ', ',
              )} ${others.length > 1 ? 'use' : 'uses'} ${isUnicast ? 'multicast' : 'unicast'}: keepalived discards the other kind of advert, so every node becomes MASTER (split brain).`,
            related: others.map((other) => {
              const line = peerLine(other);
              return line
                ? relatedTo(other, line, `unicast_peer of ${label(other)}`)
                : relatedTo(
                    other,
                    other.instance.item,
                    `${label(other)} (multicast)`,
                    other.instance.word,
                  );
            }),
          });
        }
        continue;
      }
      for (const source of unicast) {
        const src = source.instance.unicastSrc;
        if (!src) continue;
        for (const peer of unicast) {
          countWork();
          if (peer.node === source.node) continue;
          if (peer.instance.unicastPeers.some((entry) => entry.address === src.address)) continue;
          const list = peerLine(peer);
          if (!list) continue;
          const consequence = `${peer.node.name} never sends its adverts to ${source.node.name}, which then becomes MASTER as well (split brain).`;
          report({
            ...placeOf(peer, list),
            message: `unicast_peer of ${label(peer)} lacks ${src.address}, the unicast_src_ip of ${source.node.name}: ${consequence}`,
            related: [relatedTo(source, src.item, `unicast_src_ip of ${label(source)}`, src.word)],
          });
          report({
            ...placeOf(source, src.item, src.word),
            message: `${label(peer)} does not list ${src.address} (this node's unicast_src_ip) in its unicast_peer: ${consequence}`,
            related: [relatedTo(peer, list, `unicast_peer of ${label(peer)}`)],
          });
        }
      }
    }
  },
};
