import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type {
  ClusterNodeInput,
  Issue,
  LanguageService,
  ParsedDocument,
  ReferencedFiles,
  ServiceSettings,
} from '../core/index.js';
import { ChangeQueue } from './change-queue.js';
import type { DocumentCache } from './document-cache.js';
import { describeError, type Logger } from './logger.js';

/** Quiet time after the last edit of a document before it is validated again. */
export const DIAGNOSTICS_DELAY_MS = 200;

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
  /** Defaults to {@link DIAGNOSTICS_DELAY_MS}; a function is read at each edit (a setting). */
  readonly delayMs?: number | (() => number);
  /**
   * Whether the outside findings of a document reflect every change made so far (the cluster
   * analysis has caught up). While not, a publication waits for {@link DiagnosticsPublisher.clusterSettled}.
   */
  readonly extraCurrent?: (uri: string) => boolean;
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
 * Computes and pushes diagnostics: when a document opens or the settings change, after a quiet
 * period while it is being edited, and when the cluster findings of a file move.
 *
 * Due documents wait in one queue and are validated one at a time, the most recently changed
 * first (the one the user is typing in), yielding to the event loop between documents so that
 * a keystroke can reschedule the rest. While a more recently changed document still waits for
 * its quiet period, the others wait behind it: a node's edit shows in its own file before the
 * other nodes' files.
 *
 * Nothing stale goes out. Every run gets a ticket per document; a run whose ticket is no longer
 * the latest, or whose snapshot is no longer the cached one, drops its result (settings are
 * fetched asynchronously, so an older run could otherwise finish after a newer one). And a
 * publication carries the document's cross-node findings only once the cluster analysis has
 * caught up with every change: until then it waits, and the cluster pass publishes it.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly tickets = new Map<string, number>();
  /** When each document last changed, on a counter: the queue's order. */
  private readonly changedAt = new Map<string, number>();
  private clock = 0;
  /** Documents to validate (or closed files to publish), with the order they joined in. */
  private readonly due = new Map<string, number>();
  private joined = 0;
  /** The due documents, the most recently changed first (then the first to join). */
  private readonly dueQueue = new ChangeQueue(
    (uri, at, order) => this.due.get(uri) === order && this.changeOf(uri) === at,
  );
  /** The documents whose quiet period runs, the most recently changed first. */
  private readonly timerQueue = new ChangeQueue(
    (uri, at) => this.timers.has(uri) && this.changeOf(uri) === at,
  );
  /** Publications dropped because the cluster analysis was behind; sent after its next pass. */
  private readonly waiting = new Set<string>();
  private draining = false;
  private disposed = false;

  constructor(private readonly deps: DiagnosticsDependencies) {}

  /** Validates a document soon (it was just opened): it counts as the latest change. */
  publishNow(uri: string): void {
    this.cancelTimer(uri);
    this.changedAt.set(uri, ++this.clock);
    this.enqueue(uri);
  }

  /**
   * Validates a document once it has not changed for a while. `edited` is false for a document
   * due because another one changed (a file it includes, a file read together with it): it keeps
   * its place behind the document the user is typing in.
   */
  schedule(uri: string, edited = true): void {
    this.cancelTimer(uri);
    // Taking a ticket now also voids a run that is still waiting for its settings.
    this.nextTicket(uri);
    if (edited) {
      this.changedAt.set(uri, ++this.clock);
      const order = this.due.get(uri);
      if (order !== undefined) this.dueQueue.push(uri, this.clock, order);
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.enqueue(uri);
      }, this.delay()),
    );
    this.timerQueue.push(uri, this.changeOf(uri));
  }

  /** Re-validates every open document (the settings changed). */
  revalidateAll(): void {
    for (const document of this.deps.documents.all()) {
      this.cancelTimer(document.uri);
      this.enqueue(document.uri);
    }
  }

  /**
   * Stops pending work for a closed document and removes its own diagnostics from the client; its
   * cross-node findings stay, since they concern the cluster and not the editing session.
   */
  clear(uri: string): void {
    this.cancelTimer(uri);
    this.tickets.delete(uri);
    this.changedAt.delete(uri);
    this.enqueue(uri);
  }

  /** Publishes again the files whose outside findings changed, open or not. */
  refresh(uris: Iterable<string>): void {
    for (const uri of uris) {
      // A pending edit will validate the document anyway, with the findings of its time.
      if (!this.timers.has(uri)) this.enqueue(uri);
    }
  }

  /** The cluster analysis finished a pass: what waited for it goes out (if it is current now). */
  clusterSettled(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const uri of waiting) this.enqueue(uri);
  }

  /** Stops all pending work (shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.tickets.clear();
    this.due.clear();
    this.dueQueue.clear();
    this.timerQueue.clear();
    this.waiting.clear();
  }

  private delay(): number {
    const delay = this.deps.delayMs;
    return typeof delay === 'function' ? delay() : (delay ?? DIAGNOSTICS_DELAY_MS);
  }

  private enqueue(uri: string): void {
    if (this.disposed) return;
    let order = this.due.get(uri);
    if (order === undefined) {
      order = ++this.joined;
      this.due.set(uri, order);
    }
    this.dueQueue.push(uri, this.changeOf(uri), order);
    void this.drain();
  }

  /** When a document last changed, on {@link clock}; 0 when it never did (a closed file). */
  private changeOf(uri: string): number {
    return this.changedAt.get(uri) ?? 0;
  }

  /**
   * Validates the due documents one by one. Starts after a turn of the event loop, so that
   * everything one notification made due is ordered together, and stops (to be started again
   * by a timer) while a more recent change still waits for its quiet period.
   */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const uri = this.next();
        if (uri === undefined || this.disposed) return;
        this.due.delete(uri);
        await this.publish(uri);
      }
    } finally {
      this.draining = false;
    }
  }

  /** The most recently changed due document, unless a newer change is still being typed. */
  private next(): string | undefined {
    const best = this.dueQueue.peek();
    if (best === undefined) return undefined;
    const typing = this.timerQueue.peek();
    if (typing !== undefined && typing.at > best.at) return undefined;
    this.dueQueue.pop();
    return best.uri;
  }

  private async publish(uri: string): Promise<void> {
    const document = this.deps.documents.get(uri);
    if (!document) {
      // Closed: only what the cluster analysis and the daemons said of the file on disk.
      if (this.extraBehind(uri)) return;
      this.send({ uri, diagnostics: this.deps.extra?.(uri) ?? [] });
      return;
    }
    const ticket = this.nextTicket(uri);
    try {
      const [settings, referencedFiles] = await Promise.all([
        this.deps.settingsFor(uri),
        this.deps.referencedFiles?.(uri),
      ]);
      if (this.isStale(uri, ticket, document)) return;
      if (this.extraBehind(uri)) return;
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

  /** Whether the cluster analysis is behind; the publication then waits for its next pass. */
  private extraBehind(uri: string): boolean {
    if (this.deps.extraCurrent?.(uri) ?? true) return false;
    this.waiting.add(uri);
    return true;
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
