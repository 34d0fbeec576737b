import type { HaproxyDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';

/** What every HAProxy rule sees. */
export interface HaproxyRuleContext {
  readonly document: HaproxyDocument;
  readonly settings: LanguageSettings;
}
