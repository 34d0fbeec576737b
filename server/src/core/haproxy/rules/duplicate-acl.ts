import { compareVersions } from '../../common/catalog.js';
import { duplicateGroups } from '../../common/duplicates.js';
import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import { HAPROXY_CATALOG } from '../catalog/index.js';
import type { HaproxyRuleContext } from './context.js';
import {
  deleteLineFix,
  describeProxy,
  liveByName,
  referencesOf,
  relatedAt,
} from './symbol-helpers.js';

/** Whether a word's runtime value is unknown (environment variable or template). */
function opaque(statement: Statement): boolean {
  return statement.args.some((word) => word.hasVariable || word.template);
}

/**
 * ACL definitions that conflict or repeat. Several `acl` lines with one name are legitimate:
 * HAProxy ORs them. What this flags, after checking with `haproxy -c` 2.6 (which accepts every
 * case, exit 0):
 * - a proxy ACL named like a predefined one (`acl TRUE always_false`): HAProxy looks the name up
 *   in the proxy first, so conditions written after it use the proxy's ACL and the predefined
 *   meaning is lost (a warning);
 * - a line that repeats an earlier definition of the same name word for word: it adds nothing
 *   (a hint, tagged unnecessary, with a fix removing it).
 */
export const duplicateAcl: Rule<HaproxyRuleContext> = {
  code: 'duplicate-acl',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'An ACL that shadows a predefined ACL, or a line repeating an earlier definition.',
  check(context, report) {
    const table = referencesOf(context);
    const { symbols } = table;
    const version = context.settings.version;
    const predefined = new Map(
      HAPROXY_CATALOG.predefinedAcls
        .filter((acl) => acl.since === undefined || compareVersions(version, acl.since) >= 0)
        .map((acl) => [acl.name, acl]),
    );
    for (const proxy of symbols.proxies) {
      for (const [name, sites] of liveByName(table.definitionsIn(proxy.section, 'acl'))) {
        const definitions = sites.flatMap((site) => site.statement ?? []);
        const first = definitions[0];
        const nameWord = first?.args[0];
        if (!first || !nameWord || nameWord.hasVariable || nameWord.template) continue;
        const shadowed = predefined.get(name);
        if (shadowed) {
          report({
            message: `ACL '${name}' in ${describeProxy(proxy)} replaces HAProxy's predefined ACL '${name}' (${shadowed.equivalent}) in the conditions that follow; choose another name.`,
            start: nameWord.start,
            end: nameWord.end,
          });
        }
        // Lines are grouped by their words after the name, so ten thousand copies cost ten
        // thousand lookups, not fifty million comparisons.
        const groups = duplicateGroups(
          definitions,
          (definition) =>
            opaque(definition)
              ? undefined
              : JSON.stringify(definition.args.slice(1).map((word) => word.value)),
          (definition) => String(definition.branch),
          (earlier, later) => !symbols.activity.exclusive(earlier.branch, later.branch),
        );
        for (const { first: earlier, duplicates } of groups) {
          for (const definition of duplicates) {
            report({
              message: `This line repeats an earlier definition of ACL '${name}' in ${describeProxy(proxy)}; it adds nothing.`,
              severity: 'hint',
              tags: ['unnecessary'],
              start: definition.start,
              end: definition.end,
              related: [relatedAt(context, earlier, 'first defined here')],
              fixes: [
                deleteLineFix(context.document.text, definition, 'Remove the repeated ACL line'),
              ],
            });
          }
        }
      }
    }
  },
};
