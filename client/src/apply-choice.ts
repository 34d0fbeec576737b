/**
 * How a command that writes configuration applies its edit. VS Code's refactor preview only opens
 * for entries that need confirmation, and shows those unticked (as designed upstream), so a
 * preview that had to be ticked file by file would be the only way to apply anything. The user
 * chooses instead: apply at once (one undo step), or open the preview and tick what to keep.
 */
import * as vscode from 'vscode';

/** The user's choice, or undefined when the question was dismissed. */
export type ApplyChoice = 'apply' | 'preview' | undefined;

const APPLY = 'Apply';
const PREVIEW = 'Preview…';

/** Asks, in a modal message, whether to apply `what` at once or to preview it first. */
export async function chooseHowToApply(what: string, detail: string): Promise<ApplyChoice> {
  const picked = await vscode.window.showInformationMessage(
    what,
    {
      modal: true,
      detail: `${detail}\n\nPreview… opens the refactor preview: tick the changes to keep, then Apply.`,
    },
    APPLY,
    PREVIEW,
  );
  return picked === APPLY ? 'apply' : picked === PREVIEW ? 'preview' : undefined;
}

/** The metadata of every entry of the edit, for the choice made. */
export function entryMetadata(
  choice: 'apply' | 'preview',
  label: string,
  description?: string,
): vscode.WorkspaceEditEntryMetadata {
  return {
    needsConfirmation: choice === 'preview',
    label,
    ...(description !== undefined ? { description } : {}),
  };
}
