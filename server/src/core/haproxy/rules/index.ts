import type { Rule } from '../../common/rule.js';
import { alertDirective } from './alert-directive.js';
import type { HaproxyRuleContext } from './context.js';
import { CATALOG_RULES } from './catalog-rules.js';
import { missingFinalNewline } from './missing-final-newline.js';
import { programWithoutMasterWorker } from './program-without-master-worker.js';
import { SYMBOL_RULES } from './symbol-rules.js';
import { unexpectedSectionArgument } from './unexpected-section-argument.js';

/** Every HAProxy validation rule, in the order they run. */
export const HAPROXY_RULES: readonly Rule<HaproxyRuleContext>[] = [
  ...SYMBOL_RULES,
  ...CATALOG_RULES,
  alertDirective,
  programWithoutMasterWorker,
  missingFinalNewline,
  unexpectedSectionArgument,
];

export type { HaproxyRuleContext } from './context.js';
