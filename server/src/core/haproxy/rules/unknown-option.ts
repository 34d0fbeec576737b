import type { Rule } from '../../common/rule.js';
import { isAvailable, lifecycleAt, suggestNames } from '../catalog/index.js';
import { optionsOf } from '../analysis/resolve.js';
import { didYouMean, liveStatements, opaque, suggestionFixes } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * An unknown word among the options of a `bind`, `server` or `default-server` line. HAProxy
 * refuses the line ("'bind …' in section 'frontend': unknown keyword 'foo-opt'"), so this is an
 * error, with a did-you-mean among the options of that line kind available at the target version.
 * Options newer than the target are errors too and name the version that brought them.
 */
export const unknownOption: Rule<HaproxyRuleContext> = {
  code: 'unknown-option',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An unknown option on a bind, server or default-server line.',
  check(context, report) {
    const version = context.settings.version;
    for (const entry of liveStatements(context)) {
      const line = entry.match?.spec.name;
      if (entry.options === undefined || line === undefined) continue;
      const bind = line === 'bind';
      const catalog = optionsOf(bind);
      let reported = false;
      for (const option of entry.options) {
        if (opaque(option.word)) continue;
        if (option.spec) {
          if (lifecycleAt(option.spec, version) !== 'not-yet') continue;
          report({
            message: `'${option.spec.name}' on '${line}' lines is not available in HAProxy ${version}: it appeared in ${option.spec.since ?? '?'}.`,
            start: option.word.start,
            end: option.word.end,
          });
          continue;
        }
        // HAProxy stops at the first unknown word; the words after it may be its arguments.
        if (reported) break;
        reported = true;
        const names = [...catalog.values()]
          .filter(
            (spec) =>
              isAvailable(spec, version) &&
              (bind || line === 'server' || spec.defaultServer !== false),
          )
          .map((spec) => spec.name);
        const suggestions = suggestNames(option.word.value, names);
        const best = suggestions[0];
        report({
          message: `Unknown option '${option.word.value}' on '${line}' line${didYouMean(suggestions)}`,
          start: option.word.start,
          end: option.word.end,
          ...(best ? { fixes: suggestionFixes([option.word], suggestions) } : {}),
        });
      }
    }
  },
};
