/** The two languages of this product. */
export type LanguageId = 'haproxy' | 'keepalived';

const HAPROXY_SECTION =
  /^[ \t]*(global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|cache|program|http-errors|ring|log-forward|crt-store|traces|fcgi-app|log-profile|acme)\b/m;
const HAPROXY_DIRECTIVE =
  /^[ \t]+(bind|server|default_backend|use_backend|balance|mode|timeout|option|maxconn|http-request|acl)\b/m;
const KEEPALIVED_BLOCK =
  /^[ \t]*(vrrp_instance|vrrp_script|global_defs|virtual_server|virtual_server_group|vrrp_sync_group|static_ipaddress|static_routes|track_file|vrrp_track_process|bfd_instance|linkbeat_interfaces)\b[^\n{]*\{?/m;

/** Base name and folder names of a slash or backslash separated path, without touching a file system. */
function pathParts(path: string): { base: string; folders: string[] } {
  const parts = path.split(/[\\/]+/).filter((part) => part.length > 0);
  const base = parts.pop() ?? '';
  return { base, folders: parts };
}

/**
 * Recognises a configuration by its file name alone, following the CLI contract: `haproxy.cfg`,
 * `haproxy*.cfg`, `*.haproxy.cfg`, `keepalived.conf`, `keepalived*.conf`, and `*.cfg` / `*.conf`
 * under a folder named `haproxy` / `keepalived`.
 */
export function languageFromName(path: string): LanguageId | undefined {
  const { base, folders } = pathParts(path);
  const lower = base.toLowerCase();
  if (lower.endsWith('.cfg')) {
    if (lower.startsWith('haproxy') || lower.endsWith('.haproxy.cfg')) return 'haproxy';
    if (folders.some((folder) => folder.toLowerCase() === 'haproxy')) return 'haproxy';
  }
  if (lower.endsWith('.conf')) {
    if (lower.startsWith('keepalived')) return 'keepalived';
    if (folders.some((folder) => folder.toLowerCase() === 'keepalived')) return 'keepalived';
  }
  return undefined;
}

/**
 * Recognises a configuration by its content: a Keepalived block keyword followed by a brace, or a
 * HAProxy section header together with an indented HAProxy directive. Only the first 64 KiB are
 * looked at so that detection stays cheap on huge files.
 */
export function languageFromContent(text: string): LanguageId | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (KEEPALIVED_BLOCK.test(head) && head.includes('{')) return 'keepalived';
  if (HAPROXY_SECTION.test(head) && HAPROXY_DIRECTIVE.test(head)) return 'haproxy';
  return undefined;
}

/**
 * The language id of HAProxy's map and ACL pattern files (`.map`, `.lst`, `.acl`), which the
 * editor colours but the server never parses: they are data that `-f` and the `map*()`
 * converters load, read through the configuration that names them.
 */
export const PATTERN_FILE_LANGUAGE_ID = 'haproxy-map';

/** File name endings of maps and pattern files, as the editor extension contributes them. */
export const PATTERN_FILE_EXTENSIONS: readonly string[] = ['.map', '.lst', '.acl'];

/**
 * Whether `path` names a map or pattern file. Its content is never looked at for a language: a
 * block list of host names may well hold a word like `global` or `backend` on an indented line.
 */
export function isPatternFileName(path: string): boolean {
  const lower = pathParts(path).base.toLowerCase();
  return PATTERN_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Name first, then content (never for a map or pattern file), as the CLI contract requires. */
export function detectLanguage(path: string, text: string): LanguageId | undefined {
  const named = languageFromName(path);
  if (named !== undefined || isPatternFileName(path)) return named;
  return languageFromContent(text);
}
