import type { Rule } from '../../common/rule.js';
import { isDynamicName } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { hasFrontend, referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * An HTTP frontend routing to a TCP backend: `haproxy -c` rejects it ("tries to use incompatible
 * tcp backend"). The reverse, a TCP frontend handing over to an HTTP backend, is an accepted
 * upgrade and is not reported. Modes are taken after defaults inheritance. Like HAProxy, the
 * finding sits on the frontend's name; the routing line and both modes are related locations.
 */
export const modeMismatch: Rule<HaproxyRuleContext> = {
  code: 'mode-mismatch',
  defaultSeverity: 'error',
  summary: 'An HTTP frontend routes to a TCP backend.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    for (const proxy of symbols.proxies) {
      if (!hasFrontend(proxy) || proxy.mode !== 'http') continue;
      for (const keyword of ['use_backend', 'default_backend']) {
        for (const statement of proxy.statements(keyword)) {
          const target = statement.args[0];
          if (!target || isDynamicName(target)) continue;
          // The backend the routing word names, as the reference table resolves a backend name
          // (its first live definition), looked up by name: this runs for every routing line of
          // the file at each edit.
          const definition = table
            .definitions('backend', target.value)
            .find((candidate) => !candidate.dead);
          const backend = definition && symbols.proxyOf(definition.section);
          if (!backend || backend.mode !== 'tcp') continue;
          const frontendMode = proxy.modeStatement;
          // HAProxy points at the frontend's declaration; the routing line is the first related.
          const where = proxy.nameWord ?? proxy.section.keyword;
          report({
            message: `http ${proxy.kind} '${proxy.name ?? ''}' routes to tcp backend '${target.value}' (${keyword}); both must be in mode http.`,
            start: where.start,
            end: where.end,
            related: [
              relatedAt(context, target, `${keyword} to the tcp backend`),
              relatedAt(
                context,
                backend.modeStatement ?? backend.nameWord ?? backend.section.keyword,
                backend.modeStatement
                  ? 'the backend is in mode tcp here'
                  : 'the backend defaults to mode tcp',
              ),
              ...(frontendMode
                ? [relatedAt(context, frontendMode, 'the frontend is in mode http here')]
                : []),
            ],
          });
        }
      }
    }
  },
};
