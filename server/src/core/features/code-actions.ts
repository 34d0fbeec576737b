/**
 * Quick fixes for the diagnostics the client sends back in a code-action request: the repairs the
 * rules attached to their findings, and "disable this rule on this line" for every diagnostic.
 */
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import type { Issue, QuickFix, TextEdit } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import type { DiagnosticFixData } from './diagnostics.js';
import { disableNextLineEdit } from '../common/suppressions.js';

const QUICKFIX = 'quickfix';

function fixData(diagnostic: Diagnostic): DiagnosticFixData | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const halint = (data as { halint?: unknown }).halint;
  if (typeof halint !== 'object' || halint === null) return undefined;
  const candidate = halint as Partial<DiagnosticFixData>;
  if (typeof candidate.start !== 'number' || typeof candidate.end !== 'number') return undefined;
  if (!Array.isArray(candidate.fixes)) return undefined;
  return candidate as DiagnosticFixData;
}

/** Core edits (offsets) as LSP edits of `document`, offsets kept inside its text. */
export function toLspEdits(document: ParsedDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  const { lineIndex } = document;
  const bounded = (offset: number): number => Math.max(0, Math.min(offset, document.text.length));
  return edits.map((edit) => ({
    range: {
      start: lineIndex.positionAt(bounded(edit.start)),
      end: lineIndex.positionAt(bounded(edit.end)),
    },
    newText: edit.text,
  }));
}

function fixAction(document: ParsedDocument, diagnostic: Diagnostic, fix: QuickFix): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: QUICKFIX,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: toLspEdits(document, fix.edits) } },
  };
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/**
 * Whether `kind` is among the kinds the client asked for: kinds are hierarchical, so asking for
 * `refactor` includes `refactor.rewrite`.
 */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  // An empty kind is the root of the hierarchy: it asks for everything.
  return only.some((asked) => asked === '' || kind === asked || kind.startsWith(`${asked}.`));
}

/** Whether the client asked only for kinds that exclude quick fixes. */
function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return wantsKind(only, QUICKFIX);
}

/**
 * Code actions for `diagnostics` (the ones the client shows in the requested range).
 *
 * Fixes travel in the diagnostic's `data`; they are used as they are when the document version and
 * the diagnostic's offsets still match the current text. Otherwise the offsets may be stale (an
 * edit arrived since the diagnostics were published), so the document is validated again — once,
 * however many diagnostics need it — and the finding with the same code and range supplies them.
 *
 * @param revalidate current findings of `document`, called at most once and only when needed
 * @param only the kinds the client asked for (`CodeActionContext.only`)
 * @param more further quick fixes of a diagnostic (the cross-node ones), listed with the rules'
 */
export function getCodeActions(
  document: ParsedDocument,
  diagnostics: readonly Diagnostic[],
  revalidate: () => readonly Issue[],
  only?: readonly string[],
  more?: (diagnostic: Diagnostic) => readonly CodeAction[],
): CodeAction[] {
  if (!wantsQuickFixes(only)) return [];
  const { lineIndex, text } = document;
  let current: Map<string, Issue> | undefined;
  const currentIssue = (code: string, start: number, end: number): Issue | undefined => {
    if (!current) {
      current = new Map();
      for (const issue of revalidate()) {
        const key = `${issue.code}@${issue.start}:${issue.end}`;
        if (!current.has(key)) current.set(key, issue);
      }
    }
    return current.get(`${code}@${start}:${end}`);
  };

  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabledLines = new Set<string>();
  for (const diagnostic of diagnostics) {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    const start = lineIndex.offsetAt(diagnostic.range.start);
    const end = lineIndex.offsetAt(diagnostic.range.end);
    const data = fixData(diagnostic);
    if (data && code) {
      const fresh = data.version === document.version && data.start === start && data.end === end;
      const list = fresh ? data.fixes : (currentIssue(code, start, end)?.fixes ?? []);
      for (const fix of list) fixes.push(fixAction(document, diagnostic, fix));
    }
    if (more) fixes.push(...more(diagnostic));
    if (!code) continue;
    const line = diagnostic.range.start.line;
    // Two findings of one rule on one line need one comment, not two.
    const key = `${code}@${line}`;
    if (disabledLines.has(key)) continue;
    disabledLines.add(key);
    disables.push({
      title: `Disable ${code} on this line`,
      kind: QUICKFIX,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [document.uri]: toLspEdits(document, [disableNextLineEdit(text, lineIndex, start, code)]),
        },
      },
    });
  }
  // Real repairs first: editors list actions in the order given.
  return [...fixes, ...disables];
}
