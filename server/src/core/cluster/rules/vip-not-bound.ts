import type { Rule } from '../../common/rule.js';
import { bindCovers } from '../haproxy-facts.js';
import { findingAt, relatedAt } from '../haproxy-rule-helpers.js';
import { keepalivedFacts } from '../keepalived-facts.js';
import type { ClusterRuleContext } from '../model.js';

/**
 * A virtual address of a VRRP group whose node runs HAProxy, yet no `bind` of that node uses it
 * and no wildcard bind covers it: the address moves on failover but nothing answers on it. It may
 * serve another program, so this is only information.
 */
export const vipNotBound: Rule<ClusterRuleContext> = {
  code: 'vip-not-bound',
  defaultSeverity: 'info',
  summary: 'A virtual IP of a node running HAProxy is not used by any bind.',
  check({ model }, report) {
    for (const group of model.groups) {
      for (const member of group.members) {
        const facts = member.node.haproxy;
        // Binds that depend on the environment might be the VIP: say nothing rather than guess.
        if (!facts || facts.opaqueBinds.length > 0) continue;
        const instance = keepalivedFacts(member.node).instances.find(
          (fact) => fact.instance === member.instance,
        );
        if (!instance) continue;
        const seen = new Set<string>();
        for (const vip of instance.vips) {
          if (vip.excluded || seen.has(vip.address)) continue;
          seen.add(vip.address);
          if (facts.binds.some((bind) => bindCovers(bind, vip.address, vip.family))) continue;
          const name = member.node.name;
          const listens =
            facts.binds.length === 0
              ? 'HAProxy binds no IP address there'
              : `HAProxy on ${name} listens on ${[
                  ...new Set(facts.binds.map((bind) => bind.address ?? '*')),
                ].join(', ')}`;
          report(
            findingAt(
              vip,
              `Virtual IP ${vip.address} of ${instance.instance.name} on ${name} is not used by ` +
                `any HAProxy bind on ${name}: ${listens}.`,
              [relatedAt(facts.binds[0] ?? facts.anchor, listens)],
              { address: vip.address },
            ),
          );
          report(
            findingAt(
              facts.anchor,
              `No bind of HAProxy on ${name} uses virtual IP ${vip.address} of ` +
                `Keepalived instance ${instance.instance.name}.`,
              [relatedAt(vip, `Virtual IP ${vip.address} of ${instance.instance.name}`)],
              { address: vip.address },
            ),
          );
        }
      }
    }
  },
};
