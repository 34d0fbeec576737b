/**
 * Answers in the shapes a client declared it reads. The core answers in the richest shape (nested
 * symbols, code actions carrying edits); a client that declared less gets the older forms the
 * protocol keeps for it.
 *
 * @packageDocumentation
 */
import type {
  CodeAction,
  Command,
  DocumentSymbol,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver';

/**
 * The command a `Command`-shaped code action runs: the server applies the edit it carries with
 * `workspace/applyEdit`. Named after the server so that it collides with no editor command.
 */
export const APPLY_EDIT_COMMAND = 'ha-language-server.applyEdit';

/**
 * Nested symbols as the flat list older clients read: every symbol with its full range and the
 * name of the symbol it sits in (`containerName`), parents before children.
 */
export function flattenSymbols(
  uri: string,
  symbols: readonly DocumentSymbol[],
): SymbolInformation[] {
  const flat: SymbolInformation[] = [];
  const walk = (list: readonly DocumentSymbol[], container: string | undefined): void => {
    for (const symbol of list) {
      flat.push({
        name: symbol.name,
        kind: symbol.kind,
        location: { uri, range: symbol.range },
        ...(container !== undefined ? { containerName: container } : {}),
        ...(symbol.tags ? { tags: symbol.tags } : {}),
      });
      if (symbol.children) walk(symbol.children, symbol.name);
    }
  };
  walk(symbols, undefined);
  return flat;
}

/**
 * Code actions as plain commands, for a client without `codeActionLiteralSupport`: an action with
 * an edit becomes {@link APPLY_EDIT_COMMAND} carrying that edit; one with only a command keeps it.
 */
export function actionsAsCommands(actions: readonly CodeAction[]): Command[] {
  const commands: Command[] = [];
  for (const action of actions) {
    if (action.edit) {
      commands.push({ title: action.title, command: APPLY_EDIT_COMMAND, arguments: [action.edit] });
    } else if (action.command) {
      commands.push(action.command);
    }
  }
  return commands;
}

/** The edit an {@link APPLY_EDIT_COMMAND} carries, or undefined for anything else. */
export function editOfCommand(
  command: string,
  args: readonly unknown[] | undefined,
): WorkspaceEdit | undefined {
  if (command !== APPLY_EDIT_COMMAND) return undefined;
  const edit: unknown = args?.[0];
  return typeof edit === 'object' && edit !== null ? edit : undefined;
}
