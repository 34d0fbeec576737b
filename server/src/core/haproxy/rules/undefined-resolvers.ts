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
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const server of proxy.servers) {
        const name = effectiveServerOptions(proxy, server).get('resolvers')?.values[0];
        if (name) yield { word: name, via: `server '${server.name?.value ?? ''}'` };
      }
    }
  },
});
