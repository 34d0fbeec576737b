import type { HaproxyRuleContext } from './context.js';
import type { Rule } from '../../common/rule.js';
import type { Word } from '../ast.js';
import { offsetIn, sectionReferenceRule, type SectionReference } from './section-reference.js';

const AUTH_FETCH = /\bhttp_auth(?:_group)?\(([^),]*)/g;

/**
 * `http_auth(<userlist>)` / `http_auth_group(<userlist>)` naming no `userlist` section: `haproxy -c`
 * rejects it ("unable to find userlist").
 */
export const undefinedUserlist: Rule<HaproxyRuleContext> = sectionReferenceRule({
  code: 'undefined-userlist',
  kind: 'userlist',
  severity: 'error',
  summary: 'http_auth or http_auth_group names a userlist that does not exist.',
  *collect(symbols) {
    for (const proxy of symbols.proxies) {
      for (const statement of proxy.body) {
        // An index loop: in this generator `for … of` allocated a result object per word.
        const words = statement.words;
        for (let w = 0; w < words.length; w++) {
          const word = words[w] as Word;
          if (!word.value.includes('http_auth')) continue;
          for (const match of word.value.matchAll(AUTH_FETCH)) {
            const name = (match[1] ?? '').trim();
            const index = (match.index ?? 0) + match[0].length - (match[1] ?? '').length;
            const reference: SectionReference = { word, name, via: 'http_auth' };
            const at = offsetIn(word, index);
            yield at === undefined ? reference : { ...reference, nameStart: at };
          }
        }
      }
    }
  },
});
