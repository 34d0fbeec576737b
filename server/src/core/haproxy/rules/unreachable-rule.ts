import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import { isDynamicName } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import {
  CoverIndex,
  judgedVerdict,
  positiveLines,
  tableResolver,
  VOLATILE,
  volatileLine,
  type AclResolver,
} from './acl-logic.js';
import { referencesOf, relatedAt, symbolsOf } from './symbol-helpers.js';

/** Whether an ACL named `name` (where the condition's word resolves) has a volatile line. */
type VolatileAcl = (name: string) => boolean;

/** The condition as HAProxy reads it: its words, one space apart; undefined when volatile. */
function conditionKey(statement: Statement, volatileAcl: VolatileAcl): string | undefined {
  const condition = statement.condition;
  if (condition === undefined) return '';
  for (const word of condition.words) {
    const value = word.value;
    if (VOLATILE.test(value) || volatileAcl(value.startsWith('!') ? value.slice(1) : value)) {
      return undefined;
    }
  }
  return `${condition.polarity} ${condition.words.map((word) => word.value).join(' ')}`;
}

/**
 * The earlier `use_backend` that takes every request `statement`'s condition matches, when each
 * OR group of the condition holds an ACL whose every pattern an earlier single-ACL condition
 * covers (`path_beg /api` before `path_beg /api/v1`).
 */
function coveredBy(
  statement: Statement,
  covers: CoverIndex<Statement>,
  resolve: AclResolver,
): Statement | undefined {
  const condition = statement.condition;
  if (condition?.polarity !== 'if' || condition.groups.length === 0) return undefined;
  let first: Statement | undefined;
  for (const group of condition.groups) {
    let owner: Statement | undefined;
    for (const term of group.terms) {
      const lines = positiveLines(term, resolve);
      if (!lines || lines.length === 0) continue;
      const owners = lines.map((line) => covers.covering(line));
      if (owners.every((found) => found !== undefined)) {
        owner = owners.flat().sort((a, b) => a.start - b.start)[0];
        break;
      }
    }
    if (owner === undefined) return undefined;
    if (first === undefined || owner.start < first.start) first = owner;
  }
  return first;
}

/** Records the ACLs of an `if` condition's single-ACL groups: each alone makes the line match. */
function recordCovers(
  statement: Statement,
  covers: CoverIndex<Statement>,
  resolve: AclResolver,
): void {
  const condition = statement.condition;
  if (condition?.polarity !== 'if') return;
  for (const group of condition.groups) {
    const term = group.terms[0];
    if (group.terms.length !== 1 || !term) continue;
    for (const line of positiveLines(term, resolve) ?? []) covers.add(line, statement);
  }
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
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A use_backend or default_backend that an earlier use_backend always pre-empts.',
  check(context, report) {
    const table = referencesOf(context);
    const resolve = tableResolver(table);
    for (const proxy of symbolsOf(context).proxies) {
      if (proxy.kind !== 'frontend' && proxy.kind !== 'listen') continue;
      const volatileAcl: VolatileAcl = (name) =>
        name !== '' &&
        table
          .definitionsIn(proxy.section, 'acl', name)
          .some((site) => site.statement !== undefined && volatileLine(site.statement));
      const taken = new Map<string, Statement>();
      const covers = new CoverIndex<Statement>();
      let always: Statement | undefined;
      for (const statement of proxy.statements('use_backend')) {
        const target = statement.args[0];
        const key = conditionKey(statement, volatileAcl);
        const condition = statement.condition;
        const verdict = condition ? judgedVerdict(table, condition) : undefined;
        const holds = verdict !== undefined && verdict.value === (condition?.polarity === 'if');
        const same = key !== undefined ? taken.get(key) : undefined;
        const covering = always ?? same ?? coveredBy(statement, covers, resolve);
        if (covering !== undefined) {
          const why =
            covering === always
              ? always.condition === undefined
                ? 'the unconditional use_backend above always chooses first'
                : 'the use_backend above, whose condition always holds, always chooses first'
              : covering === same
                ? 'the use_backend above has the same condition and is tried first'
                : 'the use_backend above matches every request this one matches, and is tried first';
          report({
            message: `This use_backend is never taken: ${why}. Remove it, or change its condition or its place.`,
            start: statement.keyword.start,
            end: statement.end,
            related: [relatedAt(context, covering.keyword, 'use_backend tried first')],
            tags: ['unnecessary'],
          });
          continue;
        }
        if (target === undefined || isDynamicName(target)) continue;
        if (key === '' || holds) always = statement;
        else if (key !== undefined) {
          taken.set(key, statement);
          if (verdict === undefined) recordCovers(statement, covers, resolve);
        }
      }
      if (always === undefined) continue;
      for (const statement of proxy.statements('default_backend')) {
        report({
          message: `This default_backend is never used: the use_backend above chooses a backend for every request.`,
          start: statement.keyword.start,
          end: statement.end,
          related: [relatedAt(context, always.keyword, 'use_backend taking every request')],
          tags: ['unnecessary'],
        });
      }
    }
  },
};
