/**
 * Rename of the names navigation follows. A rename is refused, with a message saying why, when it
 * could not be complete: when the name is also reached through a computed name (`use_backend
 * %[…]`), when it is written inside a quoted or escaped word the edit cannot target exactly, or when
 * the new name would not survive as one word.
 */
import type { Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../document.js';
import type { NameSite } from '../common/references.js';
import { documentReferences, sitesOfKey } from '../references.js';

/** The answer to a rename request: the edit, or why there is none. */
export type RenameResult = { readonly edit: WorkspaceEdit } | { readonly error: string };

/** The answer to a prepare-rename request: what would be renamed, or why nothing can be. */
export type PrepareRenameResult =
  { readonly range: Range; readonly placeholder: string } | { readonly error: string };

/** Why the symbol of `here` cannot be renamed completely, if it cannot. */
function blocker(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  here: NameSite,
): string | undefined {
  const sites = sitesOfKey(documents, document, here.key);
  for (const { document: owner } of sites) {
    const reason = documentReferences(owner).incompleteKinds.get(here.kind);
    if (reason) return `Cannot rename ${here.kind} '${here.name}': ${reason}.`;
  }
  for (const { document: owner, site } of sites) {
    if (!site.exact || owner.text.slice(site.start, site.end) !== site.name) {
      return `Cannot rename ${here.kind} '${here.name}': it is written with quotes or escapes on line ${owner.lineIndex.positionAt(site.start).line + 1}.`;
    }
  }
  return undefined;
}

/** Checks that a rename of the name at `offset` is possible. */
export function prepareRename(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  offset: number,
): PrepareRenameResult | undefined {
  const here = documentReferences(document).siteAt(offset);
  if (!here) return undefined;
  const reason = blocker(documents, document, here);
  if (reason) return { error: reason };
  return {
    range: {
      start: document.lineIndex.positionAt(here.start),
      end: document.lineIndex.positionAt(here.end),
    },
    placeholder: here.name,
  };
}

/** Renames the name at `offset` everywhere it is defined or used. */
export function rename(
  documents: readonly ParsedDocument[],
  document: ParsedDocument,
  offset: number,
  newName: string,
): RenameResult | undefined {
  const here = documentReferences(document).siteAt(offset);
  if (!here) return undefined;
  // Quoting is not added: a name with blanks, quotes, comment or brace characters would split or
  // change the line.
  if (!/^[^\s"'#\\{}!]+$/.test(newName) || newName.includes('/') !== here.name.includes('/')) {
    return { error: `'${newName}' is not a valid ${here.kind} name.` };
  }
  const reason = blocker(documents, document, here);
  if (reason) return { error: reason };
  const changes: Record<string, LspTextEdit[]> = {};
  for (const { document: owner, site } of sitesOfKey(documents, document, here.key)) {
    const list = (changes[owner.uri] ??= []);
    list.push({
      range: {
        start: owner.lineIndex.positionAt(site.start),
        end: owner.lineIndex.positionAt(site.end),
      },
      newText: newName,
    });
  }
  return { edit: { changes } };
}
