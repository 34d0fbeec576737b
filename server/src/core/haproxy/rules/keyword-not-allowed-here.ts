import type { Rule } from '../../common/rule.js';
import type { Severity } from '../../common/issue.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

const PROXY_KINDS = new Set(['defaults', 'frontend', 'backend', 'listen']);

/**
 * Keywords that HAProxy refuses (ALERT) in a proxy without the needed capability, rather than
 * ignoring with a warning: servers need a backend, connection and session rules a frontend.
 */
const REFUSED_WITHOUT_CAPABILITY = new Set([
  'server',
  'tcp-request connection',
  'tcp-request session',
]);

/** Rule-set companions HAProxy also refuses in anonymous defaults. */
const RULE_SET_SETTINGS = new Set(['tcp-request inspect-delay', 'tcp-response inspect-delay']);

/**
 * How HAProxy 2.6 treats a keyword written in the wrong kind of section. Between proxy kinds it
 * mostly warns that the line is ignored (`'balance' ignored because frontend 'fe' has no backend
 * capability`), except for the few it refuses; keywords that a `defaults` section cannot hold are
 * refused ("not allowed in 'defaults' section"); a keyword of another section family (a global
 * setting in a backend) is simply unknown there, which is an error.
 */
function severityFor(kind: string, name: string, homes: readonly string[]): Severity {
  const proxyHome = homes.some((home) => PROXY_KINDS.has(home));
  if (!PROXY_KINDS.has(kind) || !proxyHome) return 'error';
  if (kind === 'defaults') return 'error';
  return REFUSED_WITHOUT_CAPABILITY.has(name) ? 'error' : 'warning';
}

/** A keyword HAProxy knows, written in a section kind that does not accept it. */
export const keywordNotAllowedHere: Rule<HaproxyRuleContext> = {
  code: 'keyword-not-allowed-here',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A known keyword in a section that does not accept it.',
  check(context, report) {
    const version = context.settings.version;
    for (const entry of liveStatements(context)) {
      const section = entry.owner;
      if (opaque(entry.statement.keyword)) continue;
      const kind = section.kind;
      if (entry.placement === 'named-defaults-only' && entry.match) {
        const words = entry.words.slice(0, entry.match.length);
        report({
          message: `'${entry.match.spec.name}' is only accepted in a named 'defaults' section; give this section a name or move the line into the proxies.`,
          start: words[0]?.start ?? entry.statement.start,
          end: words[words.length - 1]?.end ?? entry.statement.end,
          // HAProxy 2.6 refuses rule sets in anonymous defaults ("not allowed in anonymous
          // 'defaults' section"); for the other keywords we have no such evidence.
          severity:
            entry.match.spec.ruleset !== undefined || RULE_SET_SETTINGS.has(entry.match.spec.name)
              ? 'error'
              : 'warning',
        });
        continue;
      }
      let name: string;
      let length: number;
      let homes: readonly string[];
      if (entry.placement === 'wrong-section' && entry.match) {
        name = entry.match.spec.name;
        length = entry.match.length;
        homes = entry.match.spec.sections;
      } else if (entry.placement === 'unknown' && entry.elsewhere.length > 0) {
        const first = entry.elsewhere[0];
        if (!first) continue;
        name = first.match.spec.name;
        length = first.match.length;
        homes = entry.elsewhere.map((e) => e.section);
      } else continue;
      const words = entry.words.slice(0, length);
      const severity = severityFor(kind, name, homes);
      const where = homes.map((h) => `'${h}'`).join(', ');
      report({
        message:
          severity === 'warning'
            ? `'${name}' is ignored in a '${kind}' section; it belongs in ${where}.`
            : `'${name}' is not allowed in a '${kind}' section (HAProxy ${version}); it belongs in ${where}.`,
        start: words[0]?.start ?? entry.statement.start,
        end: words[words.length - 1]?.end ?? entry.statement.end,
        severity,
      });
    }
  },
};
