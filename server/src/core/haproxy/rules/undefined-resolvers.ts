import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { sectionReferenceRule } from './section-reference.js';

/**
 * A server (directly or through `default-server`) using `resolvers <name>` with no such section:
 * `haproxy -c` rejects it ("unable to find required resolvers"). Only servers are checked, so a
 * `default-server` line that no server inherits is left alone, as HAProxy does.
 */
export const undefinedResolvers: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-resolvers',
  kind: 'resolvers',
  severity: 'error',
  summary: 'A server uses a resolvers section that does not exist.',
  *collect(table) {
    // Only words the table read as a resolvers name can hold one: look at the servers' options
    // only if there are any (the usual file has none), and then test words against that set.
    const named = new Set(table.references('resolvers').map((site) => site.word));
    if (named.size === 0) return;
    for (const proxy of table.symbols.proxies) {
      for (const server of proxy.servers) {
        // The options in effect name the sites to check, wherever they are written.
        for (const use of effectiveServerOptions(proxy, server).values()) {
          for (const value of use.args) {
            if (!named.has(value)) continue;
            for (const site of table.sitesIn(value)) {
              if (site.kind !== 'resolvers') continue;
              yield { site, via: `server '${server.name?.value ?? ''}'` };
            }
          }
        }
      }
    }
  },
});
