/**
 * The files of the server's "Create the peer node" edit (`ha/createPeerNode`), read from its
 * `documentChanges` so the command can create each one with its text in a single previewed step.
 * No `vscode` import: unit tested directly.
 */
import type { CreatePeerNodeResult } from '../../server/src/lsp/protocol.js';

/** One file of the new node. */
export interface PeerNodeFile {
  readonly uri: string;
  readonly text: string;
}

/** The answer when it carries an edit; the message to show when it does not. */
export type PeerNodeAnswer =
  | { readonly files: readonly PeerNodeFile[]; readonly name: string; readonly summary: string }
  | { readonly message: string };

type Change = NonNullable<
  Extract<CreatePeerNodeResult, { edit: unknown }>['edit']['documentChanges']
>[number];

/**
 * Reads the answer: every file must be created (never overwritten) before its text is written at
 * its start, which is how the server builds the edit; anything else is refused rather than
 * applied half-understood (a newer server would say so in its own message).
 */
export function peerNodeAnswer(result: CreatePeerNodeResult | null | undefined): PeerNodeAnswer {
  if (result === null || result === undefined) {
    return { message: 'The language server gave no answer.' };
  }
  if ('error' in result) return { message: result.error };
  const created = new Set<string>();
  const texts = new Map<string, string>();
  const unexpected = { message: 'The language server answered an edit this version cannot apply.' };
  for (const change of (result.edit.documentChanges ?? []) as readonly Change[]) {
    if ('kind' in change) {
      if (change.kind !== 'create' || change.options?.overwrite === true) return unexpected;
      created.add(change.uri);
      continue;
    }
    const uri = change.textDocument.uri;
    if (!created.has(uri)) return unexpected;
    let text = texts.get(uri) ?? '';
    for (const edit of change.edits) {
      const { start, end } = edit.range;
      if (start.line !== 0 || start.character !== 0 || end.line !== 0 || end.character !== 0) {
        return unexpected;
      }
      text += edit.newText;
    }
    texts.set(uri, text);
  }
  if (created.size === 0) return unexpected;
  const files = [...created].map((uri) => ({ uri, text: texts.get(uri) ?? '' }));
  return { files, name: result.name, summary: result.summary };
}
