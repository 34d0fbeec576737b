/**
 * "Migrate to HAProxy X.Y" / "Migrate to Keepalived X.Y": one edit per file replacing every
 * removed or deprecated keyword whose replacement is mechanical, and the list of those that need
 * a person, with the official documentation of each.
 *
 * What each language migrates is in `haproxy/migrate.ts` and `keepalived/migrate.ts`; this file
 * gathers their steps into edits, the code action and the workspace answer.
 */
import type {
  CodeAction,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { LanguageId } from '../common/detect.js';
import type { TextEdit } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import { HAPROXY_VERSIONS, majorMinor } from '../haproxy/catalog/index.js';
import { haproxyMigration } from '../haproxy/migrate.js';
import { KEEPALIVED_VERSIONS } from '../keepalived/catalog/index.js';
import { keepalivedMigration } from '../keepalived/migrate.js';
import { toLspEdits } from './code-actions.js';

/** Code action kind of the migration. */
export const MIGRATE_KIND = 'refactor.rewrite';

/** The versions a file can be migrated to, per language: every version the catalogs know. */
export const MIGRATION_TARGETS: Readonly<Record<LanguageId, readonly string[]>> = {
  haproxy: HAPROXY_VERSIONS,
  keepalived: KEEPALIVED_VERSIONS,
};

const PRODUCT: Readonly<Record<LanguageId, string>> = {
  haproxy: 'HAProxy',
  keepalived: 'Keepalived',
};

/** A removed or deprecated keyword the migration left alone. */
export interface NotMigrated {
  readonly uri: string;
  /** Zero-based line. */
  readonly line: number;
  readonly keyword: string;
  /** Why it needs a person, with the replacement the catalog suggests. */
  readonly reason: string;
  /** The keyword in the official documentation. */
  readonly docUrl: string;
}

/** The migration of one file. */
export interface FileMigration {
  readonly uri: string;
  readonly languageId: LanguageId;
  /** The target version, `major.minor`. */
  readonly version: string;
  /** Non-overlapping edits, in file order. */
  readonly edits: readonly TextEdit[];
  /** Keywords migrated. */
  readonly migrated: number;
  readonly notMigrated: readonly NotMigrated[];
}

/** The catalog version `version` stands for, or undefined when no catalog knows it. */
export function migrationTarget(languageId: LanguageId, version: string): string | undefined {
  const target = majorMinor(version);
  return MIGRATION_TARGETS[languageId].includes(target) ? target : undefined;
}

/**
 * What migrating `document` to `version` (any version of its language's catalog) changes and
 * leaves. An unknown version migrates nothing.
 */
export function migrateDocument(document: ParsedDocument, version: string): FileMigration {
  const target = migrationTarget(document.languageId, version);
  const base = { uri: document.uri, languageId: document.languageId, version: target ?? version };
  if (target === undefined) return { ...base, edits: [], migrated: 0, notMigrated: [] };
  const steps =
    document.languageId === 'haproxy'
      ? haproxyMigration(document, target)
      : keepalivedMigration(document, target);
  const edits: TextEdit[] = [];
  const notMigrated: NotMigrated[] = [];
  let migrated = 0;
  // A step whose edits would touch text an earlier step changed is listed instead.
  const clashes = (a: TextEdit, b: TextEdit): boolean =>
    a.start === b.start || (a.start < b.end && b.start < a.end);
  for (const step of steps) {
    const line = document.lineIndex.positionAt(step.start).line;
    const own = step.edits ?? [];
    const overlaps = own.some((edit) => edits.some((other) => clashes(edit, other)));
    if (step.edits && !overlaps) {
      edits.push(...own);
      migrated++;
      continue;
    }
    notMigrated.push({
      uri: document.uri,
      line,
      keyword: step.keyword,
      reason: step.reason ?? 'its rewrite overlaps another one; migrate again after this one',
      docUrl: step.docUrl,
    });
  }
  return { ...base, edits: edits.sort((a, b) => a.start - b.start), migrated, notMigrated };
}

/** The title of the action and command for one language and version. */
export function migrationTitle(languageId: LanguageId, version: string): string {
  return `Migrate this file to ${PRODUCT[languageId]} ${majorMinor(version)}`;
}

/**
 * The "Migrate this file to HAProxy X.Y" action for the target version of the settings, or
 * undefined when the file has nothing that can be migrated.
 */
export function getMigrateAction(
  document: ParsedDocument,
  version: string,
): CodeAction | undefined {
  const migration = migrateDocument(document, version);
  if (migration.edits.length === 0) return undefined;
  return {
    title: migrationTitle(document.languageId, migration.version),
    kind: MIGRATE_KIND,
    edit: { changes: { [document.uri]: toLspEdits(document, migration.edits) } },
  };
}

/** The migration of several files to one version. */
export interface WorkspaceMigration {
  readonly languageId: LanguageId;
  readonly version: string;
  /** One entry per changed file. */
  readonly edit: WorkspaceEdit;
  readonly migrated: number;
  readonly notMigrated: readonly NotMigrated[];
  /** A Markdown page listing what was migrated per file and what was not, with links. */
  readonly report: string;
}

/**
 * Migrates every document of `languageId` among `documents` to `version`; the client applies
 * the edit (with a preview) and shows the report.
 */
export function migrateWorkspace(
  documents: readonly ParsedDocument[],
  languageId: LanguageId,
  version: string,
): WorkspaceMigration {
  const changes: Record<string, LspTextEdit[]> = {};
  const files: FileMigration[] = [];
  for (const document of documents) {
    if (document.languageId !== languageId) continue;
    const migration = migrateDocument(document, version);
    files.push(migration);
    if (migration.edits.length > 0) changes[document.uri] = toLspEdits(document, migration.edits);
  }
  const target = migrationTarget(languageId, version) ?? version;
  const notMigrated = files.flatMap((file) => file.notMigrated);
  const migrated = files.reduce((sum, file) => sum + file.migrated, 0);
  return {
    languageId,
    version: target,
    edit: { changes },
    migrated,
    notMigrated,
    report: migrationReport(languageId, target, files),
  };
}

/** A backtick-free rendering of user text inside Markdown code spans. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The Markdown report of a migration. */
export function migrationReport(
  languageId: LanguageId,
  version: string,
  files: readonly FileMigration[],
): string {
  const product = PRODUCT[languageId];
  const lines = [`# Migration to ${product} ${version}`, ''];
  if (!MIGRATION_TARGETS[languageId].includes(version)) {
    lines.push(`${product} ${version} is not a version halint knows; nothing was changed.`);
    return `${lines.join('\n')}\n`;
  }
  const touched = files.filter((file) => file.migrated > 0 || file.notMigrated.length > 0);
  if (touched.length === 0) {
    lines.push(`No ${product} file uses a keyword removed or deprecated in ${version}.`);
    return `${lines.join('\n')}\n`;
  }
  for (const file of touched) {
    lines.push(`## ${file.uri}`, '');
    lines.push(`Migrated: ${file.migrated}. Left for you: ${file.notMigrated.length}.`, '');
    for (const item of file.notMigrated) {
      lines.push(
        `- line ${item.line + 1}, ${code(item.keyword)}: ${item.reason} ([documentation](${item.docUrl}))`,
      );
    }
    if (file.notMigrated.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
