/**
 * Migrating a `haproxy.cfg` to a target version: every keyword, action and option the catalog
 * marks removed or deprecated there, rewritten when the rewrite is exact, listed otherwise.
 *
 * What is removed or deprecated, and the plain renames, come from the catalog through
 * {@link entriesIn} (the same walk as the removed-keyword and deprecated-keyword rules). This
 * file only adds the rewrites that change a line's shape: the regex header rules whose regex
 * names one header, lines whose removal changes nothing, and `nbproc`.
 */
import type { TextEdit } from '../common/issue.js';
import type { HaproxyDocument } from '../document.js';
import { majorMinor } from './catalog/index.js';
import type { Statement, Word } from './ast.js';
import { liveStatements } from './rules/catalog-helpers.js';
import { advice, entriesIn, type UsedEntry } from './rules/lifecycle-helpers.js';
import type { HaproxyRuleContext } from './rules/context.js';

/** One removed or deprecated entry of a file and what a migration does with it. */
export interface HaproxyMigrationStep {
  /** The keyword, action or option as the catalog names it. */
  readonly keyword: string;
  /** Offset of the entry's first word. */
  readonly start: number;
  /** The edits that migrate it; absent when it needs a person's judgement. */
  readonly edits?: readonly TextEdit[];
  /** Why it was left alone (absent when `edits` are given). */
  readonly reason?: string;
  readonly docUrl: string;
}

/** Lines that HAProxy no longer needs: removing them changes nothing at the target version. */
const REMOVABLE_LINES = new Set([
  'option http-use-htx',
  'option http-tunnel',
  'bind-process',
  'stats bind-process',
  'resolution_pool_size',
]);

/** An HTTP header name that is also a plain regex (no metacharacter) and a plain word. */
const HEADER_NAME = '[A-Za-z0-9_-]+';

/** Whole-line rewrites of a regex header rule: the new rule set, and what its shape does. */
const HEADER_RULES: Readonly<Record<string, { readonly ruleset: string; readonly kind: string }>> =
  {
    reqadd: { ruleset: 'http-request', kind: 'add' },
    rspadd: { ruleset: 'http-response', kind: 'add' },
    reqdel: { ruleset: 'http-request', kind: 'del' },
    reqidel: { ruleset: 'http-request', kind: 'del' },
    rspdel: { ruleset: 'http-response', kind: 'del' },
    rspidel: { ruleset: 'http-response', kind: 'del' },
    reqrep: { ruleset: 'http-request', kind: 'rep' },
    rsprep: { ruleset: 'http-response', kind: 'rep' },
  };

/** The whole line of `statement`, its line break included. */
function lineSpan(document: HaproxyDocument, statement: Statement): TextEdit {
  const { lineIndex, text } = document;
  const line = lineIndex.positionAt(statement.start).line;
  const start = lineIndex.offsetAt({ line, character: 0 });
  const next = lineIndex.offsetAt({ line: line + 1, character: 0 });
  return { start, end: next > start ? next : text.length, text: '' };
}

/** Replaces the line's words up to its condition (kept as written) with `text`. */
function replaceHead(statement: Statement, head: readonly Word[], text: string): TextEdit {
  const first = statement.words[0];
  const last = head[head.length - 1];
  return { start: first?.start ?? statement.start, end: last?.end ?? statement.end, text };
}

