/**
 * Inlay hints for HAProxy: after a `server` line, the options it inherits from `default-server`
 * lines (its own section's and its defaults'); after a time written without a unit, the `ms` HAProxy
 * reads it as.
 */
import type { InlayHint } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { Statement, Word } from '../haproxy/ast.js';
import { lineOptionMap, takesOptions } from '../haproxy/analysis/resolve.js';
import { haproxySymbols } from '../haproxy/analysis/symbols.js';
import { lookupKeyword } from '../haproxy/catalog/index.js';

const BARE_NUMBER = /^\d+$/;

/** Inlay hints of the lines `[fromLine, toLine]` (0-based, inclusive) of a document. */
export function getInlayHints(
  document: ParsedDocument,
  fromLine: number,
  toLine: number,
  version: string,
): InlayHint[] {
  if (document.languageId !== 'haproxy') return [];
  const { lineIndex } = document;
  const from = lineIndex.lineStart(fromLine);
  const to = lineIndex.lineEnd(toLine);
  const hints: InlayHint[] = [];
  const milliseconds = (word: Word | undefined): void => {
    if (!word || word.end < from || word.start > to || !BARE_NUMBER.test(word.raw)) return;
    hints.push({
      position: lineIndex.positionAt(word.end),
      label: 'ms',
      kind: 1,
      tooltip: 'A time without a unit is read as milliseconds.',
    });
  };
  const statementTimes = (statement: Statement, section: string): void => {
    const keyword = statement.keyword.value;
    if (takesOptions(keyword)) {
      for (const [, use] of lineOptionMap(statement)) {
        if (use.negated) continue;
        use.spec?.args.forEach((arg, at) => {
          if (arg.type === 'time') milliseconds(use.args[at]);
        });
      }
      return;
    }
    const match = lookupKeyword(
      section,
      statement.words.map((word) => word.value),
    );
    if (!match) return;
    match.spec.args.forEach((arg, at) => {
      if (arg.type === 'time' && !arg.variadic) milliseconds(statement.words[match.length + at]);
    });
  };

  for (const section of document.parse.ast.sections) {
    if (section.end < from || section.start > to) continue;
    for (const item of section.items) {
      if (item.kind === 'statement' && item.end >= from && item.start <= to) {
        statementTimes(item, section.type);
      }
    }
  }

  const symbols = haproxySymbols(document.parse.ast, version);
  for (const proxy of symbols.proxies) {
    if (proxy.section.end < from || proxy.section.start > to) continue;
    if (proxy.defaultServer.size === 0) continue;
    for (const server of proxy.servers) {
      const statement = server.statement;
      if (statement.end < from || statement.start > to) continue;
      const inherited: string[] = [];
      for (const [name, use] of proxy.defaultServer) {
        if (name.startsWith('no-')) continue;
        if (server.options.has(name) || server.options.has(`no-${name}`)) continue;
        inherited.push([use.word.raw, ...use.args.map((word) => word.raw)].join(' '));
      }
      if (inherited.length === 0) continue;
      const last = statement.words[statement.words.length - 1] ?? statement.keyword;
      hints.push({
        position: lineIndex.positionAt(last.end),
        label: `inherits ${inherited.join(' ')}`,
        paddingLeft: true,
        tooltip: 'Options inherited from default-server lines.',
      });
    }
  }
  return hints.sort(
    (a, b) => a.position.line - b.position.line || a.position.character - b.position.character,
  );
}
