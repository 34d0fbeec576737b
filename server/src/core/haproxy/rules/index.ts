import type { Rule } from '../../common/rule.js';
import type { HaproxyDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';
import { alertDirective } from './alert-directive.js';
import { CATALOG_RULES } from './catalog-rules.js';
import { missingFinalNewline } from './missing-final-newline.js';
import { programWithoutMasterWorker } from './program-without-master-worker.js';
import { SYMBOL_RULES } from './symbol-rules.js';
import { unexpectedSectionArgument } from './unexpected-section-argument.js';

/** What every HAProxy rule sees. */
export interface HaproxyRuleContext {
  readonly document: HaproxyDocument;
  readonly settings: LanguageSettings;
}

/** Every HAProxy validation rule, in the order they run. */
export const HAPROXY_RULES: readonly Rule<HaproxyRuleContext>[] = [
  ...SYMBOL_RULES,
  ...CATALOG_RULES,
  alertDirective,
  programWithoutMasterWorker,
  missingFinalNewline,
  unexpectedSectionArgument,
];
