import type { Rule } from '../../common/rule.js';
import { isDynamicName } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasFrontend, relatedAt, symbolsOf, wordFixes } from './symbol-helpers.js';

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
    const symbols = symbolsOf(context);
    const candidates = [...symbols.names('backend'), ...symbols.names('listen')];
    for (const proxy of symbols.proxies) {
      if (!hasFrontend(proxy)) continue;
      for (const keyword of ['use_backend', 'default_backend']) {
        for (const statement of proxy.statements(keyword)) {
          const target = statement.args[0];
          if (!target || isDynamicName(target)) continue;
          if (symbols.backends(target.value).length > 0) continue;
          const frontends = symbols.proxiesNamed(target.value).filter((p) => p.kind === 'frontend');
          report({
            message:
              `${describeProxy(proxy)}: ${keyword} '${target.value}' names no backend or listen section` +
              (frontends.length > 0 ? ` ('${target.value}' is a frontend).` : '.'),
            start: target.start,
            end: target.end,
            related: frontends.map((fe) =>
              relatedAt(context, fe.nameWord ?? fe.section.keyword, 'frontend with that name'),
            ),
            fixes: wordFixes(target, candidates),
          });
        }
      }
    }
  },
};
