import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf } from './helpers.js';

/**
 * A unicast peer of another address family than its instance: keepalived skips it ("MUST be of
 * the same family !!! Skipping...") and 2.2.7 `-t` exits 5.
 */
export const unicastFamily: Rule<KeepalivedRuleContext> = {
  code: 'unicast-family',
  defaultSeverity: 'error',
  summary: 'A unicast_peer address is not of the instance address family.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      for (const peer of instance.unicastPeers) {
        if (peer.family === instance.family) continue;
        report({
          message: `Unicast peer ${peer.address} is IPv${peer.family} but ${instance.name} is IPv${instance.family}: keepalived skips it.`,
          ...rangeOf(index, peer.item, peer.word),
        });
      }
    }
  },
};
