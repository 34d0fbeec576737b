import type { Rule } from '../../common/rule.js';
import type { HaproxyDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';

/** What every HAProxy rule sees. */
export interface HaproxyRuleContext {
  readonly document: HaproxyDocument;
  readonly settings: LanguageSettings;
}

/** Every HAProxy validation rule, in the order they run. */
export const HAPROXY_RULES: readonly Rule<HaproxyRuleContext>[] = [];
