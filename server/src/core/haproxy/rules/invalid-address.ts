import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { addressProblem, type AddressUse } from './address-helpers.js';
import { liveStatements, opaque } from './catalog-helpers.js';
import type { HaproxyRuleContext } from './context.js';
import { symbolsOf } from './symbol-helpers.js';

const PROXY_KINDS = new Set(['defaults', 'frontend', 'backend', 'listen']);

/** The address word of a statement and how it is used, or undefined when it has none. */
function addressOf(
  kind: string,
  keyword: string,
  args: readonly Word[],
): { word: Word; use: AddressUse; limits: boolean } | undefined {
  if (PROXY_KINDS.has(kind)) {
    // `bind` and `server` octets and port maximums are checked by invalid-argument.
    if (keyword === 'bind' && args[0]) return { word: args[0], use: 'bind', limits: false };
    if (keyword === 'server' && args[1]) return { word: args[1], use: 'server', limits: false };
    if (keyword === 'server-template' && args[2]) {
      return { word: args[2], use: 'server', limits: true };
    }
    if (keyword === 'source' && args[0]) return { word: args[0], use: 'source', limits: true };
  }
  if (keyword === 'log' && (PROXY_KINDS.has(kind) || kind === 'global')) {
    const word = args[0];
    if (word && word.value !== 'global') return { word, use: 'log', limits: true };
  }
  if (kind === 'peers') {
    if ((keyword === 'peer' || keyword === 'server') && args[1]) {
      return { word: args[1], use: 'peer', limits: true };
    }
    if (keyword === 'bind' && args[0]) return { word: args[0], use: 'bind', limits: true };
  }
  if (kind === 'resolvers' && keyword === 'nameserver' && args[1]) {
    return { word: args[1], use: 'nameserver', limits: true };
  }
  return undefined;
}

/**
 * An address HAProxy's address parser refuses: a port that does not start with a digit
 * (`:https`), a port range or offset where none is allowed, a `bind` or `nameserver` address
 * without a port, port 0 on a listener, an address prefix unknown at the target version
 * (`abnsz@`, `rhttp@`, `quic+ipv4@`, `log backend@` before they existed), a datagram or QUIC
 * address towards a server, or an IPv4 octet above 255 in `source`, `server-template`, `peer`,
 * `nameserver` and `log` addresses, or an empty quoted address. `haproxy -c` refuses each, so this is an error; host names,
 * environment variables and template spans are never judged.
 */
export const invalidAddress: Rule<HaproxyRuleContext> = {
  code: 'invalid-address',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An address HAProxy cannot parse (port, prefix, range, socket type).',
  check(context, report) {
    const version = context.settings.version;
    const symbols = symbolsOf(context);
    for (const entry of liveStatements(context)) {
      const section = entry.owner;
      if (entry.match?.negated === true) continue;
      const statement = entry.statement;
      const found = addressOf(section.kind, statement.keyword.value, statement.args);
      if (found && !opaque(found.word) && !found.word.value.includes('%')) {
        const problem =
          found.word.value === ''
            ? 'the address is empty'
            : addressProblem(
                found.word.value,
                found.use,
                version,
                found.limits,
                // Log backends (`mode log`) send to UDP servers.
                found.use === 'server' && symbols.proxyOf(section.section)?.mode === 'log',
              );
        if (problem !== undefined) {
          report({
            message: `Invalid address on '${statement.keyword.value}' line: ${problem}.`,
            start: found.word.start,
            end: found.word.end,
          });
        }
      }
      const check = (word: Word | undefined, use: AddressUse, what: string): void => {
        if (!word || opaque(word) || word.value === '') return;
        const problem = addressProblem(word.value, use, version, use === 'server-source');
        if (problem !== undefined) {
          report({
            message: `Invalid '${what}' address: ${problem}.`,
            start: word.start,
            end: word.end,
          });
        }
      };
      // Server options taking an address: `source` like the proxy keyword with a port range
      // allowed; `usesrc` after it, `addr` and `socks4` without a port offset ("port offset not
      // permitted here"), `socks4` with a port ("missing port specification").
      for (const option of entry.options ?? []) {
        if (!option.spec) break;
        if (option.negated) continue;
        const name = option.spec.name;
        if (name === 'source') {
          check(option.args[0], 'server-source', 'source');
        } else if (name === 'usesrc') {
          const target = option.args[0];
          if (target && !/^(?:client|clientip|hdr_ip\()/.test(target.value)) {
            check(target, 'fixed-port', 'usesrc');
          }
        } else if (name === 'addr') {
          check(option.args[0], 'fixed-port', 'addr');
        } else if (name === 'socks4') {
          check(option.args[0], 'socks4', 'socks4');
        }
      }
      // `tcp-check connect addr <address>`.
      if (statement.keyword.value === 'tcp-check' && statement.args[0]?.value === 'connect') {
        const at = statement.args.findIndex((word) => word.value === 'addr');
        if (at > 0) check(statement.args[at + 1], 'fixed-port', 'tcp-check connect addr');
      }
    }
  },
};
