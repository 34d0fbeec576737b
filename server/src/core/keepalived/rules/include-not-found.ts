import type { Rule } from '../../common/rule.js';
import { nodeView } from '../analysis/view.js';
import type { KeepalivedRuleContext } from './context.js';

/**
 * An include whose glob matches nothing, or that would include a file already being read. keepalived
 * logs "Config files missing" and carries on (exit code 0), so this is a warning.
 */
export const includeNotFound: Rule<KeepalivedRuleContext> = {
  code: 'include-not-found',
  defaultSeverity: 'warning',
  summary: 'An include matches no readable file, or forms a cycle.',
  check(context, report) {
    for (const finding of nodeView(context).includeFindings) report(finding);
  },
};
