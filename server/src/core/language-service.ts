import type {
  CompletionItem,
  Hover,
  SignatureHelp,
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  Location,
  FoldingRange,
  FormattingOptions,
  InlayHint,
  Range,
  SemanticTokens,
  TextEdit as LspTextEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-types';
import { detectLanguage, type LanguageId } from './common/detect.js';
import { RULE_DOCS_BASE_URL } from './common/docs.js';
import type { FileHost } from './common/file-host.js';
import type { Issue } from './common/issue.js';
import type { TextChange } from './common/text-change.js';
import { applyChange } from './common/text-change.js';
import { makeDocument, type HaproxyDocument, type ParsedDocument } from './document.js';
import { runRules } from './common/rule.js';
import { LineIndex } from './common/line-index.js';
import { mergeDaemonIssues } from './daemons/place.js';
import { toDiagnostic, type DiagnosticOptions } from './features/diagnostics.js';
import { applySuppressions } from './common/suppressions.js';
import { getCompletions } from './features/completion.js';
import { PLAIN_FORMAT, type ClientFormat } from './features/context.js';
import { getHover } from './features/hover.js';
import { getSignatureHelp } from './features/signature-help.js';
import { getCodeActions, wantsKind } from './features/code-actions.js';
import { getBringOverActions } from './features/bring-over.js';
import { fixAll, type FixAllOptions, type FixAllResult } from './features/fix-all.js';
import { fixAllOfCode, getSourceFixAll } from './features/fix-all-actions.js';
import {
  getMigrateAction,
  MIGRATE_KIND,
  migrateWorkspace,
  type WorkspaceMigration,
} from './features/migrate.js';
import {
  getPeerNodeActions,
  getPeerNodeOfDocument,
  PEER_NODE_KIND,
  type CodeActionClient,
  type PeerNodeOfDocument,
} from './features/peer-node.js';
import { getDocumentSymbols } from './features/document-symbols.js';
import { getWorkspaceSymbols } from './features/workspace-symbols.js';
import { getFoldingRanges } from './features/folding.js';
import { formatDocument, formatRange } from './features/formatting.js';
import { getDefinition } from './features/definition.js';
import { getReferences } from './features/references.js';
import { getDocumentHighlights } from './features/document-highlight.js';
import {
  prepareRename,
  rename,
  type PrepareRenameResult,
  type RenameResult,
} from './features/rename.js';
import { getSemanticTokenData, getSemanticTokens } from './features/semantic-tokens.js';
import {
  getDocumentLinkCandidates,
  type DocumentLinkCandidate,
} from './features/document-links.js';
import {
  referencedFileDefinition,
  referencedFileHover,
  referencedFileIssues,
  type ReferencedFiles,
} from './features/referenced-files.js';
import { getHaproxyCodeLenses } from './features/haproxy-code-lens.js';
import { clusterInterfaceNames, type ClusterInfo } from './features/cluster-members.js';
import { getClusterHover, mergeHovers } from './features/cluster-hover.js';
import { getClusterCodeLenses } from './features/cluster-code-lens.js';
import { getDrillLenses } from './features/drill-lens.js';
import { getKeepalivedCodeLenses } from './features/keepalived-code-lens.js';
import { getClusterDefinition, getClusterReferences } from './features/cluster-navigation.js';
import { getInlayHints } from './features/inlay-hints.js';
import { getTopologyLenses } from './features/topology-lens.js';
import { HAPROXY_RULES } from './haproxy/rules/index.js';
import { runHaproxyRules } from './haproxy/rules/run.js';
import { KEEPALIVED_RULES } from './keepalived/rules/index.js';
import { nodeView } from './keepalived/analysis/view.js';
import { parseHaproxy, reparseHaproxy, type HaproxyParse } from './haproxy/index.js';
import { parseKeepalived, reparseKeepalived, type KeepalivedParse } from './keepalived/index.js';
import { DEFAULT_SETTINGS, type ServiceSettings } from './settings.js';
import { COMBINED_URI, combine, splitIssues } from './haproxy/multi-file.js';
import { analyseCluster, type ClusterAnalysis } from './cluster/index.js';
import type { ClusterNodeInput } from './cluster/model.js';
import { buildTopology } from './topology/build.js';
import type { TopologyGraph } from './topology/graph.js';

/**
 * A finding located in another file than the one validated (a Keepalived include) keeps its code,
 * place and severity but not its message, related texts or fixes: those quote the other file's
 * words, and `include /proc/self/environ` or `include /etc/shadow` must not print secrets into a
 * CI log. The file's own validation, when it is linted or opened, gives the details.
 */
function withoutForeignText(issue: Issue, uri: string): Issue {
  if (issue.uri === undefined || issue.uri === uri) return issue;
  return {
    code: issue.code,
    severity: issue.severity,
    start: issue.start,
    end: issue.end,
    uri: issue.uri,
    ...(issue.source !== undefined ? { source: issue.source } : {}),
    message: `This included file has a '${issue.code}' finding here; halint does not quote included files. Lint or open the file itself for the details.`,
  };
}

/**
 * What a request knows besides its document, the same shape for every method of the
 * {@link LanguageService}, always its last argument. Each method reads the parts it needs; every
 * part is optional, so a host passes what it has.
 */
export interface RequestContext {
  /** Settings of the document (default: {@link DEFAULT_SETTINGS}). */
  readonly settings?: ServiceSettings;
  /** How the client renders documentation and insert texts (default: plain text). */
  readonly format?: ClientFormat;
  /** What the client does with workspace edits of code actions (default: text edits only). */
  readonly codeActions?: CodeActionClient;
  /** The analysis of the document's cluster: cross-node hover, lenses, navigation and fixes. */
  readonly cluster?: ClusterInfo;
  /** Other documents that navigation, rename and workspace symbols search. */
  readonly documents?: readonly ParsedDocument[];
  /**
   * The nodes the document belongs to: its findings are then those of its node, as
   * {@link LanguageService.validateNode} gives them (config-id, environment, HAProxy files read
   * together); for a file shared by several nodes, those of every node.
   */
  readonly nodes?: readonly ClusterNodeInput[];
  /**
   * What a daemon's own check (`haproxy -c`, `keepalived -t`) said of this document, placed on
   * its current text. {@link LanguageService.getDiagnostics} shapes them by the settings and the
   * file's directives as it does ours, and merges them: where one of ours says the same on the
   * same line, ours is kept with the daemon's words attached.
   */
  readonly daemonFindings?: readonly Issue[];
  /**
   * How the host finds the files the document names (maps, pattern files, certificates,
   * scripts): with it, go to definition and hover follow those paths, and the findings include
   * `missing-referenced-file` and `invalid-pattern-file`.
   */
  readonly referencedFiles?: ReferencedFiles;
}

/** What a client asks code actions for. */
interface CodeActionQuery {
  /** The diagnostics the client sends back (the ones at the selection). */
  readonly diagnostics: readonly Diagnostic[];
  /** The client's `CodeActionContext.only`: the kinds it wants. */
  readonly only?: readonly string[];
  /** The range the client asks about (the selection, or the cursor). */
  readonly range?: Range;
}

/** Options fixed for the lifetime of a language service. */
interface LanguageServiceOptions {
  /** Base URL of the rule documentation pages, linked from every diagnostic (default: the project's). */
  readonly docsBaseUrl?: string;
  /** Reads other files (includes); without it, includes are not followed. */
  readonly files?: FileHost;
  /** Told when a rule throws (a bug): the host logs it; the other rules' findings still count. */
  readonly onRuleError?: (code: string, error: unknown) => void;
  /**
   * Longest text analysed, in UTF-16 code units (default {@link MAX_DOCUMENT_LENGTH}). A longer
   * document is kept as text but parsed as empty, with one `analysis-limit` finding saying why.
   */
  readonly maxDocumentLength?: number;
}

/**
 * Default for {@link LanguageServiceOptions.maxDocumentLength}: 8 MiB of text, the size the CLI
 * reads at most. Real configurations are a few hundred kilobytes; a generated or hostile
 * document beyond that would hold every editor request behind its analysis.
 */
export const MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;

/** The parse of a document over the size limit: empty, with the finding that says why. */
function oversizeParse(
  languageId: LanguageId,
  length: number,
  limit: number,
): HaproxyParse | KeepalivedParse {
  const empty = languageId === 'haproxy' ? parseHaproxy('') : parseKeepalived('');
  const mib = (value: number): string => (value / (1024 * 1024)).toFixed(1);
  const issue: Issue = {
    code: 'analysis-limit',
    severity: 'warning',
    source: languageId,
    start: 0,
    end: 0,
    message: `This document is ${mib(length)} MiB, over the ${mib(limit)} MiB halint analyses: it is not checked, and editor features are off for it. Split it into included files, or raise the limit (HALINT_MAX_DOCUMENT_MIB for the language server).`,
  };
  return { ...empty, issues: [issue] };
}

/** The one entry point hosts (LSP server, CLI, tests) use. */
export interface LanguageService {
  /** Recognises a file by name, then by content. */
  detectLanguage(path: string, text: string): LanguageId | undefined;
  /** Parses a whole document. */
  parse(languageId: LanguageId, uri: string, text: string, version?: number): ParsedDocument;
  /**
   * Applies edits to a snapshot, re-parsing only what they touch. The result is the same as
   * `parse` of the edited text.
   */
  update(document: ParsedDocument, changes: readonly TextChange[], version: number): ParsedDocument;
  /**
   * All findings of one file read on its own, with the settings' severities applied and silenced
   * ones removed. Nothing about its node or cluster is used: that is {@link validateNode}.
   */
  validate(document: ParsedDocument, context?: RequestContext): Issue[];
  /**
   * The findings of every file of one node, as the node's daemons read them: Keepalived files
   * with the node's config-id (selecting `@id` lines) and environment (for `$NAME`), the HAProxy
   * files of `haproxyConfig` together in load order as `haproxy -f … -f …` reads them (a
   * `defaults` or backend of one file counts for the next), other HAProxy files alone. Keyed by
   * file; each list is what `validate` gives, without the false "undefined" and "missing"
   * findings a file read alone would get.
   */
  validateNode(node: ClusterNodeInput, context?: RequestContext): Map<string, Issue[]>;
  /**
   * `ours` (a document's findings) with what a daemon's own check said of the document merged in
   * (`context.daemonFindings`), as {@link getDiagnostics} merges them; for hosts that report
   * findings rather than diagnostics (halint).
   */
  withDaemonFindings(
    document: ParsedDocument,
    ours: readonly Issue[],
    context: RequestContext,
  ): Issue[];
  /**
   * The findings on the files a document names (`context.referencedFiles`), shaped by the
   * settings and the document's directives; {@link getDiagnostics} adds them itself, hosts that
   * report findings (halint) add them to {@link validate}'s.
   */
  referencedFileFindings(document: ParsedDocument, context: RequestContext): Issue[];
  /** The findings of a document as LSP diagnostics: those of its `nodes` when the context has them. */
  getDiagnostics(document: ParsedDocument, context?: RequestContext): Diagnostic[];
  /**
   * Completion items at an offset, shaped for the client's `format`. With the analysis of the
   * document's `cluster`, interface names of every node are offered; with `referencedFiles`, the
   * keys of the map a `set-map(file)` / `del-map(file)` action names, at its key argument.
   */
  getCompletions(
    document: ParsedDocument,
    offset: number,
    context?: RequestContext,
  ): CompletionItem[];
  /**
   * Hover at an offset: catalog documentation or the summary of a defined name; with the
   * analysis of the document's `cluster`, the VRRP group of an instance across the nodes.
   */
  getHover(document: ParsedDocument, offset: number, context?: RequestContext): Hover | null;
  /** The argument shape of the keyword or action being typed at an offset. */
  getSignatureHelp(
    document: ParsedDocument,
    offset: number,
    context?: RequestContext,
  ): SignatureHelp | null;
  /**
   * Quick fixes for the diagnostics a client sends back: the rules' repairs and "disable on this
   * line"; "Migrate this file to HAProxy X.Y" (the settings' version) when the file has something
   * to migrate; with the `cluster`, "Make lb2 match lb1" on drift findings and "Create the peer node"
   * on a MASTER instance (for clients whose `codeActions` create files).
   */
  getCodeActions(
    document: ParsedDocument,
    query: CodeActionQuery,
    context?: RequestContext,
  ): CodeAction[];
  /**
   * Applies the document's safe fixes (`QuickFix.safe`), validating again after each pass as
   * {@link getDiagnostics} would (with the context's `nodes` and settings), for fix-all in the
   * editor and `halint --fix`. Only this document's text changes.
   */
  fixAll(document: ParsedDocument, options?: FixAllOptions, context?: RequestContext): FixAllResult;
  /**
   * Migrates every document of `languageId` among `documents` to `version` (any version of the
   * catalog): one workspace edit replacing removed and deprecated keywords where the replacement
   * is mechanical, and the list, with links, of those that need a person.
   */
  migrate(
    documents: readonly ParsedDocument[],
    languageId: LanguageId,
    version: string,
  ): WorkspaceMigration;
  /**
   * "Create the peer node" for the node whose top-level Keepalived file is `document` (the command
   * run on a node folder), from the context's `cluster`: the same workspace edit as the code action
   * on its MASTER instance, or why there is none.
   */
  getPeerNode(document: ParsedDocument, context?: RequestContext): PeerNodeOfDocument;
  /** The outline of a document (sections, blocks and their notable lines). */
  getDocumentSymbols(document: ParsedDocument): DocumentSymbol[];
  /** Symbols of the context's `documents` matching a case-insensitive substring. */
  getWorkspaceSymbols(query: string, context?: RequestContext): WorkspaceSymbol[];
  /** Folding ranges: sections, blocks, `.if` arms and comment runs. */
  getFoldingRanges(document: ParsedDocument): FoldingRange[];
  /** Formatting edits for the whole document, or the lines `range` touches; one per changed line. */
  format(
    document: ParsedDocument,
    options?: Partial<FormattingOptions>,
    range?: Range,
  ): LspTextEdit[];
  /**
   * Where the name at `offset` is defined, searching the document and the context's `documents`;
   * local names (ACLs, servers) stay in their section. With the document's `cluster`, a VRRP
   * instance's peers on the other nodes are added.
   */
  getDefinition(document: ParsedDocument, offset: number, context?: RequestContext): Location[];
  /**
   * Every use of the name at `offset`, with its definitions when `includeDeclaration`. With the
   * document's `cluster`, the peers' instances and tracked scripts of a VRRP group are added.
   */
  getReferences(
    document: ParsedDocument,
    offset: number,
    includeDeclaration: boolean,
    context?: RequestContext,
  ): Location[];
  /** The occurrences of the name at `offset` in its document (definitions as writes). */
  getDocumentHighlights(document: ParsedDocument, offset: number): DocumentHighlight[];
  /** What a rename at `offset` would change (in the context's `documents` too), or why not. */
  prepareRename(
    document: ParsedDocument,
    offset: number,
    context?: RequestContext,
  ): PrepareRenameResult | undefined;
  /** Renames the name at `offset` in all its definitions and uses, or says why it cannot. */
  rename(
    document: ParsedDocument,
    offset: number,
    newName: string,
    context?: RequestContext,
  ): RenameResult | undefined;
  /** Semantic tokens of the whole document (legend: `SEMANTIC_TOKENS_LEGEND`). */
  getSemanticTokens(document: ParsedDocument, context?: RequestContext): SemanticTokens;
  /**
   * The same tokens as {@link getSemanticTokens}, as a typed array: for a host that keeps the last
   * answer per document to send deltas (`semanticTokensEdits`).
   */
  getSemanticTokenData(document: ParsedDocument, context?: RequestContext): Uint32Array;
  /** Words naming files (includes, certificates, maps…); the host keeps those that exist. */
  getDocumentLinks(document: ParsedDocument): DocumentLinkCandidate[];
  /**
   * Server counts above backends, routing targets above frontends; with the document's
   * `cluster`, the election and failover state above each VRRP instance of a group.
   */
  getCodeLenses(document: ParsedDocument, context?: RequestContext): CodeLens[];
  /** Inherited `default-server` options and implicit `ms` units in the lines of `range`. */
  getInlayHints(document: ParsedDocument, range: Range, context?: RequestContext): InlayHint[];
  /**
   * Cross-node analysis of a cluster: the model (VRRP groups, HAProxy facts) and the findings
   * (`source: 'cluster'`, each with the `uri` of its file). Includes are read through `files`.
   */
  analyseCluster(nodes: readonly ClusterNodeInput[], context?: RequestContext): ClusterAnalysis;
  /**
   * The topology graph of an analysed cluster for the preview and `halint topology`: every node
   * is validated by {@link validateNode}, so the picture carries the same findings as the
   * Problems panel and the report. `limit` folds long lists (0: show everything).
   */
  getTopology(
    analysis: ClusterAnalysis,
    options?: { readonly title?: string; readonly limit?: number },
    context?: RequestContext,
  ): TopologyGraph;
}

/** Creates a language service (cheap: the parsers are module-level singletons). */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const diagnosticOptions: DiagnosticOptions = {
    docsBaseUrl: options.docsBaseUrl ?? RULE_DOCS_BASE_URL,
  };

  const maxLength = options.maxDocumentLength ?? MAX_DOCUMENT_LENGTH;
  // Documents parsed as empty because of their size: an edit re-parses them whole.
  const oversize = new WeakSet<ParsedDocument>();
  const parse = (
    languageId: LanguageId,
    uri: string,
    text: string,
    version = 0,
  ): ParsedDocument => {
    if (text.length > maxLength) {
      const document = makeDocument(
        languageId,
        uri,
        version,
        text,
        oversizeParse(languageId, text.length, maxLength),
      );
      oversize.add(document);
      return document;
    }
    return makeDocument(
      languageId,
      uri,
      version,
      text,
      languageId === 'haproxy' ? parseHaproxy(text) : parseKeepalived(text),
    );
  };

  const update = (
    document: ParsedDocument,
    changes: readonly TextChange[],
    version: number,
  ): ParsedDocument => {
    let current = document;
    for (const change of changes) {
      const text = applyChange(current.text, change);
      if (oversize.has(current) || text.length > maxLength) {
        current = parse(current.languageId, current.uri, text, version);
        continue;
      }
      const result =
        current.languageId === 'haproxy'
          ? reparseHaproxy(current.parse, current.text, text, change)
          : reparseKeepalived(current.parse, current.text, text, change);
      const lines = LineIndex.edited(current.lineIndex, text, change);
      current = makeDocument(current.languageId, current.uri, version, text, result, lines);
    }
    return current.version === version ? current : { ...current, version };
  };

  // HAProxy findings depend on the document snapshot and the settings only (no other file is
  // read), so the publisher's validation of a snapshot also serves the topology preview and the
  // cluster features asking about the same snapshot. Keepalived files are not cached: their
  // includes may change under an unchanged snapshot.
  const validated = new WeakMap<ParsedDocument, { key: string; issues: Issue[] }>();
  const validate = (document: ParsedDocument, settings: ServiceSettings): Issue[] => {
    if (document.languageId !== 'haproxy') return validateNow(document, settings);
    const key = JSON.stringify(settings.haproxy);
    const cached = validated.get(document);
    if (cached?.key === key) return [...cached.issues];
    const issues = validateNow(document, settings, undefined, key);
    validated.set(document, { key, issues });
    return [...issues];
  };
  const validateNow = (
    document: ParsedDocument,
    settings: ServiceSettings,
    node?: Pick<ClusterNodeInput, 'configId' | 'env'>,
    /** `settings.haproxy` as JSON, when the caller has it already (see `validate`). */
    settingsKey?: string,
  ): Issue[] => {
    const language = settings[document.languageId];
    let found: Issue[];
    if (document.languageId === 'haproxy') {
      // Only what the last edit can change is checked again (haproxy/rules/run.ts).
      found = runHaproxyRules(
        HAPROXY_RULES,
        document,
        language,
        settingsKey ?? JSON.stringify(language),
        options.onRuleError,
      );
    } else {
      const context = {
        document,
        settings: language,
        files: options.files,
        configId: node?.configId,
        env: node?.env,
      };
      found = runRules(KEEPALIVED_RULES, context, 'keepalived', options.onRuleError);
      // The expansion the rules used (cached per context) says where its safety limits stopped it.
      for (const finding of nodeView(context).limitFindings) {
        found.push({
          ...finding,
          code: 'analysis-limit',
          severity: 'warning',
          source: 'keepalived',
        });
      }
    }
    return shaped(document, [...document.syntaxIssues, ...found], settings);
  };

  /**
   * Findings as the settings and the document's directives want them: suppressed lines left out,
   * severities overridden, codes set to `off` dropped.
   */
  const shaped = (
    document: ParsedDocument,
    found: readonly Issue[],
    settings: ServiceSettings,
  ): Issue[] => {
    const issues = applySuppressions([...found], document.text, document.lineIndex);
    const severities = settings[document.languageId].severities;
    const result: Issue[] = [];
    for (const each of issues) {
      const override = severities[each.code];
      if (override === 'off') continue;
      const issue = withoutForeignText(each, document.uri);
      result.push(
        override && override !== issue.severity ? { ...issue, severity: override } : issue,
      );
    }
    return result;
  };

  /** HAProxy files read as one configuration, findings moved back to their files. */
  const validateTogether = (
    documents: readonly HaproxyDocument[],
    settings: ServiceSettings,
  ): Map<string, Issue[]> => {
    const only = documents[0];
    if (documents.length === 1 && only) return new Map([[only.uri, validate(only, settings)]]);
    const combined = combine(documents);
    return splitIssues(combined, validate(parse('haproxy', COMBINED_URI, combined.text), settings));
  };

  /**
   * One file of a node, validated as the node reads it. `document` may be a newer snapshot than
   * the node's own (an edit not yet planned): it stands in for the node's file of the same URI,
   * so that findings always match the text they are shown against.
   */
  const validateInNode = (
    node: ClusterNodeInput,
    document: ParsedDocument,
    settings: ServiceSettings,
  ): Issue[] => {
    if (document.languageId === 'keepalived') return validateNow(document, settings, node);
    const together = (node.haproxyConfig ?? []).map((file) =>
      file.uri === document.uri ? document : file,
    );
    if (together.length < 2 || !together.includes(document)) {
      return validate(document, settings);
    }
    return validateTogether(together, settings).get(document.uri) ?? [];
  };

  const validateNode = (
    node: ClusterNodeInput,
    settings: ServiceSettings,
  ): Map<string, Issue[]> => {
    const together = node.haproxyConfig ?? [];
    const byFile =
      together.length > 1 ? validateTogether(together, settings) : new Map<string, Issue[]>();
    for (const document of node.haproxy) {
      if (!together.includes(document)) byFile.set(document.uri, validate(document, settings));
    }
    for (const document of node.keepalived) {
      byFile.set(document.uri, validateNow(document, settings, node));
    }
    return byFile;
  };

  /**
   * The findings of a document: its own, or those of each node it belongs to, a finding that
   * several nodes share counted once (a shared `keepalived.conf` read with two config-ids).
   */
  const findingsOf = (document: ParsedDocument, context: RequestContext): Issue[] => {
    const settings = context.settings ?? DEFAULT_SETTINGS;
    const nodes = (context.nodes ?? []).filter((node) =>
      [...node.haproxy, ...node.keepalived].some((file) => file.uri === document.uri),
    );
    if (nodes.length === 0) return validate(document, settings);
    const [first, ...others] = nodes.map((node) => validateInNode(node, document, settings));
    if (others.length === 0) return first ?? [];
    const seen = new Set<string>();
    const issues: Issue[] = [];
    for (const issue of [first ?? [], ...others].flat()) {
      const key = JSON.stringify([issue.code, issue.start, issue.end, issue.uri, issue.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    return issues;
  };

  const diagnosticsOf = (
    document: ParsedDocument,
    issues: readonly Issue[],
    context: RequestContext,
  ): Diagnostic[] => {
    // Related places (a first definition, the rule tried first, the daemon's words) may be in
    // this file or in another file of its node.
    const others = new Map<string, LineIndex>();
    for (const node of context.nodes ?? []) {
      for (const file of [...node.haproxy, ...(node.haproxyConfig ?? []), ...node.keepalived]) {
        others.set(file.uri, file.lineIndex);
      }
    }
    const lineIndexOf = (uri: string): LineIndex | undefined =>
      uri === document.uri ? document.lineIndex : others.get(uri);
    return issues.map((issue) =>
      toDiagnostic(issue, document.lineIndex, {
        ...diagnosticOptions,
        version: document.version,
        lineIndexOf,
      }),
    );
  };

  const fixAllOf = (
    document: ParsedDocument,
    options: FixAllOptions,
    context: RequestContext,
  ): FixAllResult =>
    fixAll(
      document.text,
      document.uri,
      // Each pass's text stands in for the document, in its nodes too (see validateInNode).
      (text) =>
        findingsOf(parse(document.languageId, document.uri, text, document.version), context),
      options,
    );

  const referencedFindings = (document: ParsedDocument, context: RequestContext): Issue[] => {
    if (context.referencedFiles === undefined) return [];
    const issues = referencedFileIssues(document, context.referencedFiles);
    // Shaping reads the whole text for suppression comments: not worth it for nothing.
    return issues.length === 0
      ? issues
      : shaped(document, issues, context.settings ?? DEFAULT_SETTINGS);
  };

  /** Ours and, merged into them, what a daemon's own check said of the document. */
  const withDaemonFindings = (
    document: ParsedDocument,
    ours: Issue[],
    context: RequestContext,
  ): Issue[] => {
    const theirs = context.daemonFindings;
    if (theirs === undefined || theirs.length === 0) return ours;
    const settings = context.settings ?? DEFAULT_SETTINGS;
    // Placed on this document, so read as its own findings: its directives apply to them too.
    const own = theirs.map(({ uri, ...issue }) =>
      uri === document.uri ? issue : { uri, ...issue },
    );
    return mergeDaemonIssues(document.uri, document.text, ours, shaped(document, own, settings));
  };

  return {
    detectLanguage,
    parse,
    update,
    validate: (document, { settings = DEFAULT_SETTINGS } = {}) => validate(document, settings),
    validateNode: (node, { settings = DEFAULT_SETTINGS } = {}) => validateNode(node, settings),
    withDaemonFindings: (document, ours, context) =>
      withDaemonFindings(document, [...ours], context),
    referencedFileFindings: referencedFindings,
    getDiagnostics: (document, context = {}) =>
      diagnosticsOf(
        document,
        withDaemonFindings(
          document,
          [...findingsOf(document, context), ...referencedFindings(document, context)],
          context,
        ),
        context,
      ),
    getCodeActions: (document, { diagnostics, only, range }, context = {}) => {
      const { cluster, codeActions } = context;
      const fixOfCode = fixAllOfCode(
        document,
        () => findingsOf(document, context),
        (options) => fixAllOf(document, options, context),
      );
      const settings = context.settings ?? DEFAULT_SETTINGS;
      const migration = wantsKind(only, MIGRATE_KIND)
        ? getMigrateAction(document, settings[document.languageId].version)
        : undefined;
      const fixes = getCodeActions(
        document,
        diagnostics,
        () => findingsOf(document, context),
        only,
        (diagnostic) => [
          ...(cluster ? getBringOverActions(document, diagnostic, cluster) : []),
          ...fixOfCode(diagnostic),
        ],
      );
      fixes.push(
        ...getSourceFixAll(document, only, (options) => fixAllOf(document, options, context)),
      );
      if (migration) fixes.push(migration);
      if (!range || !cluster || !codeActions || !wantsKind(only, PEER_NODE_KIND)) return fixes;
      const { lineIndex } = document;
      const start = lineIndex.offsetAt(range.start);
      const end = lineIndex.offsetAt(range.end);
      return [...fixes, ...getPeerNodeActions(document, start, end, cluster, codeActions)];
    },
    migrate: migrateWorkspace,
    getPeerNode: (document, { cluster } = {}) => getPeerNodeOfDocument(document, cluster),
    getCompletions: (document, offset, { settings, format, cluster, referencedFiles } = {}) =>
      getCompletions(
        document,
        offset,
        settings ?? DEFAULT_SETTINGS,
        format ?? PLAIN_FORMAT,
        cluster ? clusterInterfaceNames(cluster.model) : [],
        referencedFiles,
      ),
    getHover: (
      document,
      offset,
      { settings, format = PLAIN_FORMAT, cluster, referencedFiles } = {},
    ) => {
      // On a path word, the file is what the cursor points at (not the converter around it).
      const file = referencedFiles
        ? referencedFileHover(document, offset, referencedFiles, format)
        : null;
      const base = file ?? getHover(document, offset, settings ?? DEFAULT_SETTINGS, format);
      if (!cluster) return base;
      return mergeHovers(base, getClusterHover(cluster, document, offset, format), format.markdown);
    },
    getSignatureHelp: (document, offset, { settings, format } = {}) =>
      getSignatureHelp(document, offset, settings ?? DEFAULT_SETTINGS, format ?? PLAIN_FORMAT),
    fixAll: (document, options = {}, context = {}) => fixAllOf(document, options, context),
    getDocumentSymbols,
    getWorkspaceSymbols: (query, { documents = [] } = {}) => getWorkspaceSymbols(documents, query),
    getFoldingRanges,
    format: (document, options, range) =>
      range ? formatRange(document, range, options) : formatDocument(document, options),
    getDefinition: (document, offset, { documents = [], cluster, referencedFiles } = {}) => {
      const file = referencedFiles
        ? referencedFileDefinition(document, offset, referencedFiles)
        : [];
      if (file.length > 0) return file;
      const local = getDefinition(documents, document, offset);
      return cluster ? getClusterDefinition(cluster, document, offset, local) : local;
    },
    getReferences: (document, offset, includeDeclaration, { documents = [], cluster } = {}) => {
      const local = getReferences(documents, document, offset, includeDeclaration);
      return cluster
        ? getClusterReferences(cluster, document, offset, includeDeclaration, local)
        : local;
    },
    getDocumentHighlights,
    prepareRename: (document, offset, { documents = [] } = {}) =>
      prepareRename(documents, document, offset),
    rename: (document, offset, newName, { documents = [] } = {}) =>
      rename(documents, document, offset, newName),
    getSemanticTokens: (document, { settings = DEFAULT_SETTINGS } = {}) =>
      getSemanticTokens(document, settings[document.languageId].version),
    getSemanticTokenData: (document, { settings = DEFAULT_SETTINGS } = {}) =>
      getSemanticTokenData(document, settings[document.languageId].version),
    getDocumentLinks: getDocumentLinkCandidates,
    getCodeLenses: (document, { settings = DEFAULT_SETTINGS, cluster } = {}) => {
      const clusterLenses = cluster ? getClusterCodeLenses(cluster, document) : [];
      const covered = new Set(clusterLenses.map((lens) => lens.range.start.line));
      return [
        ...getHaproxyCodeLenses(document, settings.haproxy.version),
        ...getKeepalivedCodeLenses(document, settings.keepalived, covered),
        ...clusterLenses,
        ...getTopologyLenses(document, settings.haproxy.version),
        ...(cluster ? getDrillLenses(cluster, document) : []),
      ];
    },
    getInlayHints: (document, range, { settings = DEFAULT_SETTINGS } = {}) =>
      getInlayHints(document, range.start.line, range.end.line, settings.haproxy.version),
    analyseCluster: (nodes, { settings = DEFAULT_SETTINGS } = {}) =>
      analyseCluster(
        { nodes, settings, ...(options.files ? { files: options.files } : {}) },
        options.onRuleError,
      ),
    getTopology: (analysis, topology = {}, { settings = DEFAULT_SETTINGS } = {}) => {
      const issues: Issue[] = [...analysis.issues];
      for (const node of analysis.model.nodes) {
        for (const [uri, found] of validateNode(node.input, settings)) {
          for (const issue of found) {
            issues.push(issue.uri === undefined ? { ...issue, uri } : issue);
          }
        }
      }
      return buildTopology(analysis.model, { ...topology, issues });
    },
  };
}
