import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix, mayCoexist, ownLine, rangeOf, relatedAt } from './helpers.js';

/**
 * The node's own `unicast_src_ip` listed in its `unicast_peer` block. keepalived accepts it but
 * then sends adverts to itself and logs about them on every interval.
 */
export const unicastSelfPeer: Rule<KeepalivedRuleContext> = {
  code: 'unicast-self-peer',
  defaultSeverity: 'warning',
  summary: 'An instance lists its own unicast_src_ip among its unicast peers.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const src = instance.unicastSrc;
      if (!src) continue;
      for (const peer of instance.unicastPeers) {
        // `@lb1 unicast_src_ip …` and `@lb2 …` peers never load on the same node.
        if (peer.address !== src.address || !mayCoexist(src.item, peer.item)) continue;
        report({
          message: `${peer.address} is this node's own unicast_src_ip: keepalived sends adverts to itself.`,
          ...rangeOf(index, peer.item, peer.word),
          related: [relatedAt(context, index, src.item, src.word, 'unicast_src_ip')],
          fixes: ownLine(index, peer.item)
            ? [deleteLineFix(context, peer.item, `Remove peer ${peer.address}`)]
            : [],
        });
      }
    }
  },
};
