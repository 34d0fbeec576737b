import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, relatedAt, symbolsOf, wordFixes } from './symbol-helpers.js';

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
    const symbols = symbolsOf(context);
    for (const proxy of symbols.proxies) {
      const word = proxy.fromWord;
      if (!word || word.hasVariable || word.template) continue;
      const before = symbols
        .proxiesNamed(word.value)
        .filter((p) => p.kind === 'defaults' && p.section.start < proxy.section.start);
      if (before.length === 1) continue;
      if (before.length === 0) {
        const later = symbols
          .proxiesNamed(word.value)
          .filter((p) => p.kind === 'defaults' && p !== proxy);
        report({
          message:
            later.length > 0
              ? `${describeProxy(proxy)} uses defaults '${word.value}', which is only defined further down.`
              : `${describeProxy(proxy)} uses defaults '${word.value}', which is not defined.`,
          start: word.start,
          end: word.end,
          related: later.map((p) =>
            relatedAt(context, p.nameWord ?? p.section.keyword, 'defined here, after its use'),
          ),
          fixes: wordFixes(
            word,
            symbols.proxies.flatMap((p) =>
              p.kind === 'defaults' && p.name !== undefined && p.section.start < proxy.section.start
                ? [p.name]
                : [],
            ),
          ),
        });
        continue;
      }
      report({
        message: `${describeProxy(proxy)} uses defaults '${word.value}', but ${before.length} defaults sections have that name.`,
        start: word.start,
        end: word.end,
        related: before.map((p) =>
          relatedAt(context, p.nameWord ?? p.section.keyword, 'defaults section with that name'),
        ),
      });
    }
  },
};
