import type { LanguageId } from './common/detect.js';
import { HAPROXY_SIDE_CODES } from './cluster/rules/haproxy-side.js';
import { HAPROXY_RULES } from './haproxy/rules/index.js';
import { HAPROXY_SYNTAX_CODES } from './haproxy/syntax-issues.js';
import { KEEPALIVED_RULES } from './keepalived/rules/index.js';
import { KEEPALIVED_SYNTAX_CODES } from './keepalived/syntax-issues.js';
import { VRRP_CLUSTER_RULES } from './cluster/rules/index.js';
import { DAEMON_CODES } from './daemons/place.js';
import { REFERENCED_FILE_CODES } from './features/referenced-files.js';

/**
 * Every diagnostic code the service can emit, with the languages that emit it: the parsers'
 * syntax codes and the rules' codes. Settings, the rule documentation pages and the CLI's SARIF
 * rule list are all checked against this table.
 */
export const RULE_CODES: ReadonlyMap<string, readonly LanguageId[]> = (() => {
  const codes = new Map<string, LanguageId[]>();
  const add = (language: LanguageId, list: readonly string[]): void => {
    for (const code of list) {
      const languages = codes.get(code) ?? [];
      if (!languages.includes(language)) codes.set(code, [...languages, language]);
    }
  };
  add('haproxy', HAPROXY_SYNTAX_CODES);
  add(
    'haproxy',
    HAPROXY_RULES.map((rule) => rule.code),
  );
  add('keepalived', KEEPALIVED_SYNTAX_CODES);
  add(
    'keepalived',
    KEEPALIVED_RULES.map((rule) => rule.code),
  );
  // Cross-node VRRP rules report in Keepalived files only.
  add(
    'keepalived',
    VRRP_CLUSTER_RULES.map((rule) => rule.code),
  );
  for (const [code, languages] of HAPROXY_SIDE_CODES) {
    for (const language of languages) add(language, [code]);
  }
  // What the daemons' own checks report (`core/daemons`), when the user turns them on.
  add('haproxy', [DAEMON_CODES.haproxy]);
  add('keepalived', [DAEMON_CODES.keepalived]);
  // The files a configuration names, when the host can look for them.
  add('haproxy', REFERENCED_FILE_CODES);
  add('keepalived', ['missing-referenced-file']);
  return codes;
})();
