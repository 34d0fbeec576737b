import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import { effectiveVersion, lifecycleAt } from '../catalog/index.js';
import type { KeepalivedRuleContext } from './context.js';
import { lifecycleTail, replacementFix } from './keyword-lifecycle.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * A keyword or route option that still works at the target version but is deprecated. Tagged
 * deprecated, and a warning: keepalived applies the old spelling and runs. Some notices
 * (`lvs_sync_daemon_interface`, `nb_get_retry`, `gw`) make 2.2's `-t` exit 5, but so does any
 * message; the severity policy (docs/rules/README.md) judges by what keepalived does.
 */
export const deprecatedKeyword: Rule<KeepalivedRuleContext> = {
  code: 'deprecated-keyword',
  defaultSeverity: 'warning',
  summary: 'A deprecated Keepalived keyword.',
  check(context, report) {
    const version = effectiveVersion(context.settings.version);
    walkKeepalived(context, {
      item(visited) {
        const { spec, item, uri } = visited;
        if (!spec || lifecycleAt(spec, version) !== 'deprecated') return;
        const fixes = replacementFix(visited, spec.deprecated?.replacement);
        report({
          ...at(item.keyword, uri),
          message: `'${spec.name}' is deprecated since Keepalived ${spec.deprecated?.since ?? '?'}${lifecycleTail(spec, 'deprecated')}`,
          tags: ['deprecated'],
          ...(fixes ? { fixes } : {}),
        });
      },
      value({ item, list, uri }) {
        const grammar = list.list;
        if (!grammar) return;
        for (const word of item.args) {
          if (!isConcrete(word)) continue;
          const option = grammar.options.find((candidate) => candidate.name === word.value);
          const lifecycle = option?.deprecated;
          if (!option || !lifecycle || compareVersions(version, lifecycle.since) < 0) continue;
          const replacement = lifecycle.replacement;
          // `gw` → `via` is a plain rename; `or` → `nexthop` changes the line's structure.
          const mechanical = replacement === 'via' && uri === undefined && word.raw === word.value;
          report({
            ...at(word, uri),
            message: `'${option.name}' in ${list.name} entries is deprecated since Keepalived ${lifecycle.since}${replacement ? `; use '${replacement}' instead` : ''}.`,
            tags: ['deprecated'],
            ...(mechanical
              ? {
                  fixes: [
                    {
                      title: `Replace with '${replacement}'`,
                      edits: [{ start: word.start, end: word.end, text: replacement }],
                      preferred: true,
                      safe: true,
                    },
                  ],
                }
              : {}),
          });
        }
      },
    });
  },
};
