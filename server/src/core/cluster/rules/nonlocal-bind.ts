import type { Rule } from '../../common/rule.js';
import type { BindFact } from '../haproxy-facts.js';
import { findingAt, nodesRunningBoth, relatedAt } from '../haproxy-rule-helpers.js';
import { keepalivedFacts } from '../keepalived-facts.js';
import type { ClusterRuleContext } from '../model.js';

/**
 * HAProxy on a node that starts as VRRP BACKUP binds a virtual IP the node does not hold yet.
 * Linux refuses to bind an address the host lacks unless `net.ipv4.ip_nonlocal_bind=1`
 * (`net.ipv6.ip_nonlocal_bind` for IPv6) or the bind has `transparent`, so HAProxy would fail to
 * start there. The sysctl cannot be seen from the files, hence only information.
 */
export const nonlocalBind: Rule<ClusterRuleContext> = {
  code: 'nonlocal-bind',
  defaultSeverity: 'info',
  summary: 'A BACKUP node binds a VIP it does not hold: needs ip_nonlocal_bind or transparent.',
  check({ model }, report) {
    for (const node of nodesRunningBoth(model)) {
      const facts = node.haproxy;
      if (!facts) continue;
      const reported = new Set<BindFact>();
      for (const instance of keepalivedFacts(node).instances) {
        if (!instance.startsBackup) continue;
        for (const vip of instance.vips) {
          const binds = facts.binds.filter(
            (bind) => !bind.transparent && bind.address === vip.address && !reported.has(bind),
          );
          const firstBind = binds[0];
          if (!firstBind) continue;
          const sysctl = `net.ipv${vip.family}.ip_nonlocal_bind=1`;
          for (const bind of binds) {
            reported.add(bind);
            report(
              findingAt(
                bind,
                `${node.name} starts as BACKUP of ${instance.instance.name}, so it does not hold ` +
                  `${vip.address} when HAProxy starts: binding it needs the sysctl ${sysctl} ` +
                  `or 'transparent' on this bind.`,
                [relatedAt(vip, `Virtual IP ${vip.address} of ${instance.instance.name} (BACKUP)`)],
                { address: vip.address, sysctl },
              ),
            );
          }
          report(
            findingAt(
              vip,
              `HAProxy on ${node.name} binds ${vip.address}, which this BACKUP node does not ` +
                `hold at start: it needs the sysctl ${sysctl} or 'transparent' on the bind` +
                `${binds.length > 1 ? 's' : ''}.`,
              binds.map((bind) => relatedAt(bind, `HAProxy binds ${vip.address} here`)),
              { address: vip.address, sysctl },
            ),
          );
        }
      }
    }
  },
};
