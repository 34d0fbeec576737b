/**
 * Cluster code lens: above each `vrrp_instance` whose VRRP group spans several nodes, the role
 * every member takes in the election with all checks up (`MASTER lb1 (103) · BACKUP lb2 (102)`,
 * effective priorities in brackets) and whether failover works: broken as soon as a
 * `failover-weight`, `priority-clash` or `vrid-mismatch` finding of the analysis concerns the
 * group. When the members cannot hear each other (see `cluster-split.ts`) there is no such
 * election, and the lens names the masters of the split instead. Where a finding is the reason,
 * clicking the lens reveals it.
 */
import type { CodeLens, Command, Range } from 'vscode-languageserver-types';
import type { GroupMember, VrrpGroup } from '../cluster/model.js';
import { simulateFailover } from '../cluster/simulate.js';
import type { Issue } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import { membersOfInstance, nodeCount, type ClusterInfo } from './cluster-members.js';
import { groupSplit, issueTouchesGroup, splitRole, type GroupSplit } from './cluster-split.js';

/** Findings that mean the VIP would not move (or not stay) where it should. */
const FAILOVER_BREAKING_CODES: ReadonlySet<string> = new Set([
  'failover-weight',
  'priority-clash',
  'vrid-mismatch',
]);

/**
 * Command a lens runs to reveal the finding it refers to, with the arguments `[uri, range]`
 * (a document URI and an LSP range). The VS Code client registers it; other clients may register
 * a command of the same name or leave the lens as information only.
 */
export const SHOW_FINDING_COMMAND = 'haKeepalived.showProblems';

/** Code lenses of the VRRP instances of a Keepalived document. */
export function getClusterCodeLenses(cluster: ClusterInfo, document: ParsedDocument): CodeLens[] {
  if (document.languageId !== 'keepalived') return [];
  const lenses: CodeLens[] = [];
  for (const node of document.parse.ast.items) {
    if (node.kind !== 'item' || node.keyword.value !== 'vrrp_instance') continue;
    const group = membersOfInstance(cluster, document, node)
      .map((placed) => placed.group)
      .find((candidate) => nodeCount(candidate) >= 2);
    if (!group) continue;
    const line = document.lineIndex.positionAt(node.keyword.start).line;
    lenses.push({
      range: {
        start: { line, character: 0 },
        end: document.lineIndex.positionAt(node.keyword.end),
      },
      command: lensCommand(cluster, document, group),
    });
  }
  return lenses;
}

/**
 * The lens of a group: its title, and a command revealing the finding that explains a split or a
 * broken failover (preferably one in `document`). Without such a finding the lens is information
 * only, which an empty command id expresses; the hover has the details.
 */
function lensCommand(cluster: ClusterInfo, document: ParsedDocument, group: VrrpGroup): Command {
  const split = groupSplit(cluster.issues, group);
  const title = split ? splitTitle(group, split) : lensTitle(cluster, group);
  const reasons = split
    ? split.findings
    : cluster.issues.filter((issue) => concernsGroup(issue, group));
  const finding = reasons.find((issue) => issue.uri === document.uri) ?? reasons[0];
  const target = finding ? findingPlace(cluster, document, finding) : undefined;
  if (!target) return { title, command: '' };
  return { title, command: SHOW_FINDING_COMMAND, arguments: [target.uri, target.range] };
}

/** Where a finding sits, as an URI and LSP range of the text the analysis read. */
function findingPlace(
  cluster: ClusterInfo,
  document: ParsedDocument,
  issue: Issue,
): { uri: string; range: Range } | undefined {
  const uri = issue.uri ?? document.uri;
  const index = cluster.model.lineIndexOf(uri);
  if (!index) return undefined;
  return { uri, range: { start: index.positionAt(issue.start), end: index.positionAt(issue.end) } };
}

/** `MASTER`-per-part title: `split: lb1 MASTER, lb2 MASTER — see vrid-mismatch`. */
function splitTitle(group: VrrpGroup, split: GroupSplit): string {
  const label = memberLabel(group);
  // Members hearing each other are listed together; parts are separated by a bar.
  const parts = split.parts.map((part) =>
    part.members.map((member) => `${label(member)} ${splitRole(part, member)}`).join(', '),
  );
  return `split: ${parts.join(' | ')} — see ${split.codes.join(', ')}`;
}

/** `lb1`, or `lb1/VI_2` when the members do not all share one instance name. */
function memberLabel(group: VrrpGroup): (member: GroupMember) => string {
  const names = new Set(group.members.map((member) => member.instance.name));
  return (member) =>
    names.size > 1 ? `${member.node.name}/${member.instance.name}` : member.node.name;
}

/** `MASTER lb1 (103) · BACKUP lb2 (102) · failover OK`. */
function lensTitle(cluster: ClusterInfo, group: VrrpGroup): string {
  const simulation = simulateFailover(group);
  const holder = simulation.healthy.holder;
  const label = memberLabel(group);
  const rank = (value: number | 'fault'): number => (value === 'fault' ? -1 : value);
  const parts = [...simulation.members]
    .sort((a, b) => rank(b.healthy) - rank(a.healthy))
    .map((entry) => {
      const role =
        entry.healthy === 'fault' ? 'FAULT' : entry.member === holder ? 'MASTER' : 'BACKUP';
      const priority = entry.healthy === 'fault' ? entry.base : entry.healthy;
      return `${role} ${label(entry.member)} (${priority})`;
    });
  let status: string;
  if (cluster.issues.some((issue) => concernsGroup(issue, group))) {
    status = 'failover broken: see problems';
  } else if (!holder) {
    status = simulation.healthy.tie.length > 0 ? 'no clear master' : 'no master';
  } else {
    status = 'failover OK';
  }
  return [...parts, status].join(' · ');
}

/** A failover-breaking finding placed in (or pointing to) the instance of a member. */
function concernsGroup(issue: Issue, group: VrrpGroup): boolean {
  // Findings sit on a line of a member's instance (a track entry, `priority`, the VRID); a
  // script definition shared by several groups would not tell which group is meant.
  return FAILOVER_BREAKING_CODES.has(issue.code) && issueTouchesGroup(issue, group);
}
