import { leadingInteger } from '../../common/leading-integer.js';
import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { lineOptionMap } from '../analysis/resolve.js';
import type { HaproxyRuleContext } from './context.js';
import { UNIT_MS } from './option-value-helpers.js';
import { symbolsOf } from './symbol-helpers.js';

/** A time in milliseconds (`2s`, `500`, `1m`), or undefined when it is not a plain time. */
function parseMilliseconds(text: string): number | undefined {
  const match = /^(\d+)(us|ms|s|m|h|d)?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
}

const MIN_INTERVAL = 100;
const MAX_INTERVAL = 3_600_000;
const MAX_COUNT = 100;

/**
 * Health check timings out of a sane range on `server` and `default-server` lines: `inter`,
 * `fastinter`, `downinter` under 100ms (a check storm) or over an hour (failures go unnoticed),
 * `rise`/`fall` over 100. `rise`/`fall` of 0 or not starting with a digit are rejected by `haproxy -c` ("has to be >
 * 0"), so those are errors.
 */
export const checkIntervalRange: Rule<HaproxyRuleContext> = {
  code: 'check-interval-range',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'Health check inter, rise or fall values out of a sane range.',
  check(context, report) {
    for (const proxy of symbolsOf(context).proxies) {
      const lines = [
        ...proxy.servers.map((server) => server.options),
        ...proxy.statements('default-server').map((s) => lineOptionMap(s)),
      ];
      {
        for (const options of lines) {
          const check = (name: string, value: Word | undefined): void => {
            if (!value || value.hasVariable || value.template) return;
            if (name === 'rise' || name === 'fall') {
              // HAProxy reads the count with atol() into an int and refuses it unless above 0.
              const count = leadingInteger(value.value);
              if (count <= 0) {
                report({
                  message: `'${name} ${value.value}' is rejected by HAProxy: it has to be a number of at least 1.`,
                  start: value.start,
                  end: value.end,
                  severity: 'error',
                });
              } else if (count > MAX_COUNT) {
                report({
                  message: `'${name} ${count}' means a state change needs more than ${MAX_COUNT} checks in a row.`,
                  start: value.start,
                  end: value.end,
                });
              }
              return;
            }
            const ms = parseMilliseconds(value.value);
            if (ms === undefined) return;
            if (ms < MIN_INTERVAL) {
              report({
                message: `'${name} ${value.value}' checks more often than every ${MIN_INTERVAL}ms, which loads the servers for no gain.`,
                start: value.start,
                end: value.end,
              });
            } else if (ms > MAX_INTERVAL) {
              report({
                message: `'${name} ${value.value}' checks less often than once an hour, so failures go unnoticed.`,
                start: value.start,
                end: value.end,
              });
            }
          };
          for (const name of ['inter', 'fastinter', 'downinter', 'rise', 'fall']) {
            check(name, options.get(name)?.args[0]);
          }
        }
      }
    }
  },
};
