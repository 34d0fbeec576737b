import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import { HAPROXY_CATALOG } from '../catalog/index.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, didYouMean, relatedAt, symbolsOf } from './symbol-helpers.js';

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
    const symbols = symbolsOf(context);
    const inheritsAcls = compareVersions(context.settings.version, '2.7') >= 0;
    for (const proxy of symbols.proxies) {
      const defaultsAcls = inheritsAcls ? proxy.defaults?.acls : undefined;
      for (const statement of proxy.body) {
        for (const group of statement.condition?.groups ?? []) {
          for (const term of group.terms) {
            if (term.kind !== 'acl' || term.name === '' || PREDEFINED.has(term.name)) continue;
            if (defaultsAcls?.has(term.name)) continue;
            if (term.name.includes('$') || term.word.template) continue;
            const definitions = (proxy.acls.get(term.name) ?? []).filter(
              (definition: Statement) =>
                !symbols.activity.exclusive(definition.branch, statement.branch),
            );
            if (definitions.some((definition) => definition.start < statement.start)) continue;
            const later = definitions[0];
            report({
              message: later
                ? `ACL '${term.name}' is used before its definition in ${describeProxy(proxy)}; HAProxy only knows ACLs defined above.`
                : `ACL '${term.name}' is not defined in ${describeProxy(proxy)}.`,
              start: term.nameStart,
              end: term.nameStart + term.name.length,
              related: later ? [relatedAt(context, later, 'defined here, after its use')] : [],
              fixes: later
                ? []
                : didYouMean(term.name, term.nameStart, term.nameStart + term.name.length, [
                    ...proxy.acls.keys(),
                    ...PREDEFINED,
                  ]),
            });
          }
        }
      }
    }
  },
};
