import type { Rule } from '../../common/rule.js';
import { HAPROXY_CATALOG } from '../catalog/index.js';
import type { HaproxyRuleContext } from './context.js';
import {
  describeProxy,
  didYouMean,
  proxyReferences,
  referencesOf,
  relatedAt,
} from './symbol-helpers.js';

const PREDEFINED: ReadonlySet<string> = new Set(HAPROXY_CATALOG.predefinedAcls.map((a) => a.name));

/**
 * A named ACL used in a condition but not defined above it in the same proxy. HAProxy resolves
 * names while it reads each line, so an ACL defined further down is just as unknown: `haproxy -c`
 * rejects both ("no such ACL"). HAProxy 2.6 does not let proxies see the ACLs of their defaults
 * section; later versions are given the benefit of the doubt, so that no accepted file is flagged.
 */
export const undefinedAcl: Rule<HaproxyRuleContext> = {
  code: 'undefined-acl',
  defaultSeverity: 'error',
  summary: 'A condition uses a named ACL that is not defined before it in the proxy.',
  check(context, report) {
    const table = referencesOf(context);
    const { activity } = table.symbols;
    for (const { site, proxy } of proxyReferences(table, 'acl')) {
      const { name, start, end, statement } = site;
      if (!statement || PREDEFINED.has(name)) continue;
      if (name.includes('$') || site.word.template) continue;
      if (table.resolve(site).length > 0) continue;
      const local = table.definitionsIn(site.section, 'acl').filter((d) => !d.dead);
      const later = local.find(
        (definition) =>
          definition.name === name &&
          !activity.exclusive(definition.statement?.branch, statement.branch),
      );
      report({
        message: later
          ? `ACL '${name}' is used before its definition in ${describeProxy(proxy)}; HAProxy only knows ACLs defined above.`
          : `ACL '${name}' is not defined in ${describeProxy(proxy)}.`,
        start,
        end,
        related: later
          ? [relatedAt(context, later.statement ?? later.word, 'defined here, after its use')]
          : [],
        fixes: later
          ? []
          : didYouMean(name, start, end, [...new Set(local.map((d) => d.name)), ...PREDEFINED]),
      });
    }
  },
};
