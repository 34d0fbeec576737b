import type { Rule } from '../../common/rule.js';
import { compareVersions } from '../../common/catalog.js';
import { isAvailable, majorMinor, suggestNames } from '../catalog/index.js';
import { actionsOf } from '../analysis/resolve.js';
import {
  didYouMean,
  liveStatements,
  loadsLua,
  opaque,
  suggestionFixes,
} from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { wordAt } from '../words.js';

/**
 * The action after `http-request`, `tcp-request content` and the other rule-set keywords is not
 * one HAProxy knows for that rule set at the target version. HAProxy refuses the line ("expects
 * 'accept', 'reject', … but got 'X'"), so this is an error. Lua actions (`lua.<name>`) are
 * registered by scripts at run time: they are only reported when the file loads no Lua at all.
 */
export const unknownAction: Rule<HaproxyRuleContext> = {
  code: 'unknown-action',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An unknown action in an http-request, tcp-request … rule.',
  check(context, report) {
    const version = context.settings.version;
    const lua = loadsLua(context);
    for (const entry of liveStatements(context)) {
      const action = entry.action;
      if (!action || opaque(action.word)) continue;
      if (action.name.startsWith('lua.')) {
        if (!lua) {
          report({
            message: `Lua action '${action.name}' cannot exist: no 'lua-load' in the global section.`,
            start: action.word.start,
            end: action.word.start + action.name.length,
          });
        }
        continue;
      }
      const keyword = action.ruleset;
      const nameEnd = action.word.start + action.name.length;
      if (action.spec) {
        const since = action.spec.rulesetSince?.[keyword] ?? action.spec.since;
        if (since === undefined || compareVersions(majorMinor(version), since) >= 0) continue;
        report({
          message: `'${keyword} ${action.name}' is not available in HAProxy ${version}: it appeared in ${since}.`,
          start: action.word.start,
          end: nameEnd,
        });
        continue;
      }
      const names = [...actionsOf(keyword).values()]
        .filter((spec) => isAvailable(spec, version))
        .map((spec) => spec.name);
      const suggestions = suggestNames(action.name, names);
      const best = suggestions[0];
      const nameWord = wordAt(action.word, action.word.start, nameEnd);
      report({
        message: `Unknown action '${action.name}' for '${keyword}'${didYouMean(suggestions)}`,
        start: action.word.start,
        end: nameEnd,
        ...(best ? { fixes: suggestionFixes([nameWord], suggestions) } : {}),
      });
    }
  },
};
