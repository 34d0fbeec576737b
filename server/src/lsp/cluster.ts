/**
 * Keeps the cluster analysis of the workspace up to date: after edits (unsaved ones included) and
 * disk changes it takes the clusters the node table plans (the ones validation uses) and
 * re-analyses only those whose files changed, then tells the publisher which files' cross-node
 * findings moved.
 */
import type { Diagnostic } from 'vscode-languageserver';
import {
  LineIndex,
  RULE_DOCS_BASE_URL,
  issueToDiagnostic,
  type ClusterAnalysis,
  type ClusterModel,
  type FileHost,
  type Issue,
  type LanguageService,
  type ParsedDocument,
  type ServiceSettings,
} from '../core/index.js';
import { describeError, type Logger } from './logger.js';
import type { NodeTable } from './nodes.js';

/**
 * Quiet time after the last edit before the clusters are analysed again. The topology preview
 * must show an edit within 500 ms of the last keystroke, and after this wait come the analysis
 * (about 10–20 ms for ten nodes), the editor's hops to the webview and the layout (about 120 ms
 * each): a longer wait would spend that budget doing nothing. Typing faster than one key per
 * 120 ms still postpones the analysis to the end of the burst.
 */
export const CLUSTER_DELAY_MS = 120;

/** What the cluster tracker needs from the rest of the server. */
interface ClusterDependencies {
  readonly service: Pick<LanguageService, 'analyseCluster'>;
  /** The nodes and clusters of the workspace, the ones validation uses too. */
  readonly nodes: Pick<NodeTable, 'plans' | 'documents' | 'nodesOf'>;
  readonly settingsFor: (uri: string) => Promise<ServiceSettings>;
  readonly files: FileHost;
  /** Called with the files whose cluster findings changed. */
  readonly changed: (uris: ReadonlySet<string>) => void;
  /** Called with the files of the clusters that were analysed again (the topology preview). */
  readonly analysed?: (uris: ReadonlySet<string>) => void;
  /**
   * Called after every pass, once {@link ClusterTracker.isCurrent} may have turned true: files
   * whose publication waited for the analysis can go out now.
   */
  readonly settled?: () => void;
  readonly log: Logger;
  /** Defaults to {@link CLUSTER_DELAY_MS}; a function is read at each edit (a setting). */
  readonly delayMs?: number | (() => number);
}

interface ClusterResult {
  /** What the analysis depended on: the settings (as JSON) and every document snapshot it read. */
  readonly inputs: readonly unknown[];
  readonly analysis: ClusterAnalysis;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The workspace's cluster findings, per file. */
export class ClusterTracker {
  private results = new Map<string, ClusterResult>();
  private byUri = new Map<string, Issue[]>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Changes asked for (edits, disk, settings) and the last of them a finished pass has seen. */
  private requested = 0;
  private seen = 0;

  constructor(private readonly deps: ClusterDependencies) {}

