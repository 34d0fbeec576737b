import type { Rule } from '../../common/rule.js';
import { branchActivity } from '../analysis/branches.js';
import { isAvailable, sectionSpec } from '../catalog/index.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * A `program` section in a file whose `global` section has no `master-worker`: only the master
 * process starts programs, so `haproxy -c` refuses the file ("Can't use a 'program' section
 * without master worker mode"). Starting haproxy with `-W` or `-Ws` (as systemd units usually do)
 * also enables that mode; the linter cannot see the command line, so the rule can be turned down
 * to a warning for such setups. Reported once, on the first live `program` header.
 */
export const programWithoutMasterWorker: Rule<HaproxyRuleContext> = {
  code: 'program-without-master-worker',
  defaultSeverity: 'error',
  summary: "A 'program' section without 'master-worker' in the global section.",
  check(context, report) {
    const config = context.document.parse.ast;
    const version = context.settings.version;
    const spec = sectionSpec('program');
    if (spec && !isAvailable(spec, version)) return;
    // Any `master-worker` line counts, whatever branch it is in: better a miss than a false error.
    const masterWorker = config.sections.some(
      (section) =>
        section.type === 'global' &&
        section.items.some((i) => i.kind === 'statement' && i.keyword.value === 'master-worker'),
    );
    if (masterWorker) return;
    const activity = branchActivity(config, version);
    const first = config.sections.find(
      (section) => section.type === 'program' && activity.isLive(section.header.branch),
    );
    if (!first) return;
    report({
      message:
        "HAProxy only runs 'program' sections in master-worker mode: add 'master-worker' to the global section (or start haproxy with -W or -Ws).",
      start: first.keyword.start,
      end: first.name?.end ?? first.keyword.end,
    });
  },
};
