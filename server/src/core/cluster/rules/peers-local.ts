import type { RelatedLocation } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import { findingAt, relatedAt } from '../haproxy-rule-helpers.js';
import type { ClusterRuleContext } from '../model.js';

/**
 * A `peers` section must list the local peer (the name from global `localpeer` or `-L`, else the
 * host name, which halint takes to be the node name). Without it HAProxy warns "Removing
 * incomplete section" and drops the section on that node, so its stick tables stop syncing.
 */
export const peersLocal: Rule<ClusterRuleContext> = {
  code: 'peers-local',
  defaultSeverity: 'warning',
  summary: 'A peers section has no peer named after the node, so HAProxy drops it there.',
  check({ model }, report) {
    for (const node of model.nodes) {
      const facts = node.haproxy;
      if (!facts) continue;
      const localPeer = facts.localPeer;
      // A name left to the environment is unknown: nothing to compare with.
      if (localPeer && localPeer.name === undefined) continue;
      const local = localPeer?.name ?? node.name;
      const source = localPeer
        ? `'localpeer ${local}'`
        : `the host name, taken to be the node name`;
      for (const section of facts.peers) {
        if (section.disabled || section.peers.some((peer) => peer.name === local)) continue;
        const related: RelatedLocation[] = localPeer
          ? [relatedAt(localPeer, `The local peer name of ${node.name} is set here`)]
          : section.peers.slice(0, 1).map((peer) => relatedAt(peer, `peer ${peer.name}`));
        const names = section.peers.map((peer) => peer.name);
        report(
          findingAt(
            section,
            `peers section '${section.name}' on ${node.name} has no peer named '${local}' ` +
              `(${source}; peers: ${names.join(', ') || 'none'}): HAProxy drops the ` +
              `section there as incomplete. Add the local peer, or set 'localpeer' in global.`,
            related,
            { localPeer: local },
          ),
        );
      }
    }
  },
};
