import type { Rule } from '../../common/rule.js';
import { effectiveServerOptions } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { didYouMean, relatedAt, symbolsOf } from './symbol-helpers.js';

/**
 * `server … track [<backend>/]<server>` naming a proxy or a server that does not exist:
 * `haproxy -c` rejects both ("unable to find required proxy/server … for tracking").
 */
export const undefinedTrackServer: Rule<HaproxyRuleContext> = {
  code: 'undefined-track-server',
  defaultSeverity: 'error',
  summary: 'A server tracks a backend or server that does not exist.',
  check(context, report) {
    const symbols = symbolsOf(context);
    const backendNames = [...symbols.names('backend'), ...symbols.names('listen')];
    for (const proxy of symbols.proxies) {
      for (const server of proxy.servers) {
        const word = effectiveServerOptions(proxy, server).get('track')?.values[0];
        if (!word || word.hasVariable || word.template) continue;
        const plain = word.raw === word.value;
        const slash = word.value.indexOf('/');
        const backendName = slash === -1 ? undefined : word.value.slice(0, slash);
        const serverName = word.value.slice(slash + 1);
        const target = backendName === undefined ? proxy : symbols.backends(backendName)[0];
        if (!target) {
          const end = word.start + (plain ? slash : word.value.length);
          report({
            message: `server '${server.name?.value ?? ''}' tracks '${word.value}', but there is no backend '${backendName ?? ''}'.`,
            start: word.start,
            end: plain ? end : word.end,
            fixes: plain ? didYouMean(backendName ?? '', word.start, end, backendNames) : [],
          });
          continue;
        }
        if (target.servers.some((s) => !s.template && s.name?.value === serverName)) continue;
        const start = plain ? word.start + slash + 1 : word.start;
        report({
          message: `server '${server.name?.value ?? ''}' tracks '${word.value}', but ${target.kind} '${target.name ?? ''}' has no server '${serverName}'.`,
          start,
          end: word.end,
          related: [
            relatedAt(context, target.nameWord ?? target.section.keyword, 'the tracked proxy'),
          ],
          fixes: plain
            ? didYouMean(
                serverName,
                start,
                word.end,
                target.servers.flatMap((s) => (s.name && !s.template ? [s.name.value] : [])),
              )
            : [],
        });
      }
    }
  },
};
