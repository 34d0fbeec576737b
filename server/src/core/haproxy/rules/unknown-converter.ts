import type { Rule } from '../../common/rule.js';
import { suggestNames } from '../catalog/index.js';
import { didYouMean, loadsLua, suggestionFixes } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { wordAt } from '../words.js';
import {
  lineSamples,
  buildDependent,
  converterSpec,
  sampleNames,
  tooNew,
} from './sample-helpers.js';

/**
 * A converter after the fetch of an ACL criterion (`req.hdr(host),lowr`) that HAProxy does not
 * know at the target version. HAProxy refuses the line ("unknown converter"), so this is an
 * error; Lua converters (`lua.<name>`) are registered at run time and only reported when the file
 * loads no Lua at all.
 */
export const unknownConverter: Rule<HaproxyRuleContext> = {
  code: 'unknown-converter',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A sample expression uses an unknown converter.',
  check(context, report) {
    const version = context.settings.version;
    const lua = loadsLua(context);
    for (const sample of lineSamples(context)) {
      for (const { name, start, end } of sample.converters) {
        if (name.startsWith('lua.') && !lua) {
          report({
            message: `Lua converter '${name}' cannot exist: no 'lua-load' in the global section.`,
            start,
            end,
          });
          continue;
        }
        if (buildDependent(name)) continue;
        const spec = converterSpec(name);
        if (spec) {
          if (!tooNew(spec, version)) continue;
          report({
            message: `Converter '${name}' is not available in HAProxy ${version}: it appeared in ${spec.since ?? '?'}.`,
            start,
            end,
          });
          continue;
        }
        const suggestions = suggestNames(name, sampleNames('converter', version));
        const best = suggestions[0];
        const word = wordAt(sample.word, start, end);
        report({
          message: `Unknown converter '${name}'${didYouMean(suggestions)}`,
          start,
          end,
          ...(best ? { fixes: suggestionFixes([word], suggestions) } : {}),
        });
      }
    }
  },
};
