/**
 * Cluster hover: on a `vrrp_instance` line (its keyword or name), on its `priority` and
 * `virtual_router_id` lines, on a weighted `track_*` entry and on a `vrrp_script`'s `weight`
 * line, the VRRP group the instance runs in across the nodes: each member's state, configured
 * and effective priority, and, for every tracked check failing alone on the member that wins the
 * election, the priorities and who then holds the VIP. The numbers come from `simulateFailover`,
 * the same simulation the `failover-weight` rule reports from, so hover and diagnostics agree.
 * When a split finding (`vrid-mismatch`, `auth-mismatch`, `version-mismatch`,
 * `unicast-mismatch`) concerns the group, its members do not hear each other: the hover says so
 * and names the masters of the split rather than tabulating failovers of an election that does not
 * take place.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { GroupMember, TrackedCheck, VrrpGroup } from '../cluster/model.js';
import {
  simulateFailover,
  type Effective,
  type Election,
  type FailoverSimulation,
} from '../cluster/simulate.js';
import type { KeepalivedDocument, ParsedDocument } from '../document.js';
import {
  groupsOf,
  membersOfInstance,
  membersTrackingScript,
  nodeCount,
  type ClusterInfo,
  type PlacedMember,
} from './cluster-members.js';
import { groupSplit, splitRole, type GroupSplit } from './cluster-split.js';
import { keepalivedPlace, keepalivedWordAt, type ClientFormat } from './context.js';

/** More groups than this under one `weight` line are summarised, not tabulated. */
const MAX_GROUPS = 3;

/** Lines inside a `vrrp_instance` that show the group. */
const INSTANCE_LINES = new Set(['priority', 'virtual_router_id']);

/** The cluster part of the hover at `offset`, or null when the cursor is not on a group line. */
export function getClusterHover(
  cluster: ClusterInfo,
  document: ParsedDocument,
  offset: number,
  format: ClientFormat,
): Hover | null {
  if (document.languageId !== 'keepalived') return null;
  const found = hoveredMembers(cluster, document, offset);
  if (!found) return null;
  const groups = groupsOf(found.placed).filter((group) => nodeCount(group) >= 2);
  if (groups.length === 0) return null;
  const shown = groups
    .slice(0, MAX_GROUPS)
    .map((group) => describeGroup(group, format, groupSplit(cluster.issues, group)));
  if (groups.length > MAX_GROUPS) {
    shown.push(`… and ${groups.length - MAX_GROUPS} more VRRP groups track this script.`);
  }
  const contents: MarkupContent = {
    kind: format.markdown ? 'markdown' : 'plaintext',
    value: shown.join(format.markdown ? '\n\n---\n\n' : '\n\n'),
  };
  const { word } = found;
  return {
    contents,
    range: {
      start: document.lineIndex.positionAt(word.start),
      end: document.lineIndex.positionAt(word.end),
    },
  };
}

/** The members the line under the cursor is about, and the word to anchor the hover on. */
function hoveredMembers(
  cluster: ClusterInfo,
  document: KeepalivedDocument,
  offset: number,
): { placed: PlacedMember[]; word: { start: number; end: number } } | undefined {
  const place = keepalivedPlace(document, offset);
  const node = place.node;
  if (node?.kind !== 'item') return undefined;
  const index = keepalivedWordAt(node, offset);
  const word = [node.keyword, ...node.args][index];
  if (!word) return undefined;
  const [outer, inner] = place.path;
  if (!outer) {
    // The instance's own line: its keyword or its name.
    if (node.keyword.value !== 'vrrp_instance' || index > 1) return undefined;
    return { placed: membersOfInstance(cluster, document, node), word };
  }
  if (outer.keyword.value === 'vrrp_instance') {
    const onLine = place.path.length === 1 && INSTANCE_LINES.has(node.keyword.value);
    const onWeight =
      place.path.length === 2 &&
      inner?.keyword.value.startsWith('track_') === true &&
      node.args.some((arg) => arg.value === 'weight');
    if (!onLine && !onWeight) return undefined;
    return { placed: membersOfInstance(cluster, document, outer), word };
  }
  if (
    outer.keyword.value === 'vrrp_script' &&
    place.path.length === 1 &&
    node.keyword.value === 'weight'
  ) {
    const name = outer.args[0]?.value;
    if (name === undefined) return undefined;
    return { placed: membersTrackingScript(cluster, document, name), word };
  }
  return undefined;
}

