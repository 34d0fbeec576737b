import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf, relatedAt } from './helpers.js';
import { referenceRule } from './reference-rule.js';

const missing = referenceRule({
  code: 'undefined-script',
  summary: 'A track_script entry names a vrrp_script that is not defined.',
  noun: 'track script',
  definer: 'vrrp_script',
  kind: 'vrrp_script',
});

/**
 * A `track_script` entry naming no `vrrp_script`, or one without a `script` line: keepalived
 * removes such a script ("No script set ... - removing"), so the reference is then not found
 * either.
 */
export const undefinedScript: Rule<KeepalivedRuleContext> = {
  ...missing,
  check(context, report) {
    missing.check(context, report);
    const index = nodeIndex(context);
    for (const owner of [...index.instances, ...index.syncGroups]) {
      for (const use of owner.trackScripts) {
        const script = index.scripts.get(use.name);
        if (!script || script.hasScript) continue;
        report({
          message: `vrrp_script '${use.name}' has no script line, so keepalived removes it and ignores this reference ("track script ${use.name} not found, ignoring").`,
          ...rangeOf(index, use.item, use.word),
          related: [
            relatedAt(context, index, script.item, script.word, 'vrrp_script without script'),
          ],
        });
      }
    }
  },
};
