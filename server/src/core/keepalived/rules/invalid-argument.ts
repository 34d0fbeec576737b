import { compareVersions, type ArgSpec } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './context.js';
import type { KeepalivedItem, KeepalivedWord } from '../ast.js';
import { addressProblem } from './addresses.js';
import { argumentProblem, positionalSpecs } from './arguments.js';
import { replaceWordFix } from './helpers.js';
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

/** Longest `interval`/`timeout` of a vrrp_script keepalived 2.2.7 takes (seconds). */
const SCRIPT_TIME_MAX = 4294;

/**
 * `interval` and `timeout` of a `vrrp_script`: keepalived 2.2.7 wants a whole number of seconds
 * from 1 to 4294 ("must be between 1 and 4294", "must be greater than 0"); the development head
 * documents decimals, so from target 2.3 on only a positive number is required.
 */
function scriptTimeProblem(value: string, version: string): string | undefined {
  if (compareVersions(version, '2.3') < 0) {
    if (!/^\d+$/.test(value)) return `'${value}' is not a whole number of seconds`;
    const seconds = Number(value);
    return seconds >= 1 && seconds <= SCRIPT_TIME_MAX
      ? undefined
      : `${seconds} is outside the range 1…${SCRIPT_TIME_MAX}`;
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return `'${value}' is not a number of seconds`;
  return Number(value) > 0 ? undefined : 'it must be more than 0';
}

/**
 * Enums keepalived compares exactly (2.2.7 -t rejects `state master`, `auth_type pass`,
 * `lb_algo RR`, `lb_kind nat`); others, such as `protocol`, it reads in any case.
 */
const CASE_SENSITIVE: ReadonlySet<string> = new Set([
  'state',
  'auth_type',
  'lb_algo',
  'lvs_sched',
  'lb_kind',
  'lvs_method',
]);

/** The spelling keepalived wants when `value` only differs from an allowed one by case. */
function exactSpelling(arg: ArgSpec, keyword: string, value: string): string | undefined {
  if (arg.type !== 'enum' || !CASE_SENSITIVE.has(keyword)) return undefined;
  const values = arg.values ?? [];
  if (values.includes(value)) return undefined;
  return values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
}

/** The boolean words keepalived 2.2.7 accepts, exactly as written (`ON`, `Yes`, `0` fail). */
const BOOLEAN_WORDS: readonly string[] = ['on', 'off', 'true', 'false', 'yes', 'no'];

/**
 * Boolean keywords (`<block>:<keyword>`) whose bad value keepalived 2.2.7 silently takes
 * (`-t` exits 0 with `maybe`, `0` or `ON`); every other boolean it rejects with exit 5
 * ("invalid strict_mode 0 specified", "Invalid alpha parameter maybe").
 */
const LENIENT_BOOLEANS: ReadonlySet<string> = new Set([
  'global_defs:vrrp_skip_check_adv_addr',
  'virtual_server:alpha',
  'virtual_server:inhibit_on_failure',
]);

/** The boolean word meant by a common other spelling (`1`, `ON`), if any. */
function booleanSpelling(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (BOOLEAN_WORDS.includes(lower)) return lower;
  if (value === '1') return 'on';
  if (value === '0') return 'off';
  return undefined;
}

/**
 * Checks a boolean word: an error where keepalived rejects it, a warning where it silently
 * takes it (the value is still probably not what was meant).
 */
function checkBoolean(
  word: KeepalivedWord,
  key: string,
  argName: string,
  keyword: string,
  uri: string | undefined,
  report: Parameters<Rule<KeepalivedRuleContext>['check']>[1],
): void {
  if (BOOLEAN_WORDS.includes(word.value)) return;
  const lenient = LENIENT_BOOLEANS.has(key);
  // Where keepalived does not look at the word, only a word that is no boolean at all is flagged.
  if (lenient && BOOLEAN_WORDS.includes(word.value.toLowerCase())) return;
  const spelling = booleanSpelling(word.value);
  report({
    ...at(word, uri),
    message: `Invalid <${argName}> for '${keyword}': '${word.value}' is not a boolean; Keepalived ${
      lenient ? 'ignores it' : 'rejects it'
    } (write on/off, true/false or yes/no, in lower case).`,
    ...(lenient ? { severity: 'warning' as const } : {}),
    fixes:
      spelling !== undefined && uri === undefined
        ? [
            {
              ...replaceWordFix(word, spelling, `Write ${spelling}`),
              // `ON` → `on` only changes the case; `1` → `on` reads a number as a boolean, which
              // the author should confirm, so fix-all leaves it.
              ...(spelling === word.value.toLowerCase() ? { safe: true } : {}),
            },
          ]
        : [],
  });
}

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
      item({ spec, item, uri, context: block }) {
        if (!spec) return;
        if (block === 'vrrp_script' && (spec.name === 'interval' || spec.name === 'timeout')) {
          const word = item.args[0];
          const problem =
            word && isConcrete(word)
              ? scriptTimeProblem(word.value, context.settings.version)
              : undefined;
          if (word && problem !== undefined) {
            report({
              ...at(word, uri),
              message: `Invalid <seconds> for '${spec.name}': ${problem}.`,
            });
          }
          return;
        }
        for (const { word, problem } of SPECIFIC[spec.name]?.(item) ?? []) {
          report({ ...at(word, uri), message: `Invalid argument for '${spec.name}': ${problem}.` });
        }
        const specs = positionalSpecs(spec);
        specs.forEach((arg, index) => {
          const word = item.args[index];
          if (!word || !isConcrete(word)) return;
          const spelling = exactSpelling(arg, spec.name, word.value);
          if (spelling !== undefined) {
            report({
              ...at(word, uri),
              message: `Invalid <${arg.name}> for '${spec.name}': Keepalived only accepts '${spelling}', in that case.`,
              // Only the letter case changes: one outcome, safe for fix-all.
              fixes:
                uri === undefined
                  ? [{ ...replaceWordFix(word, spelling, `Write ${spelling}`), safe: true }]
                  : [],
            });
            return;
          }
          if (arg.type === 'bool') {
            checkBoolean(word, `${block}:${spec.name}`, arg.name, spec.name, uri, report);
            return;
          }
          const problem = argumentProblem(arg, word.value);
          if (problem === undefined) return;
          report({
            ...at(word, uri),
            message: `Invalid <${arg.name}> for '${spec.name}': ${problem}.`,
          });
        });
      },
    });
  },
};
