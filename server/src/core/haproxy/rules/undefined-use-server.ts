import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import {
  describeProxy,
  hasBackend,
  proxyReferences,
  referencesOf,
  wordFixes,
} from './symbol-helpers.js';

/**
 * `use-server <name>` naming no server of the same backend: `haproxy -c` rejects it ("unable to
 * find server … referenced in a 'use-server' rule"). Dynamic names are skipped.
 */
export const undefinedUseServer: Rule<HaproxyRuleContext> = {
  code: 'undefined-use-server',
  defaultSeverity: 'error',
  summary: 'use-server names a server that the backend does not have.',
  check(context, report) {
    const table = referencesOf(context);
    for (const { site, proxy } of proxyReferences(table, 'server')) {
      if (site.via !== 'use-server' || !hasBackend(proxy)) continue;
      if (site.dynamic || table.resolve(site).length > 0) continue;
      const servers = table.definitionsIn(proxy.section, 'server').filter((s) => !s.dead);
      // server-template names are `<prefix><number>`; only an exact check would be honest.
      if (servers.some((server) => server.template)) continue;
      const word = site.word;
      report({
        message: `${describeProxy(proxy)} has no server '${word.value}' for this use-server rule.`,
        start: word.start,
        end: word.end,
        fixes: wordFixes(
          word,
          servers.map((server) => server.name),
        ),
      });
    }
  },
};
