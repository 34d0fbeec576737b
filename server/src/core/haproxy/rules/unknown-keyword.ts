import type { Rule } from '../../common/rule.js';
import { lifecycleAt, suggestKeywords } from '../catalog/index.js';
import { didYouMean, liveStatements, opaque, replaceWordsFix } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './index.js';

/**
 * A line whose keyword HAProxy does not know in any section, or only in a version newer than the
 * target. HAProxy refuses both ("unknown keyword … in '<section>' section"), so both are errors;
 * the newer-version case names the version that introduced the keyword, since upgrading is then
 * the fix. Keywords that only some builds compile in (QUIC, 51Degrees, WURFL, DeviceAtlas, …) are
 * left alone: whether they exist depends on the binary, which a linter cannot see.
 */
export const unknownKeyword: Rule<HaproxyRuleContext> = {
  code: 'unknown-keyword',
  defaultSeverity: 'error',
  summary: 'A keyword HAProxy does not know, or only knows from a newer version.',
  check(context, report) {
    const version = context.settings.version;
    for (const { section, entry } of liveStatements(context)) {
      const keyword = entry.statement.keyword;
      if (opaque(keyword)) continue;
      const match = entry.match;
      if (match && entry.placement !== 'unknown') {
        if (lifecycleAt(match.spec, version) !== 'not-yet') continue;
        const words = entry.words.slice(0, match.length);
        const name = words.map((w) => w.value).join(' ');
        report({
          message: `'${name}' is not available in HAProxy ${version}: it appeared in ${match.spec.since ?? '?'}.`,
          start: keyword.start,
          end: words[words.length - 1]?.end ?? keyword.end,
          severity: match.spec.buildOption === undefined ? 'error' : 'warning',
          data: { since: match.spec.since },
        });
        continue;
      }
      // Known in another section kind: keyword-not-allowed-here explains that better.
      if (entry.placement !== 'unknown' || entry.elsewhere.length > 0) continue;
      const values = entry.words.map((w) => w.value);
      const suggestions = suggestKeywords(section.kind, values, version);
      const best = suggestions[0];
      const span = entry.words.slice(0, best ? Math.min(best.split(' ').length, values.length) : 1);
      const typed = span.map((w) => w.value).join(' ');
      report({
        message: `Unknown keyword '${typed}' in '${section.kind}' section${didYouMean(suggestions)}`,
        start: keyword.start,
        end: span[span.length - 1]?.end ?? keyword.end,
        ...(best && !span.some(opaque) ? { fixes: [replaceWordsFix(span, best)] } : {}),
      });
    }
  },
};
