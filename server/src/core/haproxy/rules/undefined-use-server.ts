import type { Rule } from '../../common/rule.js';
import { isDynamicName } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, hasBackend, symbolsOf, wordFixes } from './symbol-helpers.js';

/**
 * `use-server <name>` naming no server of the same backend: `haproxy -c` rejects it ("unable to
 * find server … referenced in a 'use-server' rule"). Dynamic names are skipped.
 */
export const undefinedUseServer: Rule<HaproxyRuleContext> = {
  code: 'undefined-use-server',
  defaultSeverity: 'error',
  summary: 'use-server names a server that the backend does not have.',
  check(context, report) {
    const symbols = symbolsOf(context);
    for (const proxy of symbols.proxies) {
      if (!hasBackend(proxy)) continue;
      const names = proxy.servers.flatMap((s) => (s.name && !s.template ? [s.name.value] : []));
      const templated = proxy.servers.some((s) => s.template);
      for (const statement of proxy.statements('use-server')) {
        const word = statement.args[0];
        if (!word || isDynamicName(word) || names.includes(word.value)) continue;
        // server-template names are `<prefix><number>`; only an exact check would be honest.
        if (templated) continue;
        report({
          message: `${describeProxy(proxy)} has no server '${word.value}' for this use-server rule.`,
          start: word.start,
          end: word.end,
          fixes: wordFixes(word, names),
        });
      }
    }
  },
};
