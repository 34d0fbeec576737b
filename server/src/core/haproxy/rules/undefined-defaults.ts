import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import {
  describeProxy,
  proxyReferences,
  referencesOf,
  relatedAt,
  wordFixes,
} from './symbol-helpers.js';

/**
 * `frontend fe from <name>` (or `backend`, `listen`, `defaults`) where no named `defaults` section
 * with that name comes before it, or where several do: `haproxy -c` rejects both ("defaults
 * section … not found", "ambiguous defaults section name").
 */
export const undefinedDefaults: Rule<HaproxyRuleContext> = {
  code: 'undefined-defaults',
  defaultSeverity: 'error',
  summary: "A proxy's 'from' names a defaults section that is missing or ambiguous.",
  check(context, report) {
    const table = referencesOf(context);
    const named = table.definitions('defaults').filter((d) => !d.dead);
    for (const { site, proxy } of proxyReferences(table, 'defaults')) {
      const word = site.word;
      if (word.hasVariable || word.template) continue;
      const before = table.resolve(site);
      if (before.length === 1) continue;
      if (before.length === 0) {
        const later = named.filter((d) => d.name === word.value && d.section !== proxy.section);
        report({
          message:
            later.length > 0
              ? `${describeProxy(proxy)} uses defaults '${word.value}', which is only defined further down.`
              : `${describeProxy(proxy)} uses defaults '${word.value}', which is not defined.`,
          start: word.start,
          end: word.end,
          related: later.map((d) => relatedAt(context, d.word, 'defined here, after its use')),
          fixes: wordFixes(
            word,
            named.filter((d) => d.section.start < proxy.section.start).map((d) => d.name),
          ),
        });
        continue;
      }
      report({
        message: `${describeProxy(proxy)} uses defaults '${word.value}', but ${before.length} defaults sections have that name.`,
        start: word.start,
        end: word.end,
        related: before.map((d) => relatedAt(context, d.word, 'defaults section with that name')),
      });
    }
  },
};
