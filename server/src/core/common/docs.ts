/** Home of the project; rule pages live under `docs/rules/` there. */
export const PROJECT_URL = 'https://github.com/ha-tooling/haproxy-keepalived';

/** Base of the rule pages: `<base>/<code>.md`. */
export const RULE_DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules`;

/** Page that explains one diagnostic code. */
export function ruleDocUrl(code: string, base: string = RULE_DOCS_BASE_URL): string {
  return `${base}/${encodeURIComponent(code)}.md`;
}
