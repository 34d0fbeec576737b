import type { Rule } from '../../common/rule.js';
import type { Statement, Word } from '../ast.js';
import type { HaproxyRuleContext } from './context.js';
import { symbolsOf } from './symbol-helpers.js';

const WEAK_VERSIONS = /^(?:SSLv3|TLSv1\.0|TLSv1\.1)$/;
const WEAK_FORCE = /^force-(?:sslv3|tlsv10|tlsv11)$/;

/** Yields the words that allow a protocol older than TLS 1.2 among `words`. */
function* weakWords(words: readonly Word[]): Iterable<Word> {
  for (let at = 0; at < words.length; at++) {
    const word = words[at];
    if (!word) continue;
    if (WEAK_FORCE.test(word.value)) yield word;
    const next = words[at + 1];
    if (
      (word.value === 'ssl-min-ver' || word.value === 'ssl-max-ver') &&
      next &&
      WEAK_VERSIONS.test(next.value)
    ) {
      yield next;
    }
  }
}

/**
 * `ssl-min-ver`/`ssl-max-ver` below TLSv1.2 or `force-sslv3`/`force-tlsv10`/`force-tlsv11`, on
 * `bind`, `server`, `default-server` lines or in `ssl-default-bind-options` /
 * `ssl-default-server-options`: SSLv3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
 */
export const weakTlsVersion: Rule<HaproxyRuleContext> = {
  code: 'weak-tls-version',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A TLS setting allows SSLv3, TLS 1.0 or TLS 1.1.',
  check(context, report) {
    const symbols = symbolsOf(context);
    const lines: Statement[] = [
      ...symbols.global('ssl-default-bind-options'),
      ...symbols.global('ssl-default-server-options'),
    ];
    for (const proxy of symbols.proxies) {
      for (const keyword of ['bind', 'server', 'default-server', 'server-template']) {
        lines.push(...proxy.statements(keyword));
      }
    }
    for (const statement of lines) {
      for (const word of weakWords(statement.args)) {
        report({
          message: `'${word.value}' allows a protocol older than TLS 1.2; use 'ssl-min-ver TLSv1.2'.`,
          start: word.start,
          end: word.end,
        });
      }
    }
  },
};
