import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../ast.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf } from './helpers.js';
import { isConcrete } from './walk.js';

/** Instance keywords that only make sense with unicast peers (checked with keepalived 2.2.7 -t). */
const UNICAST_KEYWORDS = ['unicast_src_ip', 'check_unicast_src', 'unicast_ttl', 'unicast_peer'];

/**
 * A unicast setting in an instance without any unicast peer: keepalived falls back to multicast
 * ("A unicast keyword has been specified without any unicast peers … This usage is deprecated",
 * or for `unicast_ttl` "Cannot use unicast_ttl without unicast peers - resetting") and runs. A
 * warning by the severity policy: the instance starts, only in multicast. `unicast_fault_no_peer`
 * alone is accepted. An empty `unicast_peer { }` counts as a unicast keyword without peers.
 */
export const unicastWithoutPeers: Rule<KeepalivedRuleContext> = {
  code: 'unicast-without-peers',
  defaultSeverity: 'warning',
  summary: 'A vrrp_instance uses a unicast setting but lists no unicast peer.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const nodes = instance.item.block?.items ?? [];
      // Parameters, includes or templates may bring the peers: judge only plain blocks.
      if (nodes.some((node) => node.kind !== 'item' || !isConcrete(node.keyword))) continue;
      const lines = nodes.filter(
        (node): node is KeepalivedItem =>
          node.kind === 'item' && UNICAST_KEYWORDS.includes(node.keyword.value),
      );
      // Peer lines that are not valid addresses are reported by invalid-list-value; any line at all
      // means the author meant to list peers.
      const hasPeers = lines.some(
        (line) => line.keyword.value === 'unicast_peer' && (line.block?.items.length ?? 0) > 0,
      );
      if (hasPeers || instance.unicastPeers.length > 0) continue;
      for (const line of lines) {
        report({
          message: `${instance.name} has ${line.keyword.value} but no unicast peer; Keepalived falls back to multicast (a deprecated usage).`,
          ...rangeOf(index, line, line.keyword),
        });
      }
    }
  },
};
