import { leadingInteger } from '../../common/leading-integer.js';
import type { Rule } from '../../common/rule.js';
import type { ResolvedSection, ResolvedStatement } from '../analysis/resolve.js';
import type { Word } from '../ast.js';
import { headWord } from '../build-ast.js';
import { suggestNames, valueAvailable } from '../catalog/index.js';
import type { HaproxyArgSpec } from '../catalog/index.js';
import { didYouMean, liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { keywordArgProblems, TIME_WORD } from './keyword-arg-checks.js';

/**
 * Keywords whose enumerated first argument HAProxy checks strictly and refuses when unknown
 * (`balance only supports …`, `unknown proxy mode`); other enums are left alone until their value
 * lists are confirmed against HAProxy.
 */
const ENUM_CHECKED = new Set(['balance', 'mode']);

/** Argument types judged by {@link numberProblem}. */
const NUMERIC_TYPES = new Set(['int', 'float', 'time', 'size']);

/** Address prefixes whose remainder is not a host and port (socket paths, file descriptors). */
const NON_INET_PREFIXES = new Set(['unix', 'abns', 'abnsz', 'fd', 'sockpair', 'uxst', 'uxdg']);

/** What is wrong with one address word, or undefined when nothing we can be sure of is. */
function addressProblem(value: string, rangeAllowed: boolean): string | undefined {
  let rest = value;
  const at = /^([a-z0-9+-]+)@/.exec(rest);
  if (at) {
    if (NON_INET_PREFIXES.has(at[1] ?? '')) return undefined;
    rest = rest.slice(at[0].length);
  }
  if (rest.startsWith('/')) return undefined;
  for (const part of rest.split(',')) {
    let host: string;
    let port: string | undefined;
    if (part.startsWith('[')) {
      const close = part.indexOf(']');
      if (close < 0) continue;
      host = '';
      port = part.slice(close + 1).replace(/^:/, '') || undefined;
    } else if (part.split(':').length > 2) {
      // Bare IPv6: HAProxy takes the text after the last colon as the port; too ambiguous to judge.
      continue;
    } else {
      const colon = part.indexOf(':');
      host = colon < 0 ? part : part.slice(0, colon);
      port = colon < 0 ? undefined : part.slice(colon + 1);
    }
    if (/^[\d.]+$/.test(host)) {
      const octets = host.split('.');
      const bad =
        octets.length > 4 ||
        octets.some((o) => o === '') ||
        (octets.length === 4 && octets.some((o) => Number(o) > 255));
      if (bad) return `'${host}' is not a valid IPv4 address`;
    }
    if (port === undefined) continue;
    const ports = rangeAllowed ? port.split('-') : [port.replace(/^[+-]/, '')];
    for (const p of ports) {
      if (!/^\d+$/.test(p)) continue;
      // str2sa_range reads ports with atoi: `4294967376` is 80, `2147483648` is negative.
      const n = leadingInteger(p);
      if (n < 0 || n > 65535) return `invalid port '${p}' (1 to 65535)`;
    }
  }
  return undefined;
}

/**
 * What is wrong with a number, time or size HAProxy refuses malformed (`strict` in the catalog):
 * it must start with a digit, and stay within `min`/`max` when HAProxy enforces them.
 */
function numberProblem(arg: HaproxyArgSpec, value: string): string | undefined {
  if (!NUMERIC_TYPES.has(arg.type)) return undefined;
  if (!/^[-+]?\d/.test(value)) {
    return `'${value}' is not a ${arg.type === 'int' ? 'number' : arg.type}`;
  }
  if (arg.strictRange !== true || !/^[-+]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  if ((arg.min !== undefined && n < arg.min) || (arg.max !== undefined && n > arg.max)) {
    const range =
      arg.max === undefined ? `at least ${arg.min ?? 0}` : `between ${arg.min ?? 0} and ${arg.max}`;
    return `'${value}' is out of range (${range})`;
  }
  return undefined;
}

/** True when a `server` line, or a `default-server` line of its section, names `resolvers`. */
function resolvedAtRuntime(section: ResolvedSection, entry: ResolvedStatement): boolean {
  const hasResolvers = (candidate: ResolvedStatement): boolean =>
    candidate.options?.some((option) => option.spec?.name === 'resolvers' && !option.negated) ===
    true;
  if (hasResolvers(entry)) return true;
  return section.statements.some(
    (other) => other.match?.spec.name === 'default-server' && hasResolvers(other),
  );
}

/**
 * An argument HAProxy cannot parse: a time with an unknown unit (`timeout connect 5x`, refused
 * with "unexpected character"), an IPv4 address with an octet above 255 or a port above 65535 on
 * a `bind` or `server` line. Only values HAProxy 2.6 refuses are checked, so this is an error;
 * words holding environment variables or template spans are never judged.
 */
export const invalidArgument: Rule<HaproxyRuleContext> = {
  code: 'invalid-argument',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An argument HAProxy cannot parse (time unit, balance/mode value, IPv4 address, port).',
  check(context, report) {
    for (const entry of liveStatements(context)) {
      const section = entry.owner;
      const spec = entry.match?.spec;
      if (!spec || entry.placement === 'unknown' || entry.match?.negated) continue;
      const flag = (word: Word, message: string): void =>
        report({ message, start: word.start, end: word.end });
      // Positional checks are only safe while every earlier argument is a required single word.
      for (let i = 0; i < spec.args.length; i++) {
        const arg = spec.args[i];
        if (!arg) break;
        const word = entry.args[i];
        if (arg.type === 'time' && word && !opaque(word) && !TIME_WORD.test(word.value)) {
          flag(
            word,
            `'${word.value}' is not a valid time for '${spec.name}': use digits with an optional unit (us, ms, s, m, h, d).`,
          );
        }
        if (arg.strict === true && word && !opaque(word) && word.quoting === 'none') {
          const problem = numberProblem(arg, word.value);
          if (problem !== undefined) flag(word, `${problem} for '${spec.name}'.`);
        }
        if (
          arg.type === 'enum' &&
          // A one-value enum is a literal sub-keyword (`type` of `stick-table`), not a value list.
          (ENUM_CHECKED.has(spec.name) || (arg.strict === true && (arg.values?.length ?? 0) > 1)) &&
          word &&
          !opaque(word) &&
          arg.values !== undefined
        ) {
          const paren = word.value.indexOf('(');
          const value =
            arg.callSuffix === true && paren > 0 ? word.value.slice(0, paren) : word.value;
          if (
            !arg.values.includes(value) ||
            !valueAvailable(arg, value, context.settings.version)
          ) {
            const suggestions = suggestNames(value, arg.values);
            flag(
              word,
              `'${value}' is not a valid ${arg.name} for '${spec.name}' in HAProxy ${context.settings.version}${didYouMean(suggestions)}`,
            );
          }
        }
        if (arg.optional === true || arg.variadic === true) break;
      }
      // Keywords with a grammar of their own (`log`, `cookie`, `stick-table`…).
      // The keyword's last word (`connect` of `timeout connect`).
      const keywordWord = headWord(entry.statement, (entry.match?.length ?? 1) - 1);
      if (keywordWord && !entry.args.some(opaque)) {
        const line = {
          keyword: spec.name,
          section: section.kind,
          args: entry.args,
          keywordWord,
          version: context.settings.version,
        };
        for (const problem of keywordArgProblems(line)) {
          if (problem.severity === undefined) flag(problem.word, problem.message);
          else {
            const { word, message, severity } = problem;
            report({ message, start: word.start, end: word.end, severity });
          }
        }
      }
      const address = entry.address;
      if (address && !opaque(address)) {
        const problem = addressProblem(address.value, spec.name === 'bind');
        if (problem !== undefined && spec.name === 'server' && resolvedAtRuntime(section, entry)) {
          // With a resolvers section HAProxy takes the address for a host name: it warns ("could
          // not resolve address") and starts with the server disabled instead of refusing.
          report({
            message: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}; with 'resolvers', HAProxy takes it for a host name that never resolves and starts with the server disabled.`,
            start: address.start,
            end: address.end,
            severity: 'warning',
          });
        } else if (problem !== undefined) {
          flag(address, `Invalid address on '${spec.name}' line: ${problem}.`);
        }
      }
    }
  },
};
