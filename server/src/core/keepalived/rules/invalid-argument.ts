import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './index.js';
import type { KeepalivedItem, KeepalivedWord } from '../ast.js';
import { addressProblem } from './addresses.js';
import { argumentProblem, positionalSpecs } from './arguments.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/** A problem with one word of a line, found by a keyword-specific check. */
interface WordProblem {
  readonly word: KeepalivedWord;
  readonly problem: string;
}

/** The first argument must be a literal IP address (keepalived skips host names). */
function literalAddress(item: KeepalivedItem): WordProblem[] {
  const word = item.args[0];
  // Prefixes and zone suffixes are left alone: not every keyword's verdict on them was checked.
  if (!word || !isConcrete(word) || /[/%]/.test(word.value)) return [];
  const problem = addressProblem(word.value);
  return problem === undefined ? [] : [{ word, problem }];
}

/**
 * Checks the catalog's argument types cannot express, each verified with keepalived 2.2.7 -t
 * (exit 5): "malformed src address", "Invalid real server ip address/port", "Invalid virtual
 * server IP address/port", "Invalid HTTP_GET status code".
 */
const SPECIFIC: Readonly<Record<string, (item: KeepalivedItem) => WordProblem[]>> = {
  mcast_src_ip: literalAddress,
  unicast_src_ip: literalAddress,
  real_server: literalAddress,
  virtual_server(item) {
    const first = item.args[0];
    if (!first || first.value === 'fwmark' || first.value === 'group') return [];
    const problems = literalAddress(item);
    // Port 0 is valid for persistent services, so only words and numbers above 65535 are wrong.
    const port = item.args[1];
    if (port && isConcrete(port) && (!/^\d+$/.test(port.value) || Number(port.value) > 65535)) {
      problems.push({ word: port, problem: `'${port.value}' is not a port (1…65535)` });
    }
    return problems;
  },
  status_code(item) {
    const problems: WordProblem[] = [];
    for (const word of item.args) {
      if (!isConcrete(word)) continue;
      const match = /^(\d+)(?:-(\d+))?$/.exec(word.value);
      const low = Number(match?.[1]);
      const high = Number(match?.[2] ?? match?.[1]);
      if (!match || low < 100 || high > 599 || low > high) {
        problems.push({
          word,
          problem: `'${word.value}' is not an HTTP status code or range (100…599)`,
        });
      }
    }
    return problems;
  },
};

/**
 * An argument outside its range, not a number, not a boolean or not one of the allowed values.
 * keepalived logs the value as invalid, falls back to a default and fails the config test.
 */
export const invalidArgument: Rule<KeepalivedRuleContext> = {
  code: 'invalid-argument',
  defaultSeverity: 'error',
  summary: 'A Keepalived argument outside its range or allowed values.',
  check(context, report) {
    walkKeepalived(context, {
      item({ spec, item, uri }) {
        if (!spec) return;
        for (const { word, problem } of SPECIFIC[spec.name]?.(item) ?? []) {
          report({ ...at(word, uri), message: `Invalid argument for '${spec.name}': ${problem}.` });
        }
        const specs = positionalSpecs(spec);
        specs.forEach((arg, index) => {
          const word = item.args[index];
          if (!word || !isConcrete(word)) return;
          const problem = argumentProblem(arg, word.value);
          if (problem === undefined) return;
          report({
            ...at(word, uri),
            message: `Invalid <${arg.name}> for '${spec.name}': ${problem}.`,
            // keepalived 2.2.7 rejects `smtp_alert foo` but silently takes
            // `vrrp_skip_check_adv_addr maybe`: a bad boolean is only sure to be a mistake.
            ...(arg.type === 'bool' ? { severity: 'warning' as const } : {}),
          });
        });
      },
    });
  },
};
