import type { FileHost } from '../../common/file-host.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedDocument } from '../../document.js';
import type { LanguageSettings } from '../../settings.js';
import { CATALOG_RULES } from './catalog-rules.js';
import { NODE_RULES } from './node-rules.js';

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

/** Every Keepalived validation rule, in the order they run. */
export const KEEPALIVED_RULES: readonly Rule<KeepalivedRuleContext>[] = [
  ...CATALOG_RULES,
  ...NODE_RULES,
];
