import type { FileHost } from '../../common/file-host.js';
import type { KeepalivedDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';

/** What every Keepalived rule sees. */
export interface KeepalivedRuleContext {
  readonly document: KeepalivedDocument;
  readonly settings: LanguageSettings;
  /** Reads included files; without it includes are not followed. */
  readonly files?: FileHost | undefined;
  /** The node's config-id selecting `@id` lines; undefined keeps every `@` line. */
  readonly configId?: string | undefined;
  /** Values for `$NAME` parameters the files leave to the environment (a cluster node's `env`). */
  readonly env?: Readonly<Record<string, string>> | undefined;
}
