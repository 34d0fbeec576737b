/**
 * The fix-all code actions: `source.fixAll.halint` for the whole file (what VS Code's
 * `editor.codeActionsOnSave: { "source.fixAll": "explicit" }` runs), and "Fix all '<code>'
 * problems in this file" beside a diagnostic whose rule has two or more safe fixes in the file.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Issue } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import { safeFixCounts, type FixAllOptions, type FixAllResult } from './fix-all.js';
import { toLspEdits } from './code-actions.js';

/** Code action kind of the whole-file fix-all (a `source.fixAll` kind, as the LSP names it). */
export const FIX_ALL_KIND = 'source.fixAll.halint';

/**
 * Whether the client named `kind` (or a parent of it) in `only`. Unlike quick fixes, source
 * actions are only given when asked for: an editor listing every action under the cursor should
 * not offer "fix the whole file" on each line.
 */
function asksFor(only: readonly string[] | undefined, kind: string): boolean {
  return (only ?? []).some(
    (asked) => asked !== '' && (kind === asked || kind.startsWith(`${asked}.`)),
  );
}

/** The whole-file fix-all, when the client asks for `source.fixAll` (or this kind). */
export function getSourceFixAll(
  document: ParsedDocument,
  only: readonly string[] | undefined,
  fix: (options: FixAllOptions) => FixAllResult,
): CodeAction[] {
  if (!asksFor(only, FIX_ALL_KIND)) return [];
  // An empty edit still answers the request, so a save with nothing to fix does not wait.
  return [
    {
      title: 'Fix all safe HAProxy/Keepalived problems in this file',
      kind: FIX_ALL_KIND,
      edit: { changes: { [document.uri]: toLspEdits(document, fix({}).edits) } },
    },
  ];
}

/**
 * "Fix all '<code>' problems in this file" for the diagnostics of one request: offered once per
 * code, on a diagnostic that has a safe fix itself, when the file has two or more findings of
 * that code with safe fixes (for one, the quick fix itself is the same edit).
 *
 * @param issues the document's current findings (read once, on the first diagnostic with a code)
 * @param fix runs fix-all on the document (the facade's `fixAll`, with the request's context)
 * @returns the actions for one diagnostic, called per diagnostic of the request
 */
export function fixAllOfCode(
  document: ParsedDocument,
  issues: () => readonly Issue[],
  fix: (options: FixAllOptions) => FixAllResult,
): (diagnostic: Diagnostic) => CodeAction[] {
  let found: readonly Issue[] | undefined;
  let counts: Map<string, number> | undefined;
  const offered = new Set<string>();
  return (diagnostic) => {
    const code = diagnostic.code;
    if (typeof code !== 'string' || offered.has(code)) return [];
    found ??= issues();
    counts ??= safeFixCounts(found, document.uri);
    if ((counts.get(code) ?? 0) < 2) return [];
    const start = document.lineIndex.offsetAt(diagnostic.range.start);
    const end = document.lineIndex.offsetAt(diagnostic.range.end);
    const own = found.find(
      (issue) => issue.code === code && issue.start === start && issue.end === end,
    );
    if (!own?.fixes?.some((candidate) => candidate.safe === true)) return [];
    offered.add(code);
    const result = fix({ codes: [code] });
    if (result.edits.length === 0) return [];
    return [
      {
        title: `Fix all '${code}' problems in this file`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: toLspEdits(document, result.edits) } },
      },
    ];
  };
}
