import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { lifecycleAt } from '../catalog/index.js';
import { optionsOf } from '../analysis/resolve.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { optionValueProblem } from './option-value-helpers.js';
import { symbolsOf } from './symbol-helpers.js';

/** True when a `bind` address opens more than one socket (a list or a port range). */
function severalSockets(address: Word): boolean {
  if (address.value.includes(',')) return true;
  const range = /:(\d+)-(\d+)$/.exec(address.value);
  return range !== null && Number(range[2]) > Number(range[1]);
}

/**
 * A `bind`, `server`, `default-server` or `server-template` option whose value HAProxy refuses:
 * a missing value (`crt` ending the line), a delay it cannot read (`inter 10x`) or that must not
 * be 0, a number out of its range (`weight 300`), a word outside the accepted list
 * (`on-marked-down reboot`, `ssl-min-ver TLSv1.4`, `init-addr bogus`), an unknown multiplexer
 * (`proto qmux` before 3.4), or `id` on a `bind` line that opens several sockets. `haproxy -c`
 * stops on each of these, so this is an error. `rise`/`fall` are left to check-interval-range.
 */
export const invalidOptionValue: Rule<HaproxyRuleContext> = {
  code: 'invalid-option-value',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'A bind or server option value HAProxy refuses (missing, bad delay, out of range…).',
  check(context, report) {
    const version = context.settings.version;
    const flag = (option: Word, value: Word | undefined, message: string): void => {
      const at = value && value.value !== '' ? value : option;
      const text = /[.?]$/.test(message) ? message : `${message}.`;
      report({ message: text, start: at.start, end: at.end });
    };
    for (const entry of liveStatements(context)) {
      const line = entry.match?.spec.name;
      if (entry.options === undefined || line === undefined) continue;
      const bind = line === 'bind';
      for (const option of entry.options) {
        // HAProxy stops at the first unknown word: what follows may be its arguments.
        if (!option.spec) break;
        if (option.negated || opaque(option.word)) continue;
        const state = lifecycleAt(option.spec, version);
        if (state === 'not-yet' || state === 'removed') continue;
        // Checks sit on the first argument: every judged option takes exactly one word.
        const check = option.spec.args[0]?.check;
        if (check) {
          const value = option.args[0];
          const problem = optionValueProblem(option.spec.name, check, value, version);
          if (problem !== undefined) flag(option.word, value, problem);
        }
        if (bind && option.spec.name === 'id' && entry.address && !opaque(entry.address)) {
          if (severalSockets(entry.address)) {
            flag(
              option.word,
              undefined,
              `'id' on a bind line only works for a single socket, and '${entry.address.value}' opens several.`,
            );
          }
        }
      }
    }
    // `server-template` lines are not split by the catalog resolution: read their options here.
    const catalog = optionsOf(false);
    for (const proxy of symbolsOf(context).proxies) {
      for (const server of proxy.servers) {
        if (!server.template) continue;
        for (const [name, use] of server.options) {
          const spec = catalog.get(name);
          if (!spec) break;
          const state = lifecycleAt(spec, version);
          if (state === 'not-yet' || state === 'removed' || opaque(use.word)) continue;
          const check = spec.args[0]?.check;
          if (!check) continue;
          const value = use.args[0];
          const problem = optionValueProblem(name, check, value, version);
          if (problem !== undefined) flag(use.word, value, problem);
        }
      }
    }
  },
};
