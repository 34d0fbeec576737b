import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { ownLine, rangeOf, replaceWordFix } from './helpers.js';

/**
 * `auth_pass` longer than 8 characters: VRRPv2 carries 8, keepalived truncates ("Truncating
 * auth_pass to 8 characters") and runs. `-t` exits 5 on it as on any message, but the instance
 * works, so by the severity policy (docs/rules/README.md) this is a warning: the surprise is that
 * two passwords differing after the eighth character are the same on the wire.
 */
export const authPassLength: Rule<KeepalivedRuleContext> = {
  code: 'auth-pass-length',
  defaultSeverity: 'warning',
  summary: 'auth_pass is longer than the 8 characters keepalived uses.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const pass = instance.auth?.pass;
      const word = pass?.value;
      if (!pass || !word || word.hasTemplate || word.refs.length > 0 || word.value.length <= 8) {
        continue;
      }
      const kept = word.value.slice(0, 8);
      report({
        message: `auth_pass is ${word.value.length} characters long; keepalived truncates it and only uses the first 8 ('${kept}').`,
        ...rangeOf(index, pass.item, word),
        fixes:
          ownLine(index, pass.item) && word.quoting === 'none'
            ? [replaceWordFix(word, kept, `Truncate to '${kept}'`)]
            : [],
      });
    }
  },
};
