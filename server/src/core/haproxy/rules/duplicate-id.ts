import { duplicateGroups } from '../../common/duplicates.js';
import type { Rule } from '../../common/rule.js';
import type { Statement, Word } from '../ast.js';
import { lineOptionMap } from '../analysis/resolve.js';
import type { HaproxyRuleContext } from './context.js';
import { atolInt } from './option-value-helpers.js';
import { describeProxy, relatedAt, symbolsOf } from './symbol-helpers.js';

interface IdUse {
  readonly statement: Statement;
  readonly word: Word;
}

/** The number HAProxy reads from a server `id` (atol) or a bind `id` (whole integer). */
function idValue(word: Word, bind: boolean): number | undefined {
  if (word.hasVariable || word.template) return undefined;
  if (bind) return /^\+?\d+$/.test(word.value) ? Number(word.value) : undefined;
  const value = atolInt(word.value);
  return value > 0 ? value : undefined;
}

/**
 * Two servers of one backend, or two `bind` lines of one frontend, with the same `id`. HAProxy
 * refuses the second one ("custom id N already used"), so this is an error. Servers and binds
 * have separate numberings, ids are compared as numbers (`07` is 7), and lines in different arms
 * of one `.if` block are alternatives.
 */
export const duplicateId: Rule<HaproxyRuleContext> = {
  code: 'duplicate-id',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'Two servers of one backend, or two binds of one frontend, share an id.',
  check(context, report) {
    const symbols = symbolsOf(context);
    const scan = (
      kind: 'server' | 'bind',
      lines: readonly { statement: Statement; id: Word | undefined }[],
      owner: string,
    ): void => {
      const uses: (IdUse & { value: number })[] = [];
      for (const { statement, id } of lines) {
        const value = id ? idValue(id, kind === 'bind') : undefined;
        if (id && value !== undefined) uses.push({ statement, word: id, value });
      }
      const groups = duplicateGroups(
        uses,
        (use) => String(use.value),
        (use) => String(use.statement.branch),
        (earlier, later) =>
          !symbols.activity.exclusive(earlier.statement.branch, later.statement.branch),
      );
      for (const { first, duplicates } of groups) {
        for (const use of duplicates) {
          report({
            message: `${owner} already has a ${kind} with id ${use.value}.`,
            start: use.word.start,
            end: use.word.end,
            related: [relatedAt(context, first.word, 'first used here')],
          });
        }
      }
    };
    for (const proxy of symbols.proxies) {
      if (proxy.kind === 'defaults') continue;
      const owner = describeProxy(proxy);
      scan(
        'server',
        proxy.servers
          .filter((server) => !server.template)
          .map((server) => ({
            statement: server.statement,
            id: server.options.get('id')?.args[0],
          })),
        owner,
      );
      scan(
        'bind',
        proxy.statements('bind').map((statement) => ({
          statement,
          id: lineOptionMap(statement).get('id')?.args[0],
        })),
        owner,
      );
    }
  },
};
