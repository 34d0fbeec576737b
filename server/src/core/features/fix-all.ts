/**
 * Fix-all: applies every safe quick fix (`QuickFix.safe`) of a document at once, for the editor's
 * `source.fixAll`, "Fix all '<code>' problems" and `halint --fix`.
 *
 * One pass takes the safe fixes of the findings in document order and drops a fix whose edits
 * touch an edit already taken (first wins): two fixes of one line would otherwise each assume the
 * other had not run. The text is then validated again, since a fix can reveal or settle another
 * finding (a renamed keyword gets its own options checked), and the next pass runs on it, until a
 * pass changes nothing or {@link MAX_FIX_PASSES} have run.
 */
import type { Issue, QuickFix, TextEdit } from '../common/issue.js';
import { lineEdits } from '../common/line-diff.js';

/** Most validation passes one fix-all runs: each fix is small, and a loop must end. */
export const MAX_FIX_PASSES = 5;

/** What to fix. */
export interface FixAllOptions {
  /** Only the findings of these rule codes (default: every code with safe fixes). */
  readonly codes?: readonly string[];
  /** Passes at most (default {@link MAX_FIX_PASSES}). */
  readonly maxPasses?: number;
}

/** What a fix-all did to one document. */
export interface FixAllResult {
  /** The fixed text (the input when nothing was fixed). */
  readonly text: string;
  /** Edits of the original text giving `text`, one per run of changed lines. */
  readonly edits: readonly TextEdit[];
  /** How many fixes were applied, per rule code. */
  readonly fixed: Readonly<Record<string, number>>;
  /** Validation passes that applied something. */
  readonly passes: number;
}

/** The first safe fix of a finding of `uri`'s own text, or none. */
function safeFix(issue: Issue, uri: string, codes: ReadonlySet<string> | undefined) {
  // A finding placed in another file (an include) has offsets of that file, not of this text.
  if (issue.uri !== undefined && issue.uri !== uri) return undefined;
  if (codes && !codes.has(issue.code)) return undefined;
  return issue.fixes?.find((fix) => fix.safe === true && fix.edits.length > 0);
}

/**
 * Whether two edits touch: overlapping ranges, or meeting at one offset. Meeting edits are kept
 * apart too, since an insertion at the end of a replaced word would join the two in an order
 * neither fix expected; the next pass applies the one dropped here.
 */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The safe fixes of `issues` that one pass can apply together, in document order. */
export function pickSafeFixes(
  issues: readonly Issue[],
  uri: string,
  codes?: readonly string[],
): { readonly code: string; readonly fix: QuickFix }[] {
  const wanted = codes ? new Set(codes) : undefined;
  const candidates: { code: string; fix: QuickFix; at: number }[] = [];
  for (const issue of issues) {
    const fix = safeFix(issue, uri, wanted);
    if (fix) {
      const at = Math.min(...fix.edits.map((edit) => edit.start));
      candidates.push({ code: issue.code, fix, at });
    }
  }
  // Stable: findings at one place keep the rules' order.
  candidates.sort((a, b) => a.at - b.at);
  const taken: TextEdit[] = [];
  const picked: { code: string; fix: QuickFix }[] = [];
  for (const { code, fix } of candidates) {
    if (fix.edits.some((edit) => taken.some((other) => touches(edit, other)))) continue;
    taken.push(...fix.edits);
    picked.push({ code, fix });
  }
  return picked;
}

/** `text` with non-overlapping `edits` applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = Math.max(at, edit.end);
  }
  return out + text.slice(at);
}

/** The number of safe fixes in `issues` per rule code (for "Fix all '<code>' problems"). */
export function safeFixCounts(issues: readonly Issue[], uri: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) {
    if (safeFix(issue, uri, undefined)) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
  }
  return counts;
}

/**
 * Applies the safe fixes of a document, pass after pass.
 *
 * @param text the document's text
 * @param uri the document's identifier (findings of other files are left alone)
 * @param validate the findings of a text of this document, as the host validates it
 * @param first the findings of `text` when the caller already has them
 */
export function fixAll(
  text: string,
  uri: string,
  validate: (text: string) => readonly Issue[],
  options: FixAllOptions = {},
  first?: readonly Issue[],
): FixAllResult {
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const fixed: Record<string, number> = {};
  let current = text;
  let issues = first ?? validate(text);
  let passes = 0;
  while (passes < maxPasses) {
    const picked = pickSafeFixes(issues, uri, options.codes);
    if (picked.length === 0) break;
    const next = applyEdits(
      current,
      picked.flatMap(({ fix }) => fix.edits),
    );
    if (next === current) break;
    passes++;
    for (const { code } of picked) fixed[code] = (fixed[code] ?? 0) + 1;
    current = next;
    if (passes < maxPasses) issues = validate(current);
  }
  return { text: current, edits: lineEdits(text, current), fixed, passes };
}
