import type { Rule } from '../../common/rule.js';
import type { Statement } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { offsetIn, sectionReferenceRule, type SectionReference } from './section-reference.js';

function* ringTargets(statements: readonly Statement[]): Iterable<SectionReference> {
  for (const statement of statements) {
    const target = statement.args[0];
    if (!target?.value.startsWith('ring@')) continue;
    const name = target.value.slice('ring@'.length);
    const at = offsetIn(target, 'ring@'.length);
    yield at === undefined
      ? { word: target, name, via: 'log' }
      : { word: target, name, nameStart: at, via: 'log' };
  }
}

/**
 * `log ring@<name>` naming no `ring` section. HAProxy 2.6 `-c` lets it through, so this is only a
 * warning: the log lines are lost.
 */
export const undefinedRing: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-ring',
  kind: 'ring',
  severity: 'warning',
  summary: 'log ring@<name> names a ring section that does not exist.',
  *collect(symbols) {
    yield* ringTargets(symbols.global('log'));
    for (const proxy of symbols.proxies) yield* ringTargets(proxy.statements('log'));
  },
});
