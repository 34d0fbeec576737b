import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import {
  describeProxy,
  hasFrontend,
  proxyReferences,
  referencesOf,
  relatedAt,
  wordFixes,
} from './symbol-helpers.js';

/**
 * `use_backend` / `default_backend` naming no `backend` or `listen` section. `haproxy -c` rejects
 * it ("unable to find required use_backend"). Names computed at run time (`%[…]`, environment
 * variables) cannot be checked and are skipped.
 */
export const undefinedBackend: Rule<HaproxyRuleContext> = {
  code: 'undefined-backend',
  defaultSeverity: 'error',
  summary: 'use_backend or default_backend names a backend that does not exist.',
  check(context, report) {
    const table = referencesOf(context);
    // The names for the fixes, listed only when a reference is missing.
    let candidates: string[] | undefined;
    for (const { site, proxy } of proxyReferences(table, 'backend')) {
      // The routing lines: keyword arguments naming a backend (not `be/srv` qualifiers).
      if (site.origin !== 'argument' || site.qualified || !hasFrontend(proxy)) continue;
      if (site.dynamic || table.resolve(site).length > 0) continue;
      const target = site.word;
      const frontends = table.definitions('frontend', site.name).filter((fe) => !fe.dead);
      report({
        message:
          `${describeProxy(proxy)}: ${site.via} '${target.value}' names no backend or listen section` +
          (frontends.length > 0 ? ` ('${target.value}' is a frontend).` : '.'),
        start: target.start,
        end: target.end,
        related: frontends.map((fe) => relatedAt(context, fe.word, 'frontend with that name')),
        fixes: wordFixes(target, (candidates ??= table.liveNames('backend'))),
      });
    }
  },
};