  /** Analyses again once edits have paused. */
  schedule(): void {
    this.requested++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const delay = this.deps.delayMs;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runNow();
      },
      typeof delay === 'function' ? delay() : (delay ?? CLUSTER_DELAY_MS),
    );
  }

  /** Analyses now; a run requested while one is going starts right after it. */
  runNow(): Promise<void> {
    this.requested++;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // Every change asked for before the pass reads the documents is in what it reads.
        const requested = this.requested;
        try {
          await this.analyse();
        } catch (error) {
          this.deps.log.error(`Cluster analysis failed: ${describeError(error)}`);
        }
        // A failed pass counts as seen too: files waiting for it get the findings there are
        // rather than none ever.
        this.seen = Math.max(this.seen, requested);
        this.deps.settled?.();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  /**
   * Whether the cross-node findings of a file reflect every change made so far: no change waits
   * for a pass, or the file belongs to no cluster. A publication that includes them must wait
   * otherwise, or it shows the findings of texts the user has already changed. Any pending
   * change counts, whichever cluster it concerns: telling which cluster an edit touches would
   * take the planning the pass does, and waiting costs at most one cluster delay.
   */
  isCurrent(uri: string): boolean {
    if (this.seen === this.requested) return true;
    if (this.byUri.has(uri) || this.deps.nodes.nodesOf(uri).length > 0) return false;
    for (const { analysis } of this.results.values()) {
      if (analysis.model.textOf(uri) !== undefined) return false;
    }
    return true;
  }

  /** Cross-node findings of a file, as LSP diagnostics against `lineIndex` (its current text). */
  diagnosticsFor(uri: string, lineIndex?: LineIndex, version?: number): Diagnostic[] {
    const issues = this.byUri.get(uri);
    if (!issues?.length) return [];
    const index = lineIndex ?? this.lineIndexOf(uri);
    if (!index) return [];
    return issues.map((issue) =>
      issueToDiagnostic(issue, index, {
        docsBaseUrl: RULE_DOCS_BASE_URL,
        lineIndexOf: (other) => this.lineIndexOf(other),
        ...(version !== undefined ? { version } : {}),
      }),
    );
  }

  /** The analysis of the cluster a file belongs to (hover, code lens, navigation). */
  analysisFor(uri: string): ClusterAnalysis | undefined {
    for (const { analysis } of this.results.values()) {
      if (analysis.model.textOf(uri) !== undefined) return analysis;
    }
    return undefined;
  }

  /** Files that currently have cluster findings. */
  filesWithFindings(): string[] {
    return [...this.byUri.keys()];
  }

  /** Stops pending work. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private lineIndexOf(uri: string): LineIndex | undefined {
    for (const { analysis } of this.results.values()) {
      const index = analysis.model.lineIndexOf(uri);
      if (index) return index;
    }
    const text = this.deps.files.readFile(uri);
    return text === undefined ? undefined : new LineIndex(text);
  }

  private async analyse(): Promise<void> {
    const plans = this.deps.nodes.plans();
    const documents = this.deps.nodes.documents();
    const results = new Map<string, ClusterResult>();
    const reanalysed = new Set<string>();
    for (const plan of plans) {
      const planDocuments = plan.nodes.flatMap((node) => [...node.haproxy, ...node.keepalived]);
      const first = planDocuments[0];
      if (!first) continue;
      const settings = await this.deps.settingsFor(first.uri);
      const previous = this.results.get(plan.id);
      const own = new Set<ParsedDocument>(planDocuments);
      // Included files are part of what the previous analysis read: an edit there counts too.
      // Settings are rebuilt on every request, so they are compared by content.
      const inputs = (model: ClusterModel): unknown[] => [
        JSON.stringify(settings),
        ...planDocuments,
        ...documents.filter((d) => !own.has(d) && model.textOf(d.uri) !== undefined),
      ];
      if (previous && sameInputs(previous.inputs, inputs(previous.analysis.model))) {
        results.set(plan.id, previous);
        continue;
      }
      const started = performance.now();
      const analysis = this.deps.service.analyseCluster(plan.nodes, { settings });
      // One line per analysis: how long the cross-node checks take on real workspaces, and
      // whether an edit re-analysed the cluster at all (unchanged clusters are skipped above).
      this.deps.log.info(
        `Cluster analysis ${plan.id}: ${plan.nodes.length} nodes, ${Math.round(performance.now() - started)} ms, ${analysis.issues.length} findings`,
      );
      for (const document of planDocuments) reanalysed.add(document.uri);
      results.set(plan.id, { inputs: inputs(analysis.model), analysis });
    }

    const next = new Map<string, Issue[]>();
    for (const { analysis } of results.values()) {
      for (const issue of analysis.issues) {
        if (issue.uri === undefined) continue;
        const list = next.get(issue.uri);
        if (list) list.push(issue);
        else next.set(issue.uri, [issue]);
      }
    }
    const changed = new Set<string>();
    for (const uri of new Set([...next.keys(), ...this.byUri.keys()])) {
      const before = this.byUri.get(uri) ?? [];
      const after = next.get(uri) ?? [];
      if (before.length !== after.length || before.some((issue, i) => issue !== after[i])) {
        changed.add(uri);
      }
    }
    this.results = results;
    this.byUri = next;
    if (changed.size > 0) this.deps.changed(changed);
    if (reanalysed.size > 0) this.deps.analysed?.(reanalysed);
  }
}
