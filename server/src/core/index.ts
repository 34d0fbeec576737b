/**
 * Public entry of the language service. Hosts import from here only.
 *
 * @packageDocumentation
 */
export { createLanguageService } from './language-service.js';
export type {
  CodeActionQuery,
  LanguageService,
  LanguageServiceOptions,
  RequestContext,
} from './language-service.js';
export type { CodeActionClient } from './features/peer-node.js';
export { MAX_DOCUMENT_LENGTH } from './language-service.js';
export { PLAIN_FORMAT } from './features/context.js';
export type { ClientFormat } from './features/context.js';
export type { ParsedDocument, HaproxyDocument, KeepalivedDocument } from './document.js';
export { detectLanguage, languageFromName, languageFromContent } from './common/detect.js';
export type { LanguageId } from './common/detect.js';
export type {
  Issue,
  Severity,
  SeverityOverride,
  IssueSource,
  RelatedLocation,
} from './common/issue.js';
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
export type { QuickFix, TextEdit } from './common/issue.js';
export type { PrepareRenameResult, RenameResult } from './features/rename.js';
export { SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens.js';
export type { DocumentLinkCandidate, ReferencedFileKind } from './features/document-links.js';
export type { ReferencedFile, ReferencedFiles } from './features/referenced-files.js';
export { DEFAULT_SETTINGS, resolveSettings } from './settings.js';
export { RULE_CODES } from './rules.js';
export { nodeIndex } from './keepalived/analysis/index-node.js';
export type {
  InstanceInfo,
  NodeIndex,
  ScriptDefinition,
  SyncGroupInfo,
} from './keepalived/analysis/index-node.js';
export type { ServiceSettings, LanguageSettings } from './settings.js';
export { planClusters, readNodeMapping, mappedFiles } from './cluster/plan.js';
export type { ClusterPlan, NodeMapping, NodeMappingEntry } from './cluster/plan.js';
export { toDiagnostic as issueToDiagnostic } from './features/diagnostics.js';
export type { DiagnosticOptions } from './features/diagnostics.js';
export type { ClusterInfo } from './features/cluster-members.js';
export { analyseCluster, buildCluster, CLUSTER_RULES } from './cluster/index.js';
export type { ClusterAnalysis } from './cluster/index.js';
export { simulateFailover, effectivePriority } from './cluster/simulate.js';
export { buildTopology, type TopologyOptions } from './topology/build.js';
export { runScenario, runScenarios, HEALTHY } from './topology/scenario.js';
export { planLab } from './lab/plan.js';
export type { LabFrontend, LabNode, LabPlan, LabServer } from './lab/plan.js';
export { predictHolders, predictSpread, sameHolders, spreadAgrees } from './lab/predict.js';
export type { HolderPrediction, PredictedPriority, SpreadPrediction } from './lab/predict.js';
export { observedPriority } from './lab/observe.js';
export type { ObservedPriority } from './lab/observe.js';
export * from './topology/graph.js';
export type {
  CheckFailure,
  Effective,
  Election,
  FailoverSimulation,
  MemberHealth,
} from './cluster/simulate.js';
export type {
  ClusterInput,
  ClusterModel,
  ClusterNode,
  ClusterNodeInput,
  ClusterRuleContext,
  GroupMember,
  KeepalivedPart,
  TrackedCheck,
  VrrpGroup,
} from './cluster/model.js';
