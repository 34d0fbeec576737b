import type { Rule } from '../../common/rule.js';
import type { KeepalivedDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';

/** What every Keepalived rule sees. */
export interface KeepalivedRuleContext {
  readonly document: KeepalivedDocument;
  readonly settings: LanguageSettings;
}

/** Every Keepalived validation rule, in the order they run. */
export const KEEPALIVED_RULES: readonly Rule<KeepalivedRuleContext>[] = [];
