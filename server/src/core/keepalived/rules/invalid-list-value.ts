import type { Rule } from '../../common/rule.js';
import type { KeepalivedRuleContext } from './index.js';
import { addressProblem } from './addresses.js';
import { argumentProblem } from './arguments.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

const SCOPES = ['site', 'link', 'host', 'nowhere', 'global'];

/**
 * A value line of a list block keepalived rejects: a `virtual_ipaddress` entry that is not an IP
 * address or has a prefix too long for its family, an unknown `scope`, or an option value out of
 * range (`weight 300` in `track_script`). keepalived skips the entry and fails the config test.
 */
export const invalidListValue: Rule<KeepalivedRuleContext> = {
  code: 'invalid-list-value',
  defaultSeverity: 'error',
  summary: 'A Keepalived list-block entry with an invalid address or option value.',
  check(context, report) {
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
        // Options follow the head; only known option names are checked (route syntax is open).
        for (let index = grammar.head.length; index < words.length; index++) {
          const word = words[index];
          if (!word || !isConcrete(word)) return;
          const option = grammar.options.find((candidate) => candidate.name === word.value);
          if (!option) continue;
          option.args.forEach((arg, offset) => {
            const value = words[index + 1 + offset];
            if (!value || !isConcrete(value)) return;
            let problem = argumentProblem(arg, value.value);
            if (grammar.kind === 'vip' && option.name === 'scope') {
              const known = SCOPES.includes(value.value) || /^\d+$/.test(value.value);
              problem = known
                ? undefined
                : `'${value.value}' is not a scope (${SCOPES.join(', ')} or a number)`;
            }
            if (problem !== undefined) {
              report({ ...at(value, uri), message: `Invalid ${option.name} value: ${problem}.` });
            }
          });
          index += option.args.length;
        }
      },
    });
  },
};
