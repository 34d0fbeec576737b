import { compareVersions, type ArgSpec } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import type { ListGrammar, ListOption } from '../catalog/types.js';
import type { KeepalivedRuleContext } from './context.js';
import { addressProblem } from './addresses.js';
import { argumentProblem } from './arguments.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

const SCOPES = ['site', 'link', 'host', 'nowhere', 'global'];

/** Route and rule options whose value keepalived parses as an address ("VRRP parsed invalid IP"). */
const ROUTE_ADDRESS_OPTIONS = ['from', 'to', 'via', 'src'];
/** Words keepalived takes in place of a route or rule address (checked with 2.2.7 -t). */
const ADDRESS_WORDS = ['all', 'any', 'default'];
/** `via inet6 fe80::1`: the family word comes first and the address after it is not checked. */
const FAMILY_WORDS = ['inet', 'inet6'];

/** Longest interface label the kernel takes (IFNAMSIZ - 1). */
const MAX_LABEL = 15;

/** Why the value of one option of a list line is wrong, or undefined. */
function optionProblem(
  kind: ListGrammar['kind'],
  option: string,
  arg: ArgSpec,
  value: string,
): string | undefined {
  if ((kind === 'route' || kind === 'rule') && ROUTE_ADDRESS_OPTIONS.includes(option)) {
    return routeAddressProblem(value);
  }
  if (kind === 'vip') {
    if (option === 'scope') {
      const known = SCOPES.includes(value) || /^\d+$/.test(value);
      return known ? undefined : `'${value}' is not a scope (${SCOPES.join(', ')} or a number)`;
    }
    // "VRRP is trying to assign invalid broadcast …"; `+`/`-` derive it from the prefix.
    if (option === 'brd' || option === 'broadcast') {
      return value === '+' || value === '-' ? undefined : addressProblem(value);
    }
    // "Address label … is longer than maximum length 15 - removing address".
    if (option === 'label' && value.length > MAX_LABEL) {
      return `'${value}' is longer than ${MAX_LABEL} characters`;
    }
  }
  return argumentProblem(arg, value);
}

/** Why a route/rule address option value is wrong, or undefined. */
function routeAddressProblem(value: string): string | undefined {
  if (ADDRESS_WORDS.includes(value) || FAMILY_WORDS.includes(value)) return undefined;
  // Zone suffixes (`fe80::1%eth0`) were not checked against keepalived: leave them alone.
  if (value.includes('%')) return undefined;
  return addressProblem(value);
}

/**
 * Why an address option does not exist where it is written: too new for the target version or
 * not taken by this list (`use_vmac` in `static_ipaddress`); empty when it is available.
 */
function unavailable(option: ListOption, list: string, version: string): string {
  if (option.since !== undefined && compareVersions(version, option.since) < 0) {
    return `needs Keepalived ${option.since}`;
  }
  if (option.onlyIn !== undefined && !option.onlyIn.includes(list)) {
    return `is not taken in ${list}`;
  }
  return '';
}

/** Whether the option reads its value words at the target version (`use_vmac <name>`). */
function takesArgs(option: ListOption, version: string): boolean {
  return option.argsSince === undefined || compareVersions(version, option.argsSince) >= 0;
}

/**
 * A value line of a list block keepalived rejects: a `virtual_ipaddress` entry that is not an IP
 * address or has a prefix too long for its family, an unknown `scope`, a route or rule address
 * (`from`, `to`, `via`, `src`) that is no address, or an option value out of range (`weight 300`
 * in `track_script`). keepalived skips the entry and fails the config test.
 */
export const invalidListValue: Rule<KeepalivedRuleContext> = {
  code: 'invalid-list-value',
  defaultSeverity: 'error',
  summary: 'A Keepalived list-block entry with an invalid address or option value.',
  check(context, report) {
    const version = context.settings.version;
    walkKeepalived(context, {
      value({ item, list, uri }) {
        const grammar = list.list;
        if (!grammar) return;
        const words = [item.keyword, ...item.args];
        // keepalived: "malformed unicast peer address[lb-b.example.org]. Skipping...".
        if (grammar.kind === 'vip' || grammar.kind === 'peer') {
          const problem = addressProblem(item.keyword.value);
          if (problem !== undefined) {
            report({
              ...at(item.keyword, uri),
              message: `Keepalived skips this entry: ${problem}.`,
            });
          }
        }
        if (grammar.manyPerLine) return;
        // Options follow the head; in route and rule lines unknown words are left alone (their
        // syntax is open), in address lines keepalived rejects them.
        for (let index = grammar.head.length; index < words.length; index++) {
          const word = words[index];
          if (!word || !isConcrete(word)) return;
          const option = grammar.options.find((candidate) => candidate.name === word.value);
          if (!option) {
            // "Unknown configuration entry 'foo' for ip address - ignoring".
            if (grammar.kind === 'vip') {
              report({
                ...at(word, uri),
                message: `Unknown address option '${word.value}'; Keepalived ignores it and fails the config test.`,
              });
            }
            continue;
          }
          const missing = grammar.kind === 'vip' ? unavailable(option, list.name, version) : '';
          if (missing !== '') {
            report({
              ...at(word, uri),
              message: `Address option '${word.value}' ${missing}; Keepalived reports it as unknown and fails the config test.`,
            });
            continue;
          }
          let taken = 0;
          const args = takesArgs(option, version) ? option.args : [];
          for (const arg of args) {
            const value = words[index + 1 + taken];
            const isOption =
              value !== undefined && grammar.options.some((other) => other.name === value.value);
            if (arg.optional === true && (value === undefined || isOption)) break;
            taken++;
            if (!value) {
              // "No dev parameter specified for 10.0.0.1/24".
              if (grammar.kind === 'vip') {
                report({
                  ...at(word, uri),
                  message: `'${option.name}' needs a value here; Keepalived skips the address.`,
                });
              }
              break;
            }
            if (!isConcrete(value)) continue;
            const problem = optionProblem(grammar.kind, option.name, arg, value.value);
            if (problem !== undefined) {
              report({ ...at(value, uri), message: `Invalid ${option.name} value: ${problem}.` });
            }
          }
          index += taken;
        }
      },
    });
  },
};
