/**
 * The version picker of the migration commands, free of `vscode` imports so that unit tests can
 * load it outside the editor.
 */

/** One version in the picker. */
export interface MigrationPickItem {
  readonly label: string;
  readonly description?: string;
  readonly version: string;
}

/**
 * The versions the server accepts, newest first, the configured target (patch level ignored)
 * marked and placed first.
 */
export function migrationPickItems(
  versions: readonly string[],
  configured: string,
): MigrationPickItem[] {
  const current = /^(\d+\.\d+)/.exec(configured)?.[1];
  const items = [...versions]
    .reverse()
    .map((version): MigrationPickItem =>
      version === current
        ? { label: version, description: 'the target version in your settings', version }
        : { label: version, version },
    );
  return [
    ...items.filter((item) => item.version === current),
    ...items.filter((item) => item.version !== current),
  ];
}
