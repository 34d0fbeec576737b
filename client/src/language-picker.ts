/** Items of the "Set Language" quick pick; pure so the labels and order are unit tested. */
import { CONFIG_LANGUAGE_IDS, LANGUAGE_LABELS, type ConfigLanguageId } from './ids.js';

/** One quick pick entry; structurally a `vscode.QuickPickItem` plus the language it selects. */
export interface LanguagePickItem {
  readonly label: string;
  readonly description: string;
  readonly languageId: ConfigLanguageId;
}

/** Both languages, the one the document already has marked as current. */
export function languagePickItems(currentLanguageId: string): LanguagePickItem[] {
  return CONFIG_LANGUAGE_IDS.map((languageId) => ({
    label: LANGUAGE_LABELS[languageId],
    description: languageId === currentLanguageId ? `${languageId} (current)` : languageId,
    languageId,
  }));
}