/** Table cells and labels need no Markdown syntax of their own. */
function cell(text: string, markdown: boolean): string {
  return markdown ? text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`) : text;
}

function effectiveText(value: Effective): string {
  return value === 'fault' ? 'FAULT' : String(value);
}

/** `lb1`, or `lb1 VI_2` when the group's members do not all share one instance name. */
function labeller(group: VrrpGroup): (member: GroupMember) => string {
  const names = new Set(group.members.map((member) => member.instance.name));
  const nodes = new Set(group.members.map((member) => member.node));
  const withName = names.size > 1 || nodes.size < group.members.length;
  return (member) => (withName ? `${member.node.name} ${member.instance.name}` : member.node.name);
}

function stateOf(member: GroupMember): string {
  // keepalived starts an instance without `state` as BACKUP.
  return member.instance.state?.value?.value ?? 'BACKUP';
}

/** Who holds the VIP after an election, in words. */
function holderText(election: Election, label: (member: GroupMember) => string): string {
  if (election.holder) return label(election.holder);
  if (election.tie.length > 0) return `tie: ${election.tie.map(label).join(', ')}`;
  return 'nobody';
}

/** A tracked check as the failure row names it. */
function checkText(check: TrackedCheck): string {
  const weight =
    check.weight === 0 ? 'weight 0: FAULT' : `weight ${check.weight > 0 ? '+' : ''}${check.weight}`;
  return `${check.kind} ${check.name} (${weight}${check.reverse ? ', reverse' : ''})`;
}

/** The VRIDs of the members: one value, or each member's when they disagree. */
function vridText(group: VrrpGroup, label: (member: GroupMember) => string): string {
  const values = group.members.map((member) => member.instance.vrid?.value?.value ?? '?');
  if (new Set(values).size === 1) return `VRID ${values[0] ?? '?'}`;
  return `VRIDs differ: ${group.members.map((m, i) => `${label(m)} ${values[i] ?? '?'}`).join(', ')}`;
}

/** One group as Markdown tables or plain lines. */
function describeGroup(
  group: VrrpGroup,
  format: ClientFormat,
  split: GroupSplit | undefined,
): string {
  const simulation = simulateFailover(group);
  const label = labeller(group);
  const md = format.markdown;
  const nodes = nodeCount(group);
  const head = `VRRP group ${md ? `\`${group.id}\`` : group.id}: ${nodes} nodes, ${vridText(group, label)}`;
  if (split) return describeSplit(simulation, split, label, md, head);
  const winner = simulation.healthy.holder;
  const failures = winner ? simulation.failures.filter((f) => f.member === winner) : [];
  const healthyOf = new Map(simulation.members.map((entry) => [entry.member, entry.healthy]));
  const lines: string[] = [md ? `**${head}**` : head];

  if (md) {
    lines.push(
      '',
      '| Node | State | Priority | All checks up |',
      '| --- | --- | ---: | ---: |',
      ...simulation.members.map((entry) => {
        const holds = entry.member === winner ? ' (VIP)' : '';
        return `| ${cell(label(entry.member), md)} | ${cell(stateOf(entry.member), md)} | ${entry.base} | ${effectiveText(entry.healthy)}${holds} |`;
      }),
    );
  } else {
    for (const entry of simulation.members) {
      const holds = entry.member === winner ? ', holds the VIP' : '';
      lines.push(
        `${label(entry.member)}: state ${stateOf(entry.member)}, priority ${entry.base}, ${effectiveText(entry.healthy)} with all checks up${holds}`,
      );
    }
  }
  if (!winner) {
    lines.push('', electionNote(simulation, label));
    return lines.join('\n');
  }
  if (failures.length === 0) {
    lines.push('', `${label(winner)} tracks no check: nothing moves the VIP while it is up.`);
    return lines.join('\n');
  }
  const others = simulation.members.map((entry) => entry.member);
  const valueIn = (failure: (typeof failures)[number], member: GroupMember): string =>
    effectiveText(
      member === failure.member ? failure.priority : (healthyOf.get(member) ?? 'fault'),
    );
  const outcome = (failure: (typeof failures)[number]): string => {
    const held = holderText(failure, label);
    const blocked = failure.blocked.length
      ? ` (nopreempt holds back ${failure.blocked.map(label).join(', ')})`
      : '';
    const ignored = failure.ignored ? ' (no effect)' : '';
    return `${held}${blocked}${ignored}`;
  };
  if (md) {
    lines.push(
      '',
      `| Fails on ${cell(label(winner), md)} | ${others.map((m) => cell(label(m), md)).join(' | ')} | VIP on |`,
      `| --- | ${others.map(() => '---:').join(' | ')} | --- |`,
      ...failures.map(
        (failure) =>
          `| ${cell(checkText(failure.check), md)} | ${others.map((m) => valueIn(failure, m)).join(' | ')} | ${cell(outcome(failure), md)} |`,
      ),
    );
  } else {
    lines.push('');
    for (const failure of failures) {
      const values = others.map((m) => `${label(m)} ${valueIn(failure, m)}`).join(', ');
      lines.push(
        `If ${checkText(failure.check)} fails on ${label(winner)}: ${values}; VIP on ${outcome(failure)}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * A group whose members do not hear each other: the role each member takes among those it does
 * hear. Check failures are left out, as they would move the VIP within a part only.
 */
function describeSplit(
  simulation: FailoverSimulation,
  split: GroupSplit,
  label: (member: GroupMember) => string,
  md: boolean,
  head: string,
): string {
  const codes = split.codes.map((code) => (md ? `\`${code}\`` : code)).join(', ');
  const masters = split.parts.flatMap((part) =>
    part.election.holder ? [label(part.election.holder)] : [],
  );
  const warning =
    `${md ? '**Split brain**' : 'Split brain'}: the nodes do not hear each other (see ${codes}), so ` +
    (masters.length > 1
      ? `${masters.join(' and ')} are MASTER at the same time.`
      : 'each part elects its own master.');
  const partOf = new Map(
    split.parts.flatMap((part, index) => part.members.map((member) => [member, index] as const)),
  );
  const roleOf = (member: GroupMember): string => {
    const part = split.parts[partOf.get(member) ?? -1];
    return part ? splitRole(part, member) : '?';
  };
  const lines: string[] = [md ? `**${head}**` : head, '', warning];
  if (md) {
    lines.push(
      '',
      '| Node | State | Priority | All checks up | Role |',
      '| --- | --- | ---: | ---: | --- |',
      ...simulation.members.map(
        (entry) =>
          `| ${cell(label(entry.member), md)} | ${cell(stateOf(entry.member), md)} | ${entry.base} | ${effectiveText(entry.healthy)} | ${roleOf(entry.member)} |`,
      ),
    );
  } else {
    lines.push('');
    for (const entry of simulation.members) {
      lines.push(
        `${label(entry.member)}: state ${stateOf(entry.member)}, priority ${entry.base}, ${effectiveText(entry.healthy)} with all checks up, ${roleOf(entry.member)}`,
      );
    }
  }
  return lines.join('\n');
}

/** Why no member wins the healthy election. */
function electionNote(
  simulation: FailoverSimulation,
  label: (member: GroupMember) => string,
): string {
  const tie = simulation.healthy.tie;
  if (tie.length > 0) {
    return `No clear master: ${tie.map(label).join(', ')} share the top priority and their addresses decide.`;
  }
  return 'No member can hold the VIP: every member is in FAULT.';
}

/**
 * The catalog hover followed by the cluster part: both are rendered for the same client format,
 * so their texts join under one separator; the catalog hover's range wins.
 */
export function mergeHovers(
  base: Hover | null,
  extra: Hover | null,
  markdown: boolean,
): Hover | null {
  if (!base || !extra) return base ?? extra;
  const text = (hover: Hover): string => {
    const contents = hover.contents;
    if (typeof contents === 'string') return contents;
    if (Array.isArray(contents)) {
      return contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n\n');
    }
    return contents.value;
  };
  return {
    contents: {
      kind: markdown ? 'markdown' : 'plaintext',
      value: `${text(base)}${markdown ? '\n\n---\n\n' : '\n\n'}${text(extra)}`,
    },
    ...(base.range ? { range: base.range } : extra.range ? { range: extra.range } : {}),
  };
}
