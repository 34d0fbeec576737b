/**
 * For hover on a rule line's keyword (`http-request`, `use_backend`, `default_backend`, …): when
 * HAProxy runs the rule and where it stands among its list. HAProxy runs the lists of a proxy in
 * its own order whatever order they are written in (the order is misplaced-rule's
 * {@link RULE_ORDER}), and the lines of one list in the order they are written.
 */
import type { Section, Statement } from '../haproxy/ast.js';
import { haproxySymbols, type ProxySymbol } from '../haproxy/analysis/symbols.js';
import { RULE_ORDER, ruleRank } from '../haproxy/rules/misplaced-rule.js';

/** The phase each list of {@link RULE_ORDER} runs in, on the frontend side of a proxy. */
const PHASES: Readonly<Record<(typeof RULE_ORDER)[number], string>> = {
  'tcp-request connection': 'the connection phase, as soon as the connection is accepted',
  'tcp-request session': 'the session phase, after the TLS handshake',
  'tcp-request content': 'the content inspection phase, before any HTTP processing',
  'monitor fail': 'the monitor phase',
  'http-request': 'the HTTP request phase',
  redirect: 'the redirect phase',
  use_backend: 'backend selection',
  'use-server': "server selection, after the backend's http-request rules",
};

/** `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, … */
function ordinal(n: number): string {
  const tens = n % 100;
  const unit = n % 10;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : unit === 1
        ? 'st'
        : unit === 2
          ? 'nd'
          : unit === 3
            ? 'rd'
            : 'th';
  return `${n}${suffix}`;
}

/** `this frontend`, `this backend`. */
function here(proxy: ProxySymbol): string {
  return `this ${proxy.kind}`;
}

/** "3rd of 5 `http-request` rules in this frontend" (or "the only …"). */
function position(
  statement: Statement,
  list: readonly Statement[],
  what: string,
  proxy: ProxySymbol,
): string {
  const at = list.indexOf(statement) + 1;
  return list.length === 1
    ? `the only \`${what}\` rule in ${here(proxy)}`
    : `${ordinal(at)} of ${list.length} \`${what}\` rules in ${here(proxy)}`;
}

/** `a`, `a and b`, `a, b and c`. */
function joined(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * One paragraph on when HAProxy runs `statement`, a line of `section`, at `version`; undefined
 * for lines that are no rules, outside proxies, or in a `.if` branch not taken.
 */
export function rulePhase(
  config: Parameters<typeof haproxySymbols>[0],
  section: Section,
  statement: Statement,
  version: string,
): string | undefined {
  const proxy = haproxySymbols(config, version).proxyOf(section);
  if (!proxy || proxy.kind === 'defaults' || !proxy.body.includes(statement)) return undefined;
  const keyword = statement.keyword.value;
  if (keyword === 'default_backend') {
    const uses = proxy.statements('use_backend').length;
    return uses === 0
      ? `Used for every request: ${here(proxy)} has no \`use_backend\` rule.`
      : `Used when none of the ${uses} \`use_backend\` rule${uses === 1 ? '' : 's'} of ${here(proxy)} matches, after all of them.`;
  }
  if (keyword === 'http-response') {
    const list = proxy.statements('http-response');
    return `Runs in the HTTP response phase, ${position(statement, list, 'http-response', proxy)}; the backend's \`http-response\` rules run before the frontend's.`;
  }
  const rank = ruleRank(statement);
  const name = RULE_ORDER[rank];
  if (name === undefined) return undefined;
  const list = proxy.body.filter((line) => ruleRank(line) === rank);
  const backendSide = proxy.kind === 'backend' && name !== 'use-server';
  const phase = backendSide
    ? `${PHASES[name]} of the backend, once a frontend has chosen it (after the frontend's rules)`
    : PHASES[name];
  const present = (from: number, to: number): string[] => {
    const names: string[] = [];
    for (let at = from; at < to; at++) {
      const other = RULE_ORDER[at];
      if (other !== undefined && proxy.body.some((line) => ruleRank(line) === at)) {
        names.push(`\`${other}\``);
      }
    }
    return names;
  };
  const before = present(rank + 1, RULE_ORDER.length);
  const after = present(0, rank);
  const relations = [
    ...(after.length > 0 ? [`after every ${joined(after)} rule`] : []),
    ...(before.length > 0 ? [`before every ${joined(before)} rule`] : []),
  ];
  const tail = relations.length > 0 ? `; ${relations.join(', ')}` : '';
  return `Runs in ${phase}, ${position(statement, list, name, proxy)}${tail}, whatever order the lines are written in.`;
}
