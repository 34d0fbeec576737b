import type { Rule } from '../../common/rule.js';
import { suggestNames } from '../catalog/index.js';
import { didYouMean, loadsLua, suggestionFixes } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { wordAt } from '../words.js';
import {
  aclOnly,
  lineSamples,
  buildDependent,
  fetchSpec,
  sampleNames,
  tooNew,
} from './sample-helpers.js';

/**
 * The criterion of an `acl` line or of an anonymous ACL `{ … }` names no sample fetch HAProxy
 * knows at the target version. HAProxy refuses the line ("unknown fetch method"), so this is an
 * error. ACL keywords built from a fetch and a matching suffix (`path_beg`, `hdr_sub`) are valid;
 * fetches of optional builds are never reported, Lua fetches only when the file loads no Lua.
 */
export const unknownSampleFetch: Rule<HaproxyRuleContext> = {
  code: 'unknown-sample-fetch',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An ACL criterion names no known sample fetch.',
  check(context, report) {
    const version = context.settings.version;
    const lua = loadsLua(context);
    for (const sample of lineSamples(context)) {
      const { name, start, end } = sample.fetch;
      if (name.startsWith('lua.') && !lua) {
        report({
          message: `Lua sample fetch '${name}' cannot exist: no 'lua-load' in the global section.`,
          start,
          end,
        });
        continue;
      }
      if (buildDependent(name) || aclOnly(name)) continue;
      const spec = fetchSpec(name);
      if (spec) {
        if (!tooNew(spec, version)) continue;
        report({
          message: `Sample fetch '${name}' is not available in HAProxy ${version}: it appeared in ${spec.since ?? '?'}.`,
          start,
          end,
        });
        continue;
      }
      const suggestions = suggestNames(name, sampleNames('fetch', version));
      const best = suggestions[0];
      const word = wordAt(sample.word, start, end);
      report({
        message: `Unknown sample fetch '${name}'${didYouMean(suggestions)}`,
        start,
        end,
        ...(best ? { fixes: suggestionFixes([word], suggestions) } : {}),
      });
    }
  },
};
