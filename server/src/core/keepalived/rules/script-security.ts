import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './index.js';
import { ownLine, rangeOf } from './helpers.js';

/**
 * Scripts or notify commands without `enable_script_security`: keepalived runs them as root and
 * logs "SECURITY VIOLATION - scripts are being executed but script_security not enabled"
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
      if (globalDefs?.block && ownLine(index, globalDefs)) {
        const open = globalDefs.block.open + 1;
        fixes.push({
          title: "Add 'enable_script_security' to global_defs",
          edits: [{ start: open, end: open, text: '\n    enable_script_security' }],
        });
      } else if (!globalDefs) {
        fixes.push({
          title: "Add a global_defs block with 'enable_script_security'",
          edits: [{ start: 0, end: 0, text: 'global_defs {\n    enable_script_security\n}\n\n' }],
        });
      }
      report({
        message: `${first.item.keyword.value} runs a script but global_defs has no enable_script_security: keepalived runs scripts as root and reports a SECURITY VIOLATION.`,
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
