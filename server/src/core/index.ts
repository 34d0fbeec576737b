/**
 * Public entry of the language service. Hosts import from here only, and it exports only what
 * they import (the core's own tests may also reach into its modules).
 *
 * @packageDocumentation
 */
export { createLanguageService } from './language-service.js';
export type { LanguageService, RequestContext } from './language-service.js';
export type { CodeActionClient, PeerNodeOfDocument } from './features/peer-node.js';
export { MIGRATE_KIND, MIGRATION_TARGETS } from './features/migrate.js';
export type { NotMigrated, WorkspaceMigration } from './features/migrate.js';
export { MAX_DOCUMENT_LENGTH } from './language-service.js';
export { PLAIN_FORMAT } from './features/context.js';
export type { ClientFormat } from './features/context.js';
export type { ParsedDocument, HaproxyDocument, KeepalivedDocument } from './document.js';
export { shareDocument } from './document.js';
export {
  detectLanguage,
  isPatternFileName,
  languageFromName,
  languageFromContent,
  PATTERN_FILE_LANGUAGE_ID,
} from './common/detect.js';
export type { LanguageId } from './common/detect.js';
export type { Issue, Severity, IssueSource } from './common/issue.js';
export { LineIndex } from './common/line-index.js';
export { PROJECT_URL, RULE_DOCS_BASE_URL, ruleDocUrl } from './common/docs.js';
export type { TextChange } from './common/text-change.js';
export type { FileHost } from './common/file-host.js';
export {
  expandBraces,
  hasGlobMagic,
  MAX_BRACE_ALTERNATIVES,
  MAX_GLOB_LENGTH,
  segmentMatcher,
} from './common/glob.js';
export { FIX_ALL_KIND } from './features/fix-all-actions.js';
export { toLspEdits } from './features/code-actions.js';
export { unifiedDiff } from './common/line-diff.js';
export {
  SEMANTIC_TOKENS_LEGEND,
  semanticTokensEdits,
  tokenDataArray,
} from './features/semantic-tokens.js';
export type { DocumentLinkCandidate, ReferencedFileKind } from './features/document-links.js';
export type { ReferencedFile, ReferencedFiles } from './features/referenced-files.js';
export { DEFAULT_SETTINGS, resolveSettings } from './settings.js';
export { RULE_CODES } from './rules.js';
export type { ServiceSettings } from './settings.js';
export { planClusters, readNodeMapping, mappedFiles } from './cluster/plan.js';
export type { ClusterPlan, NodeMapping } from './cluster/plan.js';
export { toDiagnostic as issueToDiagnostic } from './features/diagnostics.js';
export type { ClusterInfo } from './features/cluster-members.js';
export { buildCluster } from './cluster/index.js';
export type { ClusterAnalysis } from './cluster/index.js';
export { runScenarios, HEALTHY } from './topology/scenario.js';
export { planLab } from './lab/plan.js';
export type { LabFrontend, LabNode, LabPlan, LabServer } from './lab/plan.js';
export { predictHolders, predictSpread, sameHolders, spreadAgrees } from './lab/predict.js';
export type { HolderPrediction, PredictedPriority, SpreadPrediction } from './lab/predict.js';
export { observedPriority } from './lab/observe.js';
export type { ObservedPriority } from './lab/observe.js';
export type {
  FailoverScenario,
  SimGroup,
  TopologyGraph,
  TopologyLocation,
} from './topology/graph.js';
export type { ClusterModel, ClusterNodeInput } from './cluster/model.js';
