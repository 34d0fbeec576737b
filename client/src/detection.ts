/**
 * Decides which documents the client offers to the server for content-based language detection.
 * Pure logic only: no `vscode` import, so the rules are unit tested directly. The client never
 * inspects the text itself; it only picks candidates by name and state, and the server answers.
 */
import { CONFIG_LANGUAGE_IDS, type ConfigLanguageId } from './ids.js';

/** The parts of a text document the rules look at. */
export interface DocumentInfo {
  /** The full URI as a string; it keys the set of documents already handled. */
  readonly uri: string;
  /** Current language id, e.g. `plaintext`. */
  readonly languageId: string;
  /** URI scheme, e.g. `file`. */
  readonly scheme: string;
  /** URI path with `/` separators, e.g. `/etc/lb/edge.cfg`. */
  readonly path: string;
}

/** A file name rule: the `filenames` and `filenamePatterns` of a contributed language. */
export interface NameAssociation {
  /** A plain file name or a glob (`*`, `?`, `**`). */
  readonly pattern: string;
  /** Language the pattern maps to; only used to explain a match. */
  readonly language: string;
}

/** Extensions worth asking about: HAProxy uses `.cfg`, Keepalived `.conf`. */
const CANDIDATE_EXTENSIONS = ['.cfg', '.conf'];

/**
 * The server only looks at the start of a file, so large documents are cut before they are sent:
 * this keeps one request cheap even for a multi-megabyte map file that happens to end in `.cfg`.
 */
export const DETECTION_TEXT_LIMIT = 65536;

/** Whether `languageId` is one of the two contributed languages. */
export function isConfigLanguage(languageId: string): languageId is ConfigLanguageId {
  return (CONFIG_LANGUAGE_IDS as readonly string[]).includes(languageId);
}

/**
 * Converts a VS Code style glob to an anchored, case-insensitive regular expression. VS Code
 * lower-cases both sides when it matches language associations, so the case-insensitive flag
 * gives the same answers.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

/**
 * Whether `path` matches an association. As in VS Code, a pattern with a `/` is matched against
 * the whole path and any other pattern against the base name only.
 */
export function matchesAssociation(path: string, pattern: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const regexp = globToRegExp(pattern);
  if (pattern.includes('/')) return regexp.test(path);
  return regexp.test(base);
}

/** Reads `contributes.languages[*].filenames/filenamePatterns` of a package.json manifest. */
export function associationsFromManifest(manifest: unknown): NameAssociation[] {
  const result: NameAssociation[] = [];
  const languages = (manifest as { contributes?: { languages?: unknown } } | undefined)?.contributes
    ?.languages;
  if (!Array.isArray(languages)) return result;
  for (const entry of languages as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, filenames, filenamePatterns } = entry as Record<string, unknown>;
    if (typeof id !== 'string') continue;
    for (const list of [filenames, filenamePatterns]) {
      if (!Array.isArray(list)) continue;
      for (const pattern of list as unknown[]) {
        if (typeof pattern === 'string') result.push({ pattern, language: id });
      }
    }
  }
  return result;
}

/** Reads the user's `files.associations` setting (`{ glob: languageId }`). */
export function associationsFromSetting(setting: unknown): NameAssociation[] {
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([pattern, language]) => ({ pattern, language }));
}

/**
 * Whether a document should be offered to the server for detection:
 * - a saved file (`file` scheme) whose name ends in `.cfg` or `.conf`;
 * - currently in some other language than ours: usually `properties`, which VS Code's built-in
 *   INI support gives every `.cfg` and `.conf`, or `plaintext`;
 * - whose name matches none of `associations`. A name that matches ours but opened elsewhere was
 *   changed on purpose by the user, and a user association for another language is a choice too;
 * - not asked about before (`handled` holds URIs), so a manual language change is never undone.
 */
export function isDetectionCandidate(
  doc: DocumentInfo,
  associations: readonly NameAssociation[],
  handled: ReadonlySet<string> = new Set(),
): boolean {
  if (doc.scheme !== 'file') return false;
  if (isConfigLanguage(doc.languageId)) return false;
  const lower = doc.path.toLowerCase();
  if (!CANDIDATE_EXTENSIONS.some((ext) => lower.endsWith(ext))) return false;
  if (associations.some((association) => matchesAssociation(doc.path, association.pattern))) {
    return false;
  }
  return !handled.has(doc.uri);
}

/** The text sent with a detection request: the start of the document only. */
export function detectionText(text: string): string {
  return text.length > DETECTION_TEXT_LIMIT ? text.slice(0, DETECTION_TEXT_LIMIT) : text;
}

/** Validates the server's answer; anything but a known language id means "no opinion". */
export function parseDetectedLanguage(value: unknown): ConfigLanguageId | undefined {
  return typeof value === 'string' && isConfigLanguage(value) ? value : undefined;
}
