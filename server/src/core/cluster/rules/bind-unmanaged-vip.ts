import type { Rule } from '../../common/rule.js';
import { keepalivedFacts } from '../keepalived-facts.js';
import { findingAt, hasKeepalived, instanceLocation, relatedAt } from '../haproxy-rule-helpers.js';
import type { ClusterRuleContext } from '../model.js';

/**
 * HAProxy binds a specific address that Keepalived neither holds on that node
 * (`static_ipaddress`, `unicast_src_ip`) nor moves as a virtual address anywhere in the cluster:
 * when that address is not on the host HAProxy fails to start ("cannot bind socket"), and when it
 * is the host's own address, failing over does not move the service.
 */
export const bindUnmanagedVip: Rule<ClusterRuleContext> = {
  code: 'bind-unmanaged-vip',
  defaultSeverity: 'warning',
  summary: 'HAProxy binds an address Keepalived neither holds nor moves.',
  check({ model }, report) {
    // Without any Keepalived configuration the addresses are managed elsewhere.
    if (!hasKeepalived(model)) return;
    const managed = new Set<string>();
    for (const node of model.nodes) {
      for (const instance of keepalivedFacts(node).instances) {
        for (const vip of instance.vips) managed.add(vip.address);
      }
    }
    // Looked up once: searching every node for each node without Keepalived is quadratic.
    const anyInstance = model.nodes
      .map((other) => keepalivedFacts(other).instances[0])
      .find(Boolean);
    for (const node of model.nodes) {
      const facts = node.haproxy;
      if (!facts) continue;
      const own = keepalivedFacts(node);
      const local = new Set(own.localAddresses.map((fact) => fact.address));
      const anchor = own.instances[0] ?? anyInstance;
      for (const bind of facts.binds) {
        const address = bind.address;
        if (address === undefined || bind.loopback) continue;
        if (managed.has(address) || local.has(address)) continue;
        report(
          findingAt(
            bind,
            `HAProxy on ${node.name} binds ${address}, which no Keepalived instance of the cluster ` +
              `manages as a virtual address and which is not a static address of ${node.name}: ` +
              `check the address, or add it to an instance's virtual_ipaddress.`,
            anchor
              ? [
                  relatedAt(
                    instanceLocation(anchor),
                    `Keepalived instance ${anchor.instance.name} (virtual addresses: ${
                      anchor.vips.map((vip) => vip.address).join(', ') || 'none'
                    })`,
                  ),
                ]
              : [],
            { address },
          ),
        );
      }
    }
  },
};
