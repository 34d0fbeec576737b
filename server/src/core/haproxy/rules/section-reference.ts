/**
 * Shared shape of the rules that check a reference to a named non-proxy section (`userlist`,
 * `cache`, `resolvers`, `peers`, `ring`, `mailers`, `http-errors`): each rule only picks its
 * references among the reference table's sites; this file resolves them and reports the missing
 * ones with did-you-mean fixes. One code per section kind, so that each can be tuned or silenced
 * on its own.
 */
import type { Rule } from '../../common/rule.js';
import type { Severity } from '../../common/issue.js';
import type { HaproxyNameSite, HaproxyReferences } from '../analysis/references.js';
import { isDynamicName, type NamedSectionKind } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import { didYouMean, referencesOf } from './symbol-helpers.js';

/** One place naming a section, and what refers to it for the message (`'filter cache'`). */
interface SectionReference {
  readonly site: HaproxyNameSite;
  readonly via: string;
}

/** Builds a rule reporting references to sections of `kind` that do not exist. */
export function sectionReferenceRule(options: {
  readonly code: string;
  readonly kind: NamedSectionKind;
  readonly severity: Severity;
  readonly summary: string;
  readonly collect: (table: HaproxyReferences) => Iterable<SectionReference>;
}): Rule<HaproxyRuleContext> {
  return {
    code: options.code,
    defaultSeverity: options.severity,
    summary: options.summary,
    check(context, report) {
      const table = referencesOf(context);
      const seen = new Set<number>();
      for (const { site, via } of options.collect(table)) {
        const { name, start, end } = site;
        if (name === '' || isDynamicName(site.word) || name.includes('$')) continue;
        if (table.resolve(site).length > 0) continue;
        if (seen.has(start)) continue;
        seen.add(start);
        report({
          message: `${via} refers to ${options.kind} '${name}', which is not defined.`,
          start,
          end,
          fixes: site.exact ? didYouMean(name, start, end, table.liveNames(options.kind)) : [],
        });
      }
    },
  };
}
