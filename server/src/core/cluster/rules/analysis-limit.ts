import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext } from '../model.js';
import { label, MAX_GROUP_MEMBERS, namePlace } from './helpers.js';

/**
 * The cluster side of `analysis-limit`: a VRRP group with more members than the cross-node rules
 * compare (see {@link MAX_GROUP_MEMBERS}). Reported once per group, on the first member left out,
 * so that silence about the others is never taken for agreement.
 */
export const clusterAnalysisLimit: Rule<ClusterRuleContext> = {
  code: 'analysis-limit',
  defaultSeverity: 'warning',
  summary: 'halint stopped at a safety limit (nesting, includes, parameter expansion).',
  check({ model }, report) {
    for (const group of model.groups) {
      const first = group.members[MAX_GROUP_MEMBERS];
      if (!first) continue;
      report({
        ...namePlace(first),
        message: `This VRRP group has ${group.members.length} members; the cross-node checks compare only the first ${MAX_GROUP_MEMBERS}, so ${label(first)} and the ${group.members.length - MAX_GROUP_MEMBERS - 1} after it are not checked against the others.`,
      });
    }
  },
};
