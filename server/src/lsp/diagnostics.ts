import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type {
  ClusterNodeInput,
  Issue,
  LanguageService,
  ParsedDocument,
  ReferencedFiles,
  ServiceSettings,
} from '../core/index.js';
import type { DocumentCache } from './document-cache.js';
import { describeError, type Logger } from './logger.js';

/** Quiet time after the last edit of a document before it is validated again. */
const DIAGNOSTICS_DELAY_MS = 200;

/**
 * Most diagnostics sent for one document. A file of random bytes yields tens of thousands of
 * findings, megabytes of JSON that no one reads and that slow the editor down; past this many the
 * first ones (in document order) are enough to start fixing.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** What the publisher needs from the rest of the server. */
interface DiagnosticsDependencies {
  readonly service: Pick<LanguageService, 'getDiagnostics'>;
  readonly documents: Pick<DocumentCache, 'get' | 'all'>;
  readonly settingsFor: (uri: string) => Promise<ServiceSettings>;
  readonly send: (params: PublishDiagnosticsParams) => Promise<void>;
  readonly log: Logger;
  /** Defaults to {@link DIAGNOSTICS_DELAY_MS}. */
  readonly delayMs?: number;
  /**
   * Findings a document gets from outside its own validation (the cluster analysis); called with
   * the open snapshot, or without one for a file that is not open.
   */
  readonly extra?: (uri: string, document?: ParsedDocument) => Diagnostic[];
  /**
   * The nodes a document belongs to (the node table's), so that it is validated as its node
   * reads it: config-id, environment, HAProxy files read together. None: validated alone.
   */
  readonly nodesOf?: (uri: string) => readonly ClusterNodeInput[];
  /** What the daemons' own checks said of a document, when its text is the text they read. */
  readonly daemonFindings?: (uri: string, text: string) => Issue[];
  /** How the files a document names are found (maps, pattern files, certificates, scripts). */
  readonly referencedFiles?: (uri: string) => Promise<ReferencedFiles>;
}

/**
 * Computes and pushes diagnostics: at once when a document opens or the settings change, after a
 * quiet period while it is being edited, and an empty list when it closes.
 *
 * Every run gets a ticket per document; a run whose ticket is no longer the latest, or whose
 * snapshot is no longer the cached one, drops its result. Settings are fetched asynchronously, so
 * without this an older run could finish after a newer one and publish stale diagnostics.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly tickets = new Map<string, number>();
  private readonly delayMs: number;

  constructor(private readonly deps: DiagnosticsDependencies) {
    this.delayMs = deps.delayMs ?? DIAGNOSTICS_DELAY_MS;
  }

  /** Validates a document now (it was just opened). */
  publishNow(uri: string): void {
    this.cancelTimer(uri);
    void this.run(uri);
  }

  /** Validates a document once it has not changed for a while. */
  schedule(uri: string): void {
    this.cancelTimer(uri);
    // Taking a ticket now also voids a run that is still waiting for its settings.
    this.nextTicket(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, this.delayMs),
    );
  }

  /** Re-validates every open document (the settings changed). */
  revalidateAll(): void {
    for (const document of this.deps.documents.all()) this.publishNow(document.uri);
  }

  /**
   * Stops pending work for a closed document and removes its own diagnostics from the client; its
   * cross-node findings stay, since they concern the cluster and not the editing session.
   */
  clear(uri: string): void {
    this.cancelTimer(uri);
    this.tickets.delete(uri);
    this.send({ uri, diagnostics: this.deps.extra?.(uri) ?? [] });
  }

  /** Publishes again the files whose outside findings changed, open or not. */
  refresh(uris: Iterable<string>): void {
    for (const uri of uris) {
      if (this.deps.documents.get(uri)) this.publishNow(uri);
      else this.send({ uri, diagnostics: this.deps.extra?.(uri) ?? [] });
    }
  }

  /** Stops all pending work (shutdown). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.tickets.clear();
  }

  private async run(uri: string): Promise<void> {
    const ticket = this.nextTicket(uri);
    const document = this.deps.documents.get(uri);
    if (!document) return;
    try {
      const [settings, referencedFiles] = await Promise.all([
        this.deps.settingsFor(uri),
        this.deps.referencedFiles?.(uri),
      ]);
      if (this.isStale(uri, ticket, document)) return;
      const nodes = this.deps.nodesOf?.(uri) ?? [];
      const daemonFindings = this.deps.daemonFindings?.(uri, document.text) ?? [];
      const diagnostics = this.deps.service.getDiagnostics(document, {
        settings,
        nodes,
        daemonFindings,
        ...(referencedFiles !== undefined ? { referencedFiles } : {}),
      });
      const extra = this.deps.extra?.(uri, document);
      if (extra?.length) diagnostics.push(...extra);
      if (diagnostics.length > MAX_DIAGNOSTICS_PER_DOCUMENT) {
        this.deps.log.info(
          `${uri}: showing the first ${MAX_DIAGNOSTICS_PER_DOCUMENT} of ${diagnostics.length} problems`,
        );
        diagnostics.length = MAX_DIAGNOSTICS_PER_DOCUMENT;
      }
      this.send({ uri, version: document.version, diagnostics });
    } catch (error) {
      // A failing rule must cost this one run, not the server; the last good list stays shown.
      this.deps.log.error(`Validating ${uri} failed: ${describeError(error)}`);
    }
  }

  private isStale(uri: string, ticket: number, document: ParsedDocument): boolean {
    return this.tickets.get(uri) !== ticket || this.deps.documents.get(uri) !== document;
  }

  private nextTicket(uri: string): number {
    const ticket = (this.tickets.get(uri) ?? 0) + 1;
    this.tickets.set(uri, ticket);
    return ticket;
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(uri);
  }

  private send(params: PublishDiagnosticsParams): void {
    this.deps.send(params).catch((error: unknown) => {
      this.deps.log.error(
        `Publishing diagnostics for ${params.uri} failed: ${describeError(error)}`,
      );
    });
  }
}
