import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { ownLine, rangeOf, relatedAt } from './helpers.js';

/**
 * A tracked script whose weight is 0 (explicitly or by default). Its failure puts the instance in
 * FAULT, which drops the addresses at once, instead of lowering the priority; that is often not
 * what the author expected, so it is worth a note.
 */
export const trackWeightZero: Rule<KeepalivedRuleContext> = {
  code: 'track-weight-zero',
  defaultSeverity: 'info',
  summary: 'A tracked script has weight 0: its failure puts the instance in FAULT.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      for (const use of instance.trackScripts) {
        const script = index.scripts.get(use.name);
        if (!script) continue;
        const weight = use.weight ?? script.weight;
        if (weight !== 0) continue;
        const explicit = use.weight !== undefined;
        report({
          message: `Script '${use.name}' has weight 0${explicit ? '' : ' (the default)'}: when it fails, ${instance.name} goes to FAULT and releases its addresses instead of lowering its priority.`,
          ...rangeOf(index, use.item, use.word),
          related: [relatedAt(context, index, script.item, script.word, 'script defined here')],
          fixes:
            !explicit && use.item.args.length === 0 && ownLine(index, use.item)
              ? [
                  {
                    title: 'Add a negative weight',
                    edits: [{ start: use.item.end, end: use.item.end, text: ' weight -50' }],
                  },
                ]
              : [],
        });
      }
    }
  },
};
