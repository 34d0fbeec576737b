/**
 * Which language an opened document is analysed in: the one place that weighs the client's
 * language id against the file name and the content.
 *
 * @packageDocumentation
 */
import { languageFromContent, languageFromName, type LanguageId } from '../core/index.js';

/** Whether a client's language id names one of our languages. */
function isLanguageId(value: string): value is LanguageId {
  return value === 'haproxy' || value === 'keepalived';
}

/**
 * Decides the language of a document:
 *
 * 1. the client's id, when the client said its ids are explicit choices (`explicitLanguageIds`
 *    in `initializationOptions`: VS Code, where an id that differs from the name's is the user's
 *    own pick through "Set Language" or "Change Language Mode");
 * 2. otherwise an unambiguous file name (`haproxy*.cfg`, `keepalived*.conf`, the folder rules),
 *    which wins over a client that sends one id for both languages (one eglot entry for both
 *    modes sends `keepalived.conf` as `haproxy`);
 * 3. then the client's id, when it is one of ours;
 * 4. then the content.
 */
export function chooseLanguage(
  path: string,
  languageId: string,
  text: string,
  explicitIds: boolean,
): LanguageId | undefined {
  const named = isLanguageId(languageId) ? languageId : undefined;
  if (named && explicitIds) return named;
  return languageFromName(path) ?? named ?? languageFromContent(text);
}
