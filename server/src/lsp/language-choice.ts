/**
 * Which language an opened document is analysed in: the one place that weighs the client's
 * language id against the file name and the content.
 *
 * @packageDocumentation
 */
import {
  isPatternFileName,
  languageFromContent,
  languageFromName,
  PATTERN_FILE_LANGUAGE_ID,
  type LanguageId,
} from '../core/index.js';

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
 * 4. then the content, except for a map or pattern file (`.map`, `.lst`, `.acl`, or a document the
 *    client calls `haproxy-map`): such a file is data, analysed through the configuration that
 *    names it, and a host name list can look like a configuration to the content test.
 */
export function chooseLanguage(
  path: string,
  languageId: string,
  text: string,
  explicitIds: boolean,
): LanguageId | undefined {
  if (languageId === PATTERN_FILE_LANGUAGE_ID) return undefined;
  const named = isLanguageId(languageId) ? languageId : undefined;
  if (named && explicitIds) return named;
  const byName = languageFromName(path);
  if (byName !== undefined) return byName;
  if (isPatternFileName(path)) return undefined;
  return named ?? languageFromContent(text);
}
