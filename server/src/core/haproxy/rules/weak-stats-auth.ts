import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';
import { symbolsOf } from './symbol-helpers.js';

/** Passwords found in every default-credential list. */
const COMMON = new Set([
  'admin',
  'password',
  'passwd',
  'haproxy',
  'stats',
  'secret',
  'changeme',
  'letmein',
  'root',
  'test',
  '123456',
  '12345678',
  'qwerty',
]);

const MIN_LENGTH = 8;

/** Why a `user:password` pair is weak, or undefined when it looks fine. */
function weakness(user: string, password: string): string | undefined {
  if (password === user) return 'the password is the user name';
  if (COMMON.has(password.toLowerCase())) return `'${password}' is a well-known default password`;
  if (password.length < MIN_LENGTH) return `the password is shorter than ${MIN_LENGTH} characters`;
  return undefined;
}

/**
 * `stats auth user:password` with a guessable password: a default one, the user name, or fewer
 * than 8 characters. The stats page shows the topology and, with `stats admin`, lets anyone
 * drain servers. HAProxy has no opinion, so this is a warning.
 */
export const weakStatsAuth: Rule<HaproxyRuleContext> = {
  code: 'weak-stats-auth',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'stats auth uses a weak or default password.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      for (const statement of proxy.statements('stats')) {
        const credentials = statement.args[1];
        if (statement.args[0]?.value !== 'auth' || !credentials) continue;
        if (credentials.hasVariable || credentials.template) continue;
        const colon = credentials.value.indexOf(':');
        if (colon === -1) continue;
        const why = weakness(credentials.value.slice(0, colon), credentials.value.slice(colon + 1));
        if (!why) continue;
        report({
          message: `Weak stats password: ${why}.`,
          start: credentials.start,
          end: credentials.end,
        });
      }
    }
  },
};
