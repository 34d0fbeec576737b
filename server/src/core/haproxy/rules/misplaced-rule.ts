import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { lineSpan } from '../../common/text-scan.js';
import { relatedAt, symbolsOf } from './symbol-helpers.js';

/** The rule lists HAProxy evaluates in this order, whatever order the lines are written in. */
export const RULE_ORDER = [
  'tcp-request connection',
  'tcp-request session',
  'tcp-request content',
  'monitor fail',
  'http-request',
  'redirect',
  'use_backend',
  'use-server',
] as const;

/** The list a line belongs to, as an index into {@link RULE_ORDER}, or -1. */
export function ruleRank(statement: Statement): number {
  const keyword = statement.keyword.value;
  if (keyword === 'tcp-request' || keyword === 'monitor') {
    return RULE_ORDER.indexOf(
      `${keyword} ${statement.args[0]?.value ?? ''}` as (typeof RULE_ORDER)[number],
    );
  }
  return RULE_ORDER.indexOf(keyword as (typeof RULE_ORDER)[number]);
}

/**
 * A rule written after one that HAProxy evaluates later: `tcp-request` rules run before `monitor
 * fail`, which runs before `http-request`, then `redirect`, `use_backend` and `use-server`. HAProxy
 * warns ("a 'http-request' rule placed after a 'use_backend' rule will still be processed before")
 * and runs them in its own order, so the file reads differently from what happens. A warning, as
 * HAProxy's; it names the earliest list in HAProxy's order that already has a rule, as HAProxy does.
 */
export const misplacedRule: Rule<HaproxyRuleContext> = {
  code: 'misplaced-rule',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A rule placed after one HAProxy evaluates later (it still runs first).',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind === 'defaults') continue;
      const seen: (Statement | undefined)[] = [];
      for (const statement of proxy.body) {
        const own = ruleRank(statement);
        if (own < 0) continue;
        const later = seen.findIndex((line, index) => index > own && line !== undefined);
        const earlier = later >= 0 ? seen[later] : undefined;
        if (earlier) {
          const what = RULE_ORDER[own]?.startsWith('tcp-request') ? 'tcp-request' : RULE_ORDER[own];
          // Above the first line written of any list HAProxy runs later, the line reads where
          // it runs; the file then means what it did.
          const first = seen
            .slice(own + 1)
            .reduce<Statement | undefined>(
              (top, line) => (line && (!top || line.start < top.start) ? line : top),
              undefined,
            );
          const fix = first && moveAboveFix(context.document.text, statement, first, what ?? '');
          report({
            message: `This '${what}' rule is written after a '${RULE_ORDER[later] ?? ''}' rule, but HAProxy still runs it first: move it above.`,
            start: statement.keyword.start,
            end: statement.keyword.end,
            related: [relatedAt(context, earlier.keyword, `'${RULE_ORDER[later] ?? ''}' rule`)],
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
        seen[own] ??= statement;
      }
    }
  },
};

/**
 * Moves the whole line of `statement` (its comment included) to just above the line of `above`.
 * Offered only where both lines sit in the same `.if` branch: across branches the move would
 * change which lines are read.
 */
function moveAboveFix(
  text: string,
  statement: Statement,
  above: Statement,
  what: string,
): QuickFix | undefined {
  if (statement.branch !== above.branch || above.start > statement.start) return undefined;
  const { start: from, end: to } = lineSpan(text, statement);
  const line = text.slice(from, to);
  const target = lineSpan(text, above).start;
  return {
    title: `Move this '${what}' rule above the '${above.keyword.value}' line, where HAProxy runs it`,
    edits: [
      { start: target, end: target, text: line.endsWith('\n') ? line : `${line}\n` },
      // The last line without a newline leaves the newline before it as the file's last.
      !line.endsWith('\n') && from > 0
        ? { start: from - 1, end: to, text: '' }
        : { start: from, end: to, text: '' },
    ],
    preferred: true,
  };
}
