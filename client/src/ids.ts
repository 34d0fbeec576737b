/**
 * Identifiers shared by the client modules. Kept free of `vscode` imports so that unit tests can
 * load them outside the editor.
 */

import type {
  DetectLanguageMethod,
  DetectLanguageParams,
  DetectLanguageResult,
} from '../../server/src/lsp/protocol.js';

/** The two languages this extension contributes. */
export type ConfigLanguageId = 'haproxy' | 'keepalived';

/** Every contributed language id, in the order the language picker shows them. */
export const CONFIG_LANGUAGE_IDS: readonly ConfigLanguageId[] = ['haproxy', 'keepalived'];

/**
 * The language of HAProxy's map and ACL pattern files (`.map`, `.lst`, `.acl`): coloured by its own
 * grammar, never sent to the server (it is not in {@link CONFIG_LANGUAGE_IDS}, so the document
 * selector leaves it out), whose analysis reads these files through the configurations naming
 * them. Must equal `PATTERN_FILE_LANGUAGE_ID` of the server's core.
 */
export const PATTERN_FILE_LANGUAGE_ID = 'haproxy-map';

/** Human names for the language picker. */
export const LANGUAGE_LABELS: Readonly<Record<ConfigLanguageId, string>> = {
  haproxy: 'HAProxy',
  keepalived: 'Keepalived',
};

/**
 * The client id. `vscode-languageclient` reads the `<id>.trace.server` setting, so this must stay
 * `haproxy` for the contributed `haproxy.trace.server` setting to take effect.
 */
export const CLIENT_ID = 'haproxy';

/** `<publisher>.<name>` of package.json: how the extension finds its own files. */
export const EXTENSION_ID = 'ha-tooling.haproxy-keepalived';

/** Name of the output channel; it also titles the language client. */
export const OUTPUT_CHANNEL_NAME = 'HAProxy/Keepalived Language Server';

/** Commands contributed in package.json. */
export const COMMANDS = {
  restartServer: 'haKeepalived.restartServer',
  showOutput: 'haKeepalived.showOutput',
  setLanguage: 'haKeepalived.setLanguage',
  /** Opens the bundled page of a rule code (argument: the code; without one, a picker). */
  openRuleDoc: 'haKeepalived.openRuleDoc',
  /**
   * Reveals a finding (arguments: document URI and LSP range); run by the server's cluster code
   * lens, whose command id must match (`SHOW_FINDING_COMMAND` in the core).
   */
  showProblems: 'haKeepalived.showProblems',
  /** Also the command of the server's "Show in topology" code lenses. */
  showTopology: 'haKeepalived.showTopology',
  /** Runs the failover lab in a terminal; also the command of the server's drill code lenses. */
  runFailoverDrill: 'haKeepalived.runFailoverDrill',
  /** Runs `haproxy -c` on the node of the active file (settings `haproxy.validate.*`). */
  checkWithHaproxy: 'haKeepalived.checkWithHaproxy',
  /** Runs `keepalived -t` on the node of the active file (settings `keepalived.validate.*`). */
  checkWithKeepalived: 'haKeepalived.checkWithKeepalived',
  /** Applies the safe fixes of every file of the workspace clusters, after a preview. */
  fixAllInWorkspace: 'haKeepalived.fixAllInWorkspace',
  /** Migrates the workspace's HAProxy files to a picked version (server request `ha/migrate`). */
  migrateHaproxy: 'haKeepalived.migrateHaproxy',
  /** Migrates the workspace's Keepalived files to a picked version. */
  migrateKeepalived: 'haKeepalived.migrateKeepalived',
  /**
   * Writes the backup node of a node folder (Explorer context menu, palette) through the server's
   * `ha/createPeerNode`, after the refactor preview.
   */
  createPeerNode: 'haKeepalived.createPeerNode',
} as const;

/** Settings sections forwarded to the server on every configuration change. */
export const CONFIGURATION_SECTIONS: readonly string[] = ['haproxy', 'keepalived'];

/**
 * Custom request that asks the server which language a document's content looks like. The types
 * come from the server's protocol module through `import type`, so no server code reaches the
 * client bundle while the compiler still checks the method name and shapes against the server.
 */
export const DETECT_LANGUAGE_METHOD = 'ha/detectLanguage' satisfies DetectLanguageMethod;

export type { DetectLanguageParams, DetectLanguageResult };
