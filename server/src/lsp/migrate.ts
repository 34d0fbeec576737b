/**
 * `ha/migrate` and `ha/migrationTargets`: the workspace migration behind the "Migrate the
 * workspace to HAProxy X.Y…" command. The core computes the edit; the client applies it.
 */
import { ErrorCodes, ResponseError, type RequestType } from 'vscode-languageserver';
import { MIGRATION_TARGETS, type LanguageService } from '../core/index.js';
import type { DocumentCache } from './document-cache.js';
import type { NodeTable } from './nodes.js';
import { MigrateRequest, MigrationTargetsRequest } from './protocol.js';
import type { SettingsProvider } from './settings.js';

/** The part of the handler registry this module uses (the registry imports this module). */
export interface RequestRegistry {
  request<P, R>(
    type: RequestType<P, R, void>,
    work: (params: P) => R | Promise<R>,
    fallback: R,
  ): void;
}

/** What the migration requests read. */
export interface MigrateContext {
  readonly service: LanguageService;
  readonly documents: Pick<DocumentCache, 'all'>;
  readonly settings: Pick<SettingsProvider, 'forDocument'>;
  /** Every file the server knows (workspace files, open buffers winning); absent: the open ones. */
  readonly nodes?: Pick<NodeTable, 'documents'> | undefined;
}

/** Registers the two migration requests. */
export function registerMigrate(
  on: RequestRegistry,
  context: MigrateContext,
  folders: () => readonly string[],
): void {
  const { service, documents, settings, nodes } = context;
  on.request(
    MigrateRequest,
    ({ languageId, version, uris }) => {
      if (!MIGRATION_TARGETS[languageId]?.includes(version)) {
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `Unknown ${String(languageId)} version ${String(version)}`,
        );
      }
      const all = nodes ? nodes.documents() : documents.all();
      const wanted = uris ? new Set(uris) : undefined;
      const chosen = wanted ? all.filter((document) => wanted.has(document.uri)) : all;
      return service.migrate(chosen, languageId, version);
    },
    null,
  );
  on.request(
    MigrationTargetsRequest,
    async ({ uri }) => {
      const base = uri ?? folders()[0];
      const configured = base ? await settings.forDocument(base) : undefined;
      return {
        haproxy: MIGRATION_TARGETS.haproxy,
        keepalived: MIGRATION_TARGETS.keepalived,
        configured: {
          haproxy: configured?.haproxy.version ?? '',
          keepalived: configured?.keepalived.version ?? '',
        },
      };
    },
    { haproxy: [], keepalived: [], configured: { haproxy: '', keepalived: '' } },
  );
}
