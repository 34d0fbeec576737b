import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import { lifecycleAt } from '../catalog/index.js';
import type { KeepalivedRuleContext } from './index.js';
import { lifecycleTail, replacementFix } from './keyword-lifecycle.js';
import { at, effectiveVersion, isConcrete, walkKeepalived } from './walk.js';

/**
 * Deprecated keywords (and route options) whose deprecation notice makes keepalived 2.2.7's config
 * test fail (exit code 5), checked with `keepalived -t`. The others (`vrrp_track_file`,
 * `vrrp_rlimit_rtime`, `enable_snmp_keepalived`, …) pass the test and stay warnings.
 */
const FAILS_TEST_IN_2_2: ReadonlySet<string> = new Set([
  'vrrp_vmac_garp_intvl',
  'vmac_garp_intvl',
  'linkbeat_use_polling',
  'lvs_sync_daemon_interface',
  'global_tracking',
  'nb_get_retry',
  'gw',
  'or',
]);

/**
 * A keyword or route option that still works at the target version but is deprecated. Tagged
 * deprecated; a warning, except where keepalived 2.2 fails its config test on the notice.
 */
export const deprecatedKeyword: Rule<KeepalivedRuleContext> = {
  code: 'deprecated-keyword',
  defaultSeverity: 'warning',
  summary: 'A deprecated Keepalived keyword.',
  check(context, report) {
    const version = effectiveVersion(context.settings.version);
    const fails = (name: string) =>
      FAILS_TEST_IN_2_2.has(name) && compareVersions(version, '2.3') < 0
        ? { severity: 'error' as const }
        : {};
    walkKeepalived(context, {
      item(visited) {
        const { spec, item, uri } = visited;
        if (!spec || lifecycleAt(spec, version) !== 'deprecated') return;
        const fixes = replacementFix(visited, spec.deprecated?.replacement);
        report({
          ...at(item.keyword, uri),
          message: `'${spec.name}' is deprecated since Keepalived ${spec.deprecated?.since ?? '?'}${lifecycleTail(spec, 'deprecated')}`,
          tags: ['deprecated'],
          ...fails(spec.name),
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
            ...fails(option.name),
            ...(mechanical
              ? {
                  fixes: [
                    {
                      title: `Replace with '${replacement}'`,
                      edits: [{ start: word.start, end: word.end, text: replacement }],
                      preferred: true,
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
