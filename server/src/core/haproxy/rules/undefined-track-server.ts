import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions, type ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { didYouMean, referencesOf, relatedAt } from './symbol-helpers.js';

/**
 * `server … track [<backend>/]<server>` naming a proxy or a server that does not exist:
 * `haproxy -c` rejects both ("unable to find required proxy/server … for tracking"). A server
 * inherits `track` from `default-server`, and an unqualified name is looked up in the backend of
 * the server that tracks, wherever the option is written.
 */
export const undefinedTrackServer: Rule<HaproxyRuleContext> = {
  code: 'undefined-track-server',
  defaultSeverity: 'error',
  summary: 'A server tracks a backend or server that does not exist.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    // Only words the table read as a tracked server can hold one: most files track nothing, and
    // then no server's options need merging.
    const tracked = new Set(
      table
        .references('server')
        .filter((site) => site.origin === 'option' && site.via === 'track')
        .map((site) => site.word),
    );
    if (tracked.size === 0) return;
    let names: string[] | undefined;
    const backendNames = (): string[] => (names ??= table.liveNames('backend'));
    for (const proxy of symbols.proxies) {
      for (const server of proxy.servers) {
        const word = effectiveServerOptions(proxy, server).get('track')?.args[0];
        if (!word || word.hasVariable || word.template || !tracked.has(word)) continue;
        const sites = table.sitesIn(word);
        const serverSite = sites.find((site) => site.kind === 'server');
        const backendSite = sites.find((site) => site.kind === 'backend');
        if (!serverSite) continue;
        let target: ProxySymbol | undefined = proxy;
        if (backendSite) {
          const backend = table.resolve(backendSite)[0];
          target = backend && symbols.proxyOf(backend.section);
          if (!target) {
            report({
              message: `server '${server.name?.value ?? ''}' tracks '${word.value}', but there is no backend '${backendSite.name}'.`,
              start: backendSite.start,
              end: backendSite.end,
              fixes: backendSite.exact
                ? didYouMean(backendSite.name, backendSite.start, backendSite.end, backendNames())
                : [],
            });
            continue;
          }
        }
        const servers = table
          .definitionsIn(target.section, 'server')
          .filter((site) => !site.dead && !site.template);
        if (servers.some((site) => site.name === serverSite.name)) continue;
        report({
          message: `server '${server.name?.value ?? ''}' tracks '${word.value}', but ${target.kind} '${target.name ?? ''}' has no server '${serverSite.name}'.`,
          start: serverSite.start,
          end: word.end,
          related: [
            relatedAt(context, target.nameWord ?? target.section.keyword, 'the tracked proxy'),
          ],
          fixes: serverSite.exact
            ? didYouMean(
                serverSite.name,
                serverSite.start,
                word.end,
                servers.map((site) => site.name),
              )
            : [],
        });
      }
    }
  },
};
