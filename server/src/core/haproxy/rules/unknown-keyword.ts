import type { Rule } from '../../common/rule.js';
import { branchActivity } from '../analysis/branches.js';
import type { Section } from '../ast.js';
import {
  isAvailable,
  lifecycleAt,
  lookupKeyword,
  sectionSpec,
  sectionsAt,
  suggestKeywords,
} from '../catalog/index.js';
import { didYouMean, liveStatements, opaque, suggestionFixes } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * A line whose keyword HAProxy does not know in any section, or only in a version newer than the
 * target. HAProxy refuses both ("unknown keyword … in '<section>' section"), so both are errors;
 * the newer-version case names the version that introduced the keyword, since upgrading is then
 * the fix. That holds for keywords of optional builds too (`tune.quic.*`): no build of the target
 * version has a keyword that only appeared later. Keywords that only some builds compile in are
 * otherwise left alone: whether they exist depends on the binary, which a linter cannot see.
 * Section headers newer than the target (`crt-store`, `healthcheck`) are reported the same way:
 * the target reads them as an unknown keyword of the section above, and so every line of such a
 * section too, unless the section above happens to know that keyword (`crt-base` after `global`).
 */
export const unknownKeyword: Rule<HaproxyRuleContext> = {
  code: 'unknown-keyword',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A keyword HAProxy does not know, or only knows from a newer version.',
  check(context, report) {
    const version = context.settings.version;
    const config = context.document.parse.ast;
    const activity = branchActivity(config, version);
    // The section HAProxy is still filling when it meets a section keyword it does not know.
    let current: Section | undefined;
    for (const section of config.sections) {
      const keyword = section.keyword;
      const spec = sectionSpec(section.type);
      if (!spec || opaque(keyword) || !activity.isLive(section.header.branch)) continue;
      if (lifecycleAt(spec, version) !== 'not-yet') {
        current = section;
        continue;
      }
      report({
        message: `Section '${spec.name}' is not available in HAProxy ${version}: it appeared in ${spec.since ?? '?'}.`,
        start: keyword.start,
        end: keyword.end,
        data: { since: spec.since },
      });
      const outer = current?.type;
      for (const item of section.items) {
        if (item.kind !== 'statement' || !activity.isLive(item.branch)) continue;
        if (item.words.some(opaque)) continue;
        const values = item.words.map((word) => word.value);
        const match = outer === undefined ? undefined : lookupKeyword(outer, values);
        if (
          outer !== undefined &&
          match &&
          isAvailable(match.spec, version) &&
          sectionsAt(match.spec, version).includes(outer)
        ) {
          continue;
        }
        report({
          message: `HAProxy ${version} has no '${spec.name}' section, so it reads '${item.keyword.value}' as ${outer === undefined ? 'a keyword out of any section' : `part of the ${outer} section above, where it is unknown`}.`,
          start: item.keyword.start,
          end: item.keyword.end,
          data: { since: spec.since },
        });
      }
    }
    for (const entry of liveStatements(context)) {
      const section = entry.owner;
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
        ...(best && !span.some(opaque) ? { fixes: suggestionFixes(span, suggestions) } : {}),
      });
    }
  },
};
