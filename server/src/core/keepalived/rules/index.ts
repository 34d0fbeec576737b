import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './context.js';
import { CATALOG_RULES } from './catalog-rules.js';
import { NODE_RULES } from './node-rules.js';

/** Every Keepalived validation rule, in the order they run. */
export const KEEPALIVED_RULES: readonly Rule<KeepalivedRuleContext>[] = [
  ...CATALOG_RULES,
  ...NODE_RULES,
];

export type { KeepalivedRuleContext } from './context.js';
