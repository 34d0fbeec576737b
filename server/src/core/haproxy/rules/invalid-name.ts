import type { Rule } from '../../common/rule.js';
import { branchActivity } from '../analysis/branches.js';
import type { Word } from '../ast.js';
import { NAME_CHARACTERS } from '../catalog/keyword-values.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * Section kinds whose name HAProxy checks character by character. `defaults` is not checked by
 * 2.6, and `cache` and `program` fail for other reasons first; newer section kinds are left alone
 * until checked.
 */
const CHECKED_SECTIONS = new Set([
  'frontend',
  'backend',
  'listen',
  'userlist',
  'peers',
  'resolvers',
  'ring',
  'http-errors',
  'mailers',
  'log-forward',
  'fcgi-app',
]);

/**
 * Keywords whose first argument is a name checked the same way. `user` names are not checked, and
 * `group` only names a group in a `userlist` (in `global` it is a system group).
 */
const CHECKED_LINES: ReadonlyMap<string, string> = new Map([
  ['server', 'server'],
  ['server-template', 'server-template prefix'],
  ['peer', 'peer'],
  ['group', 'group'],
  ['acl', 'ACL'],
  ['mailer', 'mailer'],
  ['nameserver', 'nameserver'],
]);

/** The first character of `value` HAProxy refuses in a name, if any. */
function badCharacter(value: string): string | undefined {
  if (NAME_CHARACTERS.test(value)) return undefined;
  return [...value].find((c) => !NAME_CHARACTERS.test(c));
}

/**
 * A proxy, section, server, peer, group or ACL name with a character HAProxy refuses ("character
 * '/' is not permitted in 'backend' name"). Names may only hold letters, digits, `.`, `_`, `-`
 * and `:`; HAProxy stops on any other, so this is an error.
 */
export const invalidName: Rule<HaproxyRuleContext> = {
  code: 'invalid-name',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A section or object name with a character HAProxy refuses.',
  check(context, report) {
    const flag = (word: Word, what: string): void => {
      const c = badCharacter(word.value);
      if (c === undefined || opaque(word)) return;
      report({
        message: `Character '${c}' is not allowed in ${what} name '${word.value}': use letters, digits, '.', '_', '-' and ':'.`,
        start: word.start,
        end: word.end,
      });
    };
    const activity = branchActivity(context.document.parse.ast, context.settings.version);
    for (const section of context.document.parse.ast.sections) {
      const name = section.name;
      if (name && CHECKED_SECTIONS.has(section.type) && activity.isLive(section.header.branch)) {
        flag(name, `'${section.type}'`);
      }
    }
    for (const entry of liveStatements(context)) {
      const section = entry.owner;
      const spec = entry.match?.spec;
      if (!spec || entry.placement === 'unknown' || entry.match?.negated) continue;
      const what = CHECKED_LINES.get(spec.name);
      const name = entry.args[0];
      if (spec.name === 'group' && section.kind !== 'userlist') continue;
      if (what !== undefined && name) flag(name, what);
    }
  },
};
