import { duplicateGroups } from '../../common/duplicates.js';
import type { Rule } from '../../common/rule.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * HAProxy checks a new frontend or listen against the earlier proxies able to accept traffic, and
 * a new backend against the earlier ones holding servers: so `backend x` then `listen x` passes
 * while `listen x` then `backend x` does not.
 */
function collide(earlier: ProxySymbol, later: ProxySymbol): boolean {
  if (earlier.kind === 'defaults' || later.kind === 'defaults') return false;
  const side = later.kind === 'backend' ? 'backend' : 'frontend';
  return earlier.kind === side || earlier.kind === 'listen';
}

/**
 * A proxy named like an earlier one on the same side: a frontend or listen after a frontend or
 * listen, a backend after a backend or listen. `haproxy -c` rejects it ("has the same name as").
 * A frontend and a backend named alike are fine, and so are duplicate `defaults` names unless a `from` uses
 * them (see `undefined-defaults`). Sections in different arms of one `.if` never clash.
 */
export const duplicateProxy: Rule<HaproxyRuleContext> = {
  code: 'duplicate-proxy',
  defaultSeverity: 'error',
  summary: 'A proxy reuses the name of an earlier proxy on the same side.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    // The named proxies able to clash, as the reference table defines them, in order.
    const named = [...table.definitions('backend'), ...table.definitions('frontend')]
      .filter((site) => !site.dead)
      .sort((a, b) => a.start - b.start)
      .flatMap((site) => symbols.proxyOf(site.section) ?? []);
    const groups = duplicateGroups(
      named,
      (proxy) => proxy.name,
      (proxy) => `${proxy.kind} ${proxy.section.header.branch ?? ''}`,
      (earlier, later) =>
        collide(earlier, later) &&
        !symbols.activity.exclusive(earlier.section.header.branch, later.section.header.branch),
    );
    // haproxy -c names every clash, so each later proxy gets its own finding.
    for (const { first, duplicates } of groups) {
      for (const later of duplicates) {
        const word = later.nameWord ?? later.section.keyword;
        report({
          message: `${later.kind} '${later.name ?? ''}' has the same name as ${first.kind} '${first.name ?? ''}' declared above.`,
          start: word.start,
          end: word.end,
          related: [
            relatedAt(context, first.nameWord ?? first.section.keyword, 'first declared here'),
          ],
        });
      }
    }
  },
};
