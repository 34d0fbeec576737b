import type { Rule } from '../../common/rule.js';
import { tracksHaproxy } from '../haproxy-checks.js';
import { bindCovers } from '../haproxy-facts.js';
import {
  findingAt,
  instanceLocation,
  nodesRunningBoth,
  relatedAt,
} from '../haproxy-rule-helpers.js';
import { keepalivedFacts } from '../keepalived-facts.js';
import type { ClusterRuleContext } from '../model.js';

/**
 * A node runs HAProxy and Keepalived, but the instance whose virtual IP HAProxy serves tracks no
 * check of HAProxy (a `vrrp_script` probing the process, the service or one of its ports, or a
 * `track_process` of haproxy): when HAProxy dies the node keeps the VIP and the service is down.
 */
export const noHaproxyTracking: Rule<ClusterRuleContext> = {
  code: 'no-haproxy-tracking',
  defaultSeverity: 'warning',
  summary: 'No tracked check watches HAProxy, so its failure does not move the VIP.',
  check({ model }, report) {
    for (const node of nodesRunningBoth(model)) {
      const facts = node.haproxy;
      if (!facts) continue;
      const instances = keepalivedFacts(node).instances.filter((fact) =>
        fact.vips.some((vip) => !vip.excluded),
      );
      // The instances HAProxy serves: those whose VIP a bind covers; when binds depend on the
      // environment and none is known to match, every instance might be one.
      const served = instances
        .map((fact) => ({
          fact,
          bind: facts.binds.find((bind) =>
            fact.vips.some((vip) => !vip.excluded && bindCovers(bind, vip.address, vip.family)),
          ),
        }))
        .filter((entry) => entry.bind !== undefined || facts.opaqueBinds.length > 0);
      for (const { fact, bind } of served) {
        if (fact.tracked.some((tracked) => tracksHaproxy(tracked, facts.binds))) continue;
        const where = bind ?? facts.opaqueBinds[0] ?? facts.anchor;
        const tracked = fact.tracked.map((entry) => entry.use.name);
        const vips = fact.vips.filter((vip) => !vip.excluded).map((vip) => vip.address);
        report(
          findingAt(
            instanceLocation(fact),
            `${fact.instance.name} on ${node.name} holds ${vips.join(', ')} for HAProxy but ` +
              `tracks no check of HAProxy (${
                tracked.length === 0 ? 'it tracks nothing' : `tracked: ${tracked.join(', ')}`
              }): if HAProxy stops, the VIP stays on ${node.name}. Track a vrrp_script such as ` +
              `'killall -0 haproxy' with a negative weight or weight 0.`,
            [relatedAt(where, `HAProxy on ${node.name} listens here`)],
          ),
        );
        report(
          findingAt(
            where,
            `Keepalived instance ${fact.instance.name} on ${node.name} does not track HAProxy: ` +
              `if HAProxy stops, the VIP it serves here does not move.`,
            [relatedAt(instanceLocation(fact), `vrrp_instance ${fact.instance.name}`)],
          ),
        );
      }
    }
  },
};
