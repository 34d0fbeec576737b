import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { ownLine, rangeOf, replaceWordFix } from './helpers.js';

/**
 * A fractional `advert_int` on a VRRPv2 instance: v2 adverts carry whole seconds, so keepalived
 * rounds ("VRRPv2 advertisement interval 1.500000s must be an integer. rounding") and 2.2.7 `-t`
 * exits 5.
 */
export const advertIntV2: Rule<KeepalivedRuleContext> = {
  code: 'advert-int-v2',
  defaultSeverity: 'error',
  summary: 'advert_int is not a whole number of seconds on a VRRP version 2 instance.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const line = instance.advertInt;
      const word = line?.value;
      if (!line || !word || instance.version !== 2 || !/^\d*\.\d+$|^\d+\.\d*$/.test(word.value)) {
        continue;
      }
      const value = Number(word.value);
      if (!Number.isFinite(value) || value <= 0 || Number.isInteger(value)) continue;
      const rounded = String(Math.max(1, Math.round(value)));
      report({
        message: `VRRPv2 advertisement interval ${word.value}s must be a whole number of seconds: keepalived rounds it. Use version 3 for sub-second adverts.`,
        ...rangeOf(index, line.item, word),
        fixes: ownLine(index, line.item)
          ? [replaceWordFix(word, rounded, `Change to ${rounded}`)]
          : [],
      });
    }
  },
};
