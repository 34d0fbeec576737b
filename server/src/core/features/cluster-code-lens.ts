/**
 * Cluster code lens: above each `vrrp_instance` whose VRRP group spans several nodes, the role
 * every member takes in the election with all checks up (`MASTER lb1 (103) · BACKUP lb2 (102)`,
 * effective priorities in brackets) and whether failover works: broken as soon as a
 * `failover-weight`, `priority-clash` or `vrid-mismatch` finding of the analysis concerns the
 * group.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { GroupMember, VrrpGroup } from '../cluster/model.js';
import { simulateFailover } from '../cluster/simulate.js';
import type { Issue } from '../common/issue.js';
import type { ParsedDocument } from '../document.js';
import { membersOfInstance, nodeCount, type ClusterInfo } from './cluster-members.js';

/** Findings that mean the VIP would not move (or not stay) where it should. */
export const FAILOVER_BREAKING_CODES: ReadonlySet<string> = new Set([
  'failover-weight',
  'priority-clash',
  'vrid-mismatch',
]);

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
      // No command: the lens is information only; the hover has the details.
      command: { title: lensTitle(cluster, group), command: '' },
    });
  }
  return lenses;
}

/** `MASTER lb1 (103) · BACKUP lb2 (102) · failover OK`. */
export function lensTitle(cluster: ClusterInfo, group: VrrpGroup): string {
  const simulation = simulateFailover(group);
  const holder = simulation.healthy.holder;
  const names = new Set(group.members.map((member) => member.instance.name));
  const label = (member: GroupMember): string =>
    names.size > 1 ? `${member.node.name}/${member.instance.name}` : member.node.name;
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
export function concernsGroup(issue: Issue, group: VrrpGroup): boolean {
  if (!FAILOVER_BREAKING_CODES.has(issue.code)) return false;
  const places = [{ uri: issue.uri, start: issue.start, end: issue.end }, ...(issue.related ?? [])];
  // Findings sit on a line of a member's instance (a track entry, `priority`, the VRID); a
  // script definition shared by several groups would not tell which group is meant.
  return group.members.some((member) =>
    places.some(
      (place) =>
        place.uri === member.uri &&
        member.instance.item.start <= place.start &&
        place.end <= member.instance.item.end,
    ),
  );
}
