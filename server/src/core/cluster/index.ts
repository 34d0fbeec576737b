/**
 * Cluster analysis entry: builds the model of the nodes and runs the cross-node rules, reporting
 * each finding in the file it belongs to with that file's suppressions and severities applied.
 */
import type { Issue } from '../common/issue.js';
import { runRules, type Rule } from '../common/rule.js';
import { applySuppressions } from '../common/suppressions.js';
import { buildCluster } from './build.js';
import type { ClusterInput, ClusterModel, ClusterRuleContext } from './model.js';
import { HAPROXY_SIDE_RULES } from './rules/haproxy-side.js';
import { VRRP_CLUSTER_RULES } from './rules/index.js';

/** Every cross-node rule, in the order they run: the VRRP rules, then the HAProxy-side ones. */
export const CLUSTER_RULES: readonly Rule<ClusterRuleContext>[] = [
  ...VRRP_CLUSTER_RULES,
  // HAProxy with Keepalived rules (bind-unmanaged-vip, vip-not-bound, …) are listed here.
  ...HAPROXY_SIDE_RULES,
];

/** What `analyseCluster` returns: the model (for hover, code lens, navigation) and the findings. */
export interface ClusterAnalysis {
  readonly model: ClusterModel;
  /** Findings with `source: 'cluster'`, each with the `uri` of the file it belongs to. */
  readonly issues: readonly Issue[];
}

/**
 * Builds the cluster model and runs `rules` (default: `CLUSTER_RULES`) over it. Every finding
 * carries its file's `uri`; `halint-disable` comments of that file and the severity settings of
 * its language (`off` drops the finding) are applied.
 */
export function analyseCluster(
  input: ClusterInput,
  onRuleError?: (code: string, error: unknown) => void,
  rules: readonly Rule<ClusterRuleContext>[] = CLUSTER_RULES,
): ClusterAnalysis {
  const model = buildCluster(input);
  const found = runRules(rules, { model }, 'cluster', onRuleError);
  const haproxyUris = new Set(
    model.nodes.flatMap((node) => node.input.haproxy.map((document) => document.uri)),
  );
  const byUri = new Map<string, Issue[]>();
  for (const issue of found) {
    // A rule that forgot the file cannot be placed; dropping it beats guessing a file.
    if (issue.uri === undefined) continue;
    const list = byUri.get(issue.uri) ?? [];
    list.push(issue);
    byUri.set(issue.uri, list);
  }
  const issues: Issue[] = [];
  for (const [uri, list] of byUri) {
    const text = model.textOf(uri);
    const lineIndex = model.lineIndexOf(uri);
    // applySuppressions only judges issues of the text it is given, which carry no `uri`.
    const local = list.map(({ uri: _uri, ...rest }) => rest);
    const kept =
      text !== undefined && lineIndex ? applySuppressions(local, text, lineIndex) : local;
    const severities = input.settings[haproxyUris.has(uri) ? 'haproxy' : 'keepalived'].severities;
    for (const issue of kept) {
      const override = severities[issue.code];
      if (override === 'off') continue;
      issues.push({
        ...issue,
        uri,
        ...(override && override !== issue.severity ? { severity: override } : {}),
      });
    }
  }
  return { model, issues };
}

export { buildCluster } from './build.js';
