import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { rangeOf } from './helpers.js';

/**
 * A script command whose program is not an absolute path. keepalived searches PATH for it, which
 * depends on how the daemon was started, and its script security checks cannot vouch for a file
 * they cannot name. A quoted command carries its arguments: only its first word is the program.
 */
export const scriptRelativePath: Rule<KeepalivedRuleContext> = {
  code: 'script-relative-path',
  defaultSeverity: 'warning',
  summary: 'A script or notify command does not start with an absolute path.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const command of index.scriptCommands) {
      const word = command.words[0];
      if (!word || word.hasTemplate || word.refs.length > 0) continue;
      const program = word.value.trim().split(/\s+/)[0] ?? '';
      if (program === '' || program.startsWith('/')) continue;
      report({
        message: `'${program}' is not an absolute path: keepalived looks it up in PATH. Write the full path of the program.`,
        ...rangeOf(index, command.item, word),
      });
    }
  },
};
