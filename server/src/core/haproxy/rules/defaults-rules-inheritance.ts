import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { describeProxy, relatedAt, symbolsOf } from './symbol-helpers.js';

/** Which rule sets a defaults section defines, as far as inheritance is concerned. */
interface RuleSets {
  /** Any http-request/http-response/http-after-response/tcp-request/tcp-response rule. */
  readonly any: boolean;
  /** `tcp-request connection` or `tcp-request session` rules: frontend-only. */
  readonly connection: boolean;
  /** `tcp-response content` rules: backend-only. */
  readonly response: boolean;
}

const HTTP_RULESETS = new Set(['http-request', 'http-response', 'http-after-response']);

function ruleSetsOf(body: readonly Statement[]): RuleSets {
  let any = false;
  let connection = false;
  let response = false;
  for (const statement of body) {
    const first = statement.keyword.value;
    const second = statement.args[0]?.value;
    if (HTTP_RULESETS.has(first)) any = true;
    else if (first === 'tcp-request') {
      // `inspect-delay` is a setting, not a rule: only the three rule sets count.
      if (second === 'connection' || second === 'session') any = connection = true;
      else if (second === 'content') any = true;
    } else if (first === 'tcp-response' && second === 'content') any = response = true;
  }
  return { any, connection, response };
}

/**
 * Since 2.5 a named `defaults` section may carry TCP/HTTP rules, which its proxies run before
 * their own. HAProxy then refuses some inheritances, each on the header of the inheriting
 * section: another `defaults` or a `listen` using it, frontends and backends sharing it, a
 * backend using `tcp-request connection|session` rules, a frontend using `tcp-response content`
 * rules. A rule that only one side can run would otherwise be silently dropped, hence the error.
 * Anonymous defaults cannot hold rules at all; keyword-not-allowed-here reports that.
 */
export const defaultsRulesInheritance: Rule<HaproxyRuleContext> = {
  code: 'defaults-rules-inheritance',
  defaultSeverity: 'error',
  summary: 'A section inherits from a defaults section whose TCP/HTTP rules it cannot use.',
  check(context, report) {
    const symbols = symbolsOf(context);
    const cache = new Map<ProxySymbol, RuleSets>();
    const rulesOf = (proxy: ProxySymbol): RuleSets => {
      let sets = cache.get(proxy);
      if (!sets) {
        sets = ruleSetsOf(proxy.body);
        cache.set(proxy, sets);
      }
      return sets;
    };
    // The side (frontend or backend) that first used each rule-bearing defaults section.
    const sides = new Map<ProxySymbol, 'frontend' | 'backend'>();
    for (const proxy of symbols.proxies) {
      const parent = proxy.defaults;
      if (!parent || parent.name === undefined) continue;
      const sets = rulesOf(parent);
      if (!sets.any) continue;
      const problem = problemOf(proxy, sets, sides.get(parent));
      if (proxy.kind === 'frontend' || proxy.kind === 'backend') {
        if (!sides.has(parent)) sides.set(parent, proxy.kind);
      }
      if (problem === undefined) continue;
      const word = proxy.fromWord ?? proxy.nameWord ?? proxy.section.keyword;
      report({
        message: `${describeProxy(proxy)} ${problem} (defaults '${parent.name}').`,
        start: word.start,
        end: word.end,
        related: [
          relatedAt(context, parent.nameWord ?? parent.section.keyword, 'defaults section'),
        ],
      });
    }
  },
};

function problemOf(
  proxy: ProxySymbol,
  sets: RuleSets,
  firstSide: 'frontend' | 'backend' | undefined,
): string | undefined {
  switch (proxy.kind) {
    case 'defaults':
      return 'cannot inherit from a defaults section defining TCP/HTTP rules';
    case 'listen':
      return 'cannot inherit from a defaults section defining TCP/HTTP rules';
    case 'backend':
      if (sets.connection) {
        return "cannot inherit 'tcp-request connection' or 'tcp-request session' rules";
      }
      break;
    case 'frontend':
      if (sets.response) return "cannot inherit 'tcp-response content' rules";
      break;
  }
  if (firstSide !== undefined && firstSide !== proxy.kind) {
    return 'shares a defaults section defining TCP/HTTP rules with a ' + firstSide;
  }
  return undefined;
}
