import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import { isDynamicName } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { referencesOf, relatedAt, symbolsOf } from './symbol-helpers.js';

/**
 * Sample fetches whose answer can change from one evaluation to the next (random numbers, time,
 * counters that rules increment): two conditions written alike may still differ, so a condition
 * using one never proves a later rule unreachable.
 */
const VOLATILE = /\b(?:rand|date|ms_|us_|sc\d*_|sc_|src_inc|src_get|src_clr|table_|uuid|ulid)\w*/;

/** The ACL lines defining `name` (where the condition's word resolves). */
type AclLookup = (name: string) => readonly Statement[];

/** The condition as HAProxy reads it: its words, one space apart; undefined when volatile. */
function conditionKey(statement: Statement, acls: AclLookup): string | undefined {
  const condition = statement.condition;
  if (condition === undefined) return '';
  const words = condition.words.map((word) => word.value);
  for (const word of words) {
    if (VOLATILE.test(word)) return undefined;
    const named = acls(word.replace(/^!/, ''));
    if (named.some((acl) => acl.words.some((part) => VOLATILE.test(part.value)))) return undefined;
  }
  return `${condition.polarity} ${words.join(' ')}`;
}

/**
 * `use_backend` rules that can never choose their backend, and a `default_backend` that can never
 * be used. HAProxy evaluates `use_backend` lines in order after every `http-request` rule and
 * takes the first whose condition holds, so a line after an unconditional `use_backend`, or after
 * one with the very same condition, is never taken; and with an unconditional `use_backend` the
 * `default_backend` is never needed. HAProxy says nothing about these; a warning, because the
 * file does not do what it reads as. Dynamic backend names (`%[…]`) are left alone: when such a
 * name matches no backend, HAProxy goes on to `default_backend`.
 */
export const unreachableRule: Rule<HaproxyRuleContext> = {
  code: 'unreachable-rule',
  defaultSeverity: 'warning',
  summary: 'A use_backend or default_backend that an earlier use_backend always pre-empts.',
  check(context, report) {
    const table = referencesOf(context);
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind !== 'frontend' && proxy.kind !== 'listen') continue;
      const acls: AclLookup = (name) =>
        name === ''
          ? []
          : table.definitionsIn(proxy.section, 'acl', name).flatMap((site) => site.statement ?? []);
      const taken = new Map<string, Statement>();
      let always: Statement | undefined;
      for (const statement of proxy.statements('use_backend')) {
        const target = statement.args[0];
        const key = conditionKey(statement, acls);
        const earlier = always ?? (key !== undefined ? taken.get(key) : undefined);
        if (earlier !== undefined) {
          const why =
            earlier === always
              ? 'the unconditional use_backend above always chooses first'
              : 'the use_backend above has the same condition and is tried first';
          report({
            message: `This use_backend is never taken: ${why}. Remove it, or change its condition or its place.`,
            start: statement.keyword.start,
            end: statement.end,
            related: [relatedAt(context, earlier.keyword, 'use_backend tried first')],
            tags: ['unnecessary'],
          });
          continue;
        }
        if (target === undefined || isDynamicName(target)) continue;
        if (key === '') always = statement;
        else if (key !== undefined) taken.set(key, statement);
      }
      if (always === undefined) continue;
      for (const statement of proxy.statements('default_backend')) {
        report({
          message: `This default_backend is never used: the unconditional use_backend above chooses a backend for every request.`,
          start: statement.keyword.start,
          end: statement.end,
          related: [relatedAt(context, always.keyword, 'unconditional use_backend')],
          tags: ['unnecessary'],
        });
      }
    }
  },
};
