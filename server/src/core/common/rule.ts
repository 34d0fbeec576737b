import type { Issue, Severity } from './issue.js';

/** What a rule reports: an issue without the fields the runner fills in. */
export type Finding = Omit<Issue, 'code' | 'severity' | 'source'> & {
  /** Overrides the rule's default severity for this one finding (e.g. error for one version). */
  readonly severity?: Severity;
};

/**
 * One validation rule: a stable kebab-case code, a default severity and a check. Rules live one
 * per file and are listed in their language's `rules/index.ts`, which is also what the rule
 * documentation and the settings are checked against.
 *
 * @typeParam C - what the rule inspects (the language's analysed document).
 */
export interface Rule<C> {
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line for the rule index and the SARIF rule list. */
  readonly summary: string;
  /**
   * `section`: the rule's findings inside a section depend on that section, the `global` and
   * `defaults` sections and the settings alone, never on another section, and every finding (its
   * related places and fix edits too) lies inside the section it is about. After an edit such a
   * rule runs only on the sections the edit touched (HAProxy, see `haproxy/rules/run.ts`). Leave it
   * out when in doubt: the rule then runs on the whole document every time.
   */
  readonly scope?: 'section';
  check(context: C, report: (finding: Finding) => void): void;
}

/**
 * Runs rules over one context. A rule that throws is a bug, but it must never cost the user the
 * other rules' findings, so its exception is swallowed and reported through `onError`.
 */
export function runRules<C>(
  rules: readonly Rule<C>[],
  context: C,
  source: Issue['source'],
  onError: (code: string, error: unknown) => void = () => undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const rule of rules) {
    try {
      rule.check(context, (finding) =>
        issues.push({
          ...finding,
          code: rule.code,
          severity: finding.severity ?? rule.defaultSeverity,
          source,
        }),
      );
    } catch (error) {
      onError(rule.code, error);
    }
  }
  return issues;
}
