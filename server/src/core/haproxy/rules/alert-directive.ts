import type { Rule } from '../../common/rule.js';
import type { Directive, HaproxyConfig } from '../ast.js';
import { evaluateExpression } from '../analysis/branches.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * Whether `branch` is certainly taken at `version`: true when it and every branch around it are
 * known to be taken, false when one of them is known not to be, undefined when that depends on
 * the build or the environment.
 */
function taken(
  config: HaproxyConfig,
  branch: number | undefined,
  version: string,
): boolean | undefined {
  let result: boolean | undefined = true;
  for (let at = branch; at !== undefined; at = config.branches[at]?.parent) {
    const arm = config.branches[at];
    const block = arm ? config.blocks[arm.block] : undefined;
    if (!arm || !block) return undefined;
    // An arm is taken when its own test holds and every earlier arm of its block fails.
    let armTaken: boolean | undefined = true;
    for (const index of block.branches) {
      const other = config.branches[index];
      if (!other) return undefined;
      const truth =
        other.kind === 'else'
          ? true
          : evaluateExpression(other.directive.expression ?? '', version);
      if (index === at) {
        armTaken = truth === false ? false : truth === undefined ? undefined : armTaken;
        break;
      }
      if (truth === true) armTaken = false;
      else if (truth === undefined && armTaken === true) armTaken = undefined;
    }
    if (armTaken === false) return false;
    if (armTaken === undefined) result = undefined;
  }
  return result;
}

function* alerts(config: HaproxyConfig): Generator<Directive> {
  const lists = [config.preamble, ...config.sections.map((s) => s.items)];
  for (const items of lists) {
    for (const item of items) {
      if (item.kind === 'directive' && item.name === '.alert') yield item;
    }
  }
}

/**
 * An `.alert` directive HAProxy reads: it prints the message and refuses the whole file, which is
 * how configurations stop versions or builds they do not support. It is an error when the
 * branches around it are known to be taken at the target version, a warning when that depends
 * on the build or the environment (`feature(…)`, `defined(…)`), and nothing in branches known
 * to be skipped.
 */
export const alertDirective: Rule<HaproxyRuleContext> = {
  code: 'alert-directive',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An .alert directive HAProxy reads, which makes it refuse the file.',
  check(context, report) {
    const config = context.document.parse.ast;
    const version = context.settings.version;
    for (const directive of alerts(config)) {
      const state = taken(config, directive.branch, version);
      if (state === false) continue;
      const text = directive.args.map((w) => w.value).join(' ');
      report({
        message:
          state === true
            ? `HAProxy ${version} reads this '.alert' and refuses the file${text ? `: ${text}` : ''}.`
            : `If this branch is taken, HAProxy refuses the file with this '.alert'${text ? `: ${text}` : ''}.`,
        start: directive.keyword.start,
        end: directive.end,
        ...(state === true ? {} : { severity: 'warning' as const }),
      });
    }
  },
};
