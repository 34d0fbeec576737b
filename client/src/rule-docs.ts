/**
 * Which diagnostics have a rule page, and where the page lies in the extension. The pages ship in
 * the .vsix (`docs/rules/`), so "Show documentation" works without a network, while the
 * diagnostic's own link keeps pointing at the web page. Kept free of `vscode` imports so that unit
 * tests can load it outside the editor.
 */

/** Sources of the diagnostics this extension's server publishes. */
export const RULE_SOURCES: ReadonlySet<string> = new Set(['haproxy', 'keepalived', 'cluster']);

/** A rule code: kebab-case words, which also keeps the page path inside `docs/rules/`. */
const RULE_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether `code` can name a rule page. */
export function isRuleCode(code: unknown): code is string {
  return typeof code === 'string' && RULE_CODE.test(code);
}

/** The parts of an editor diagnostic this module reads (the `vscode.Diagnostic` shape). */
export interface DiagnosticLike {
  readonly source?: string | undefined;
  readonly code?: string | number | { readonly value: string | number; readonly target: unknown };
}

/** The rule code of a diagnostic of ours, or undefined for other extensions' diagnostics. */
export function ruleCodeOf(diagnostic: DiagnosticLike): string | undefined {
  if (diagnostic.source === undefined || !RULE_SOURCES.has(diagnostic.source)) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return isRuleCode(code) ? code : undefined;
}

/** Path segments of a rule's page below the extension root. */
export function ruleDocSegments(code: string): [string, string, string] {
  return ['docs', 'rules', `${code}.md`];
}

/** Rule codes from the file names of `docs/rules/` (the index page is not a rule). */
export function ruleCodesFromFiles(names: readonly string[]): string[] {
  return names
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => name.slice(0, -'.md'.length))
    .filter(isRuleCode)
    .sort();
}

/** Title of the code action that opens a rule's page. */
export function showDocumentationTitle(code: string): string {
  return `Show documentation for ${code}`;
}
