/**
 * Shared shape of the rules that check a reference to a named non-proxy section (`userlist`,
 * `cache`, `resolvers`, `peers`, `ring`, `mailers`, `http-errors`): each rule only says where its
 * references are; this file looks the names up and reports the missing ones with did-you-mean
 * fixes. One code per section kind, so that each can be tuned or silenced on its own.
 */
import type { Rule } from '../../common/rule.js';
import type { Severity } from '../../common/issue.js';
import type { Word } from '../ast.js';
import { isDynamicName, type HaproxySymbols, type NamedSectionKind } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { didYouMean, symbolsOf } from './symbol-helpers.js';

/** One place naming a section: the name is `word.value` or, when given, the `name` substring. */
export interface SectionReference {
  readonly word: Word;
  /** The referenced name when it is only part of the word (`ring@name`, `http_auth(name)`). */
  readonly name?: string;
  /** Offset of `name` in the document, when known exactly. */
  readonly nameStart?: number;
  /** What refers to it, for the message: `'filter cache'`, `server 's1'`. */
  readonly via: string;
}

/** Builds a rule reporting references to sections of `kind` that do not exist. */
export function sectionReferenceRule(options: {
  readonly code: string;
  readonly kind: NamedSectionKind;
  readonly severity: Severity;
  readonly summary: string;
  readonly collect: (symbols: HaproxySymbols) => Iterable<SectionReference>;
}): Rule<HaproxyRuleContext> {
  return {
    code: options.code,
    defaultSeverity: options.severity,
    summary: options.summary,
    check(context, report) {
      const symbols = symbolsOf(context);
      const seen = new Set<number>();
      for (const reference of options.collect(symbols)) {
        const { word } = reference;
        const name = reference.name ?? word.value;
        if (name === '' || isDynamicName(word) || name.includes('$')) continue;
        if (symbols.sectionsNamed(options.kind, name).length > 0) continue;
        const start = reference.nameStart ?? word.start;
        if (seen.has(start)) continue;
        seen.add(start);
        const exact =
          reference.nameStart !== undefined ||
          (reference.name === undefined && word.raw === word.value);
        const end = reference.nameStart !== undefined ? start + name.length : word.end;
        report({
          message: `${reference.via} refers to ${options.kind} '${name}', which is not defined.`,
          start,
          end,
          fixes: exact ? didYouMean(name, start, end, symbols.names(options.kind)) : [],
        });
      }
    },
  };
}

/** Offset of `name` inside `word` when the word is written plainly, so fixes can target it. */
export function offsetIn(word: Word, index: number): number | undefined {
  return word.raw === word.value ? word.start + index : undefined;
}
