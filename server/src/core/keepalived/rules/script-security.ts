import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { ownLine, rangeOf } from './helpers.js';

/**
 * Scripts or notify commands without `enable_script_security`: keepalived runs them (as root, or
 * as `script_user`) without checking who can modify them, and logs "SECURITY VIOLATION - scripts are being executed but script_security not enabled"
 * (`-t` exits 6, which still loads the file). With script security on but no `script_user`,
 * scripts run as `keepalived_script`, and keepalived removes every script when that user does not
 * exist on the host.
 */
export const scriptSecurity: Rule<KeepalivedRuleContext> = {
  code: 'script-security',
  defaultSeverity: 'warning',
  summary: 'Scripts are configured without enable_script_security or without script_user.',
  check(context, report) {
    const index = nodeIndex(context);
    const first = index.scriptCommands[0];
    if (!first) return;
    if (!index.enableScriptSecurity) {
      const fixes: QuickFix[] = [];
      const globalDefs = index.globalDefs;
      // enable_script_security alone makes scripts run as keepalived_script, and keepalived drops
      // every script on a host without that user (checked with 2.2.7 -t): so without a
      // script_user the fix also names root, which is who runs them today.
      const lines = index.scriptUser
        ? ['enable_script_security']
        : ['enable_script_security', 'script_user root'];
      const title = index.scriptUser
        ? "Add 'enable_script_security' to global_defs"
        : "Add 'enable_script_security' and 'script_user root' to global_defs";
      if (globalDefs?.block && ownLine(index, globalDefs)) {
        const open = globalDefs.block.open + 1;
        fixes.push({
          title,
          edits: [{ start: open, end: open, text: lines.map((line) => `\n    ${line}`).join('') }],
        });
      } else if (!globalDefs) {
        fixes.push({
          title: title.replace('to global_defs', 'in a new global_defs block'),
          edits: [
            {
              start: 0,
              end: 0,
              text: `global_defs {\n${lines.map((line) => `    ${line}\n`).join('')}}\n\n`,
            },
          ],
        });
      }
      const user = index.scriptUser?.args[0]?.value;
      const runsAs = user === undefined ? 'root' : `'${user}'`;
      report({
        message: `${first.item.keyword.value} runs a script but global_defs has no enable_script_security: keepalived runs scripts as ${runsAs} without checking who can modify them, and reports a SECURITY VIOLATION.`,
        ...rangeOf(index, first.item, first.item.keyword),
        fixes,
      });
      return;
    }
    if (!index.scriptUser) {
      const line = index.enableScriptSecurity;
      report({
        message:
          'enable_script_security without script_user: scripts run as keepalived_script, and keepalived removes them on a host without that user.',
        ...rangeOf(index, line, line.keyword),
      });
    }
  },
};
