/**
 * "Make lb2 match lb1" and "Make lb1 match lb2" on the drift findings (`config-drift`,
 * `script-drift`, `group-setting-mismatch`): one workspace edit that replaces the differing
 * backend, section or setting of one node with the other node's text, in whichever file holds it.
 *
 * The rules attach both sides as whole-line spans (cluster/sync.ts). The spans are offsets into
 * the texts the cluster analysis read, so the action is only built while the document is still
 * that text, from the analysis' own finding rather than the data a client sent back.
 */
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import { readSyncData, type SyncData, type SyncSide } from '../cluster/sync.js';
import type { ParsedDocument } from '../document.js';
import { isFresh, type ClusterInfo } from './cluster-members.js';

/** The rules whose findings carry both sides. */
const SYNC_RULES: ReadonlySet<string> = new Set([
  'config-drift',
  'script-drift',
  'group-setting-mismatch',
]);

/** Start of the line before the one starting at `offset`. */
function previousLineStart(text: string, offset: number): number {
  return offset <= 1 ? 0 : text.lastIndexOf('\n', offset - 2) + 1;
}

/** Whether the line before `offset` (a line start) is blank or absent. */
function blankBefore(text: string, offset: number): boolean {
  return offset === 0 || text.slice(previousLineStart(text, offset), offset).trim() === '';
}

/**
 * The text that replaces `target`'s span with `source`'s: whole lines ending in a line break, a
 * block inserted after other lines set off by a blank line.
 */
function replacement(
  unit: SyncData['unit'],
  sourceText: string,
  source: SyncSide,
  targetText: string,
  target: SyncSide,
): string {
  let text = sourceText.slice(source.start, source.end);
  if (text === '') return '';
  if (!text.endsWith('\n')) text += '\n';
  const inserting = target.start === target.end;
  // An insertion at the end of a file without a final line break starts a line of its own.
  if (target.start > 0 && targetText[target.start - 1] !== '\n') text = `\n${text}`;
  else if (inserting && unit === 'block' && !blankBefore(targetText, target.start)) {
    text = `\n${text}`;
  }
  return text;
}

/** The edit making `target` match `source`, or undefined when a text is not known. */
function matchEdit(
  cluster: ClusterInfo,
  unit: SyncData['unit'],
  source: SyncSide,
  target: SyncSide,
): CodeAction['edit'] {
  const { model } = cluster;
  const sourceText = model.textOf(source.uri);
  const targetText = model.textOf(target.uri);
  const index = model.lineIndexOf(target.uri);
  if (sourceText === undefined || targetText === undefined || !index) return undefined;
  if (source.end > sourceText.length || target.end > targetText.length) return undefined;
  const newText = replacement(unit, sourceText, source, targetText, target);
  if (newText === targetText.slice(target.start, target.end)) return undefined;
  let start = target.start;
  // A block taken out takes the blank line that set it off with it.
  if (newText === '' && unit === 'block' && start > 0 && blankBefore(targetText, start)) {
    start = previousLineStart(targetText, start);
  }
  const edit: LspTextEdit = {
    range: { start: index.positionAt(start), end: index.positionAt(target.end) },
    newText,
  };
  return { changes: { [target.uri]: [edit] } };
}

/**
 * The "make … match …" actions for one diagnostic of `document`, both directions for each node
 * the finding compares with, this node's side first ("bring it over from the other node").
 */
export function getBringOverActions(
  document: ParsedDocument,
  diagnostic: Diagnostic,
  cluster: ClusterInfo,
): CodeAction[] {
  const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (code === undefined || !SYNC_RULES.has(code) || !isFresh(cluster, document)) return [];
  const start = document.lineIndex.offsetAt(diagnostic.range.start);
  const end = document.lineIndex.offsetAt(diagnostic.range.end);
  const actions: CodeAction[] = [];
  const titles = new Set<string>();
  for (const issue of cluster.issues) {
    if (issue.code !== code || issue.uri !== document.uri) continue;
    if (issue.start !== start || issue.end !== end) continue;
    const sync = readSyncData(issue.data);
    const [own, ...others] = sync?.sides ?? [];
    if (!sync || !own) continue;
    for (const other of others) {
      for (const [source, target] of [
        [other, own],
        [own, other],
      ] as const) {
        const title = `Make ${target.node} match ${source.node}`;
        if (titles.has(title)) continue;
        const edit = matchEdit(cluster, sync.unit, source, target);
        if (!edit) continue;
        titles.add(title);
        actions.push({ title, kind: 'quickfix', diagnostics: [diagnostic], edit });
      }
    }
  }
  return actions;
}