/** A header value as one HAProxy word of a log-format argument, or undefined when unsure. */
function formatWord(value: string): string | undefined {
  // `$`, quotes and backslashes would each need an escape whose reading differs by context.
  if (value === '' || /["'\\$]/.test(value)) return undefined;
  const escaped = value.replace(/%/g, '%%');
  return /^[A-Za-z0-9._~:/=+,;@()*!?&<>[\]{}|^-]+$/.test(escaped) ? escaped : `"${escaped}"`;
}

/** The regex rule's words: the line must be `<keyword> <args…> [if|unless …]`. */
function splitRule(statement: Statement, count: number): readonly Word[] | undefined {
  const words = statement.words;
  const tail = words[count + 1];
  if (words.length < count + 1) return undefined;
  if (tail !== undefined && tail.value !== 'if' && tail.value !== 'unless') return undefined;
  const head = words.slice(0, count + 1);
  return head.some((word) => word.hasVariable || word.template) ? undefined : head;
}

/** The rewrite of a regex header rule, or why it needs a person. */
function headerRule(statement: Statement, name: string): TextEdit | string {
  const rule = HEADER_RULES[name];
  if (rule === undefined) return 'the rule has no mechanical replacement';
  if (rule.kind === 'add') {
    const head = splitRule(statement, 1);
    const header = head?.[1]?.value ?? '';
    const match = new RegExp(`^(${HEADER_NAME}):[ \\t]*(.*)$`).exec(header);
    const value = match?.[2] !== undefined ? formatWord(match[2]) : undefined;
    if (!head || !match || value === undefined) {
      return 'the added line is not a plain `Name: value` header';
    }
    return replaceHead(statement, head, `${rule.ruleset} add-header ${match[1]} ${value}`);
  }
  if (rule.kind === 'del') {
    const head = splitRule(statement, 1);
    const match = new RegExp(`^\\^(${HEADER_NAME}):(\\.\\*)?$`).exec(head?.[1]?.raw ?? '');
    if (!head || !match) return 'the regex does not name exactly one header';
    return replaceHead(statement, head, `${rule.ruleset} del-header ${match[1]}`);
  }
  const head = splitRule(statement, 2);
  const search = new RegExp(`^\\^(${HEADER_NAME}):\\\\ (.+)$`).exec(head?.[1]?.raw ?? '');
  const replace = new RegExp(`^(${HEADER_NAME}):\\\\ (.+)$`).exec(head?.[2]?.raw ?? '');
  if (!head || !search?.[2] || !replace?.[2] || search[1] !== replace[1]) {
    return 'the regex does not rewrite the value of one named header (a request line or a renamed header needs replace-path, replace-uri or a new rule)';
  }
  // A leading quantifier would apply to the space the new rule no longer sees; `\0` is the whole
  // line in the old rule but the value in the new one.
  if (/^[*+?{]/.test(search[2]) || replace[2].includes('\\0')) {
    return 'the regex reads more than the header value';
  }
  const regex = search[2].startsWith('^') ? search[2] : `^${search[2]}`;
  return replaceHead(
    statement,
    head,
    `${rule.ruleset} replace-header ${search[1]} ${regex} ${replace[2].replace(/%/g, '%%')}`,
  );
}

/** `nbproc 1` goes; `nbproc N` becomes `nbthread N` unless threads are already set. */
function nbproc(
  document: HaproxyDocument,
  used: UsedEntry,
  hasNbthread: boolean,
): TextEdit | string {
  const value = used.statement.args[0];
  if (!value || !/^\d+$/.test(value.value)) return 'the process count is not a plain number';
  if (Number(value.value) === 1) return lineSpan(document, used.statement);
  if (hasNbthread) return 'the file sets nbthread too: choose the thread count by hand';
  const keyword = used.words[0];
  return { start: keyword?.start ?? 0, end: keyword?.end ?? 0, text: 'nbthread' };
}

/** What a migration of `document` to HAProxy `version` does with each entry, in file order. */
export function haproxyMigration(
  document: HaproxyDocument,
  version: string,
): HaproxyMigrationStep[] {
  const context: HaproxyRuleContext = {
    document,
    settings: { version: majorMinor(version), severities: {} },
  };
  const hasNbthread = liveStatements(context).some(
    (entry) => entry.owner.kind === 'global' && entry.match?.spec.name === 'nbthread',
  );
  const steps: HaproxyMigrationStep[] = [];
  // A line rewritten whole takes its other entries (an option of a removed line) with it.
  const rewritten = new Set<Statement>();
  for (const state of ['removed', 'deprecated'] as const) {
    for (const used of entriesIn(context, state)) {
      const start = used.words[0]?.start ?? used.statement.start;
      const base = { keyword: used.name, start, docUrl: used.docUrl };
      if (rewritten.has(used.statement)) continue;
      let result: TextEdit | string | undefined;
      let whole = used.what === 'keyword';
      if (used.rewrite !== undefined) {
        const last = used.words[used.words.length - 1];
        result = { start, end: last?.end ?? start, text: used.rewrite };
        whole = false;
      } else if (used.what === 'keyword' && REMOVABLE_LINES.has(used.name)) {
        result = lineSpan(document, used.statement);
      } else if (used.what === 'keyword' && used.name === 'nbproc') {
        result = nbproc(document, used, hasNbthread);
      } else if (used.what === 'keyword' && HEADER_RULES[used.name] !== undefined) {
        result = headerRule(used.statement, used.name);
      }
      if (result === undefined || typeof result === 'string') {
        const when = state === 'removed' ? 'removed' : 'deprecated';
        const since = used.lifecycle?.since;
        steps.push({
          ...base,
          reason: `${result ?? 'no mechanical replacement'}; ${when}${since ? ` since HAProxy ${since}` : ''}.${advice(used.lifecycle)}`,
        });
        continue;
      }
      if (whole) rewritten.add(used.statement);
      steps.push({ ...base, edits: [result] });
    }
  }
  return steps.sort((a, b) => a.start - b.start);
}
