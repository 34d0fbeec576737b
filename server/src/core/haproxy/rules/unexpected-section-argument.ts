import type { Rule } from '../../common/rule.js';
import { branchActivity } from '../analysis/branches.js';
import { lifecycleAt, sectionSpec } from '../catalog/index.js';
import type { HaproxyRuleContext } from './context.js';
import { headerProblem } from './section-header-helpers.js';

/**
 * Words HAProxy refuses on a section line. An address after a frontend or listen name is the
 * syntax of HAProxy 1.4 and older, still copied from old guides: HAProxy refuses it ("please use
 * the 'bind' keyword for listening addresses") and, having created no proxy, every line of the
 * section after it. A backend line with such words is skipped silently, with the same effect on
 * its lines. `global`, `peers`, `userlist`, `cache`, `program`, `log-forward`, `fcgi-app` and
 * `crt-store` refuse any word after their name ("cannot handle unexpected argument"), which also
 * catches a whole section written on one line (`global chroot /var/lib/haproxy user haproxy`).
 */
export const unexpectedSectionArgument: Rule<HaproxyRuleContext> = {
  code: 'unexpected-section-argument',
  defaultSeverity: 'error',
  summary: 'Words HAProxy refuses on a section line (an address after a proxy name, settings).',
  check(context, report) {
    const config = context.document.parse.ast;
    const version = context.settings.version;
    const activity = branchActivity(config, version);
    for (const section of config.sections) {
      if (!activity.isLive(section.header.branch)) continue;
      const spec = sectionSpec(section.type);
      // A section the target does not know is unknown-keyword's business.
      if (!spec || lifecycleAt(spec, version) === 'not-yet') continue;
      const problem = headerProblem(section);
      const first = problem?.words[0];
      const last = problem?.words[problem.words.length - 1];
      if (!problem || !first || !last) continue;
      // A backend without lines is dropped without consequence: HAProxy says nothing.
      if (problem.kind === 'dropped' && section.items.every((item) => item.kind !== 'statement')) {
        continue;
      }
      const name = section.name?.value ?? '';
      const message =
        problem.kind === 'address'
          ? `HAProxy does not take an address on the '${section.type}' line: declare it with a 'bind' line in the section. HAProxy refuses this line and every line of ${section.type} '${name}'.`
          : problem.kind === 'dropped'
            ? `HAProxy does not take '${first.value}' on the 'backend' line (only 'from <defaults>'): it skips this backend and refuses every line of it.`
            : spec.nameArg === 'none'
              ? `'${section.type}' takes no argument: HAProxy refuses '${first.value}'${problem.words.length > 1 ? ' and what follows' : ''}. Write each setting on its own line below it.`
              : `'${section.type}' takes only a name: HAProxy refuses '${first.value}'${problem.words.length > 1 ? ' and what follows' : ''}.`;
      report({ message, start: first.start, end: last.end });
    }
  },
};
