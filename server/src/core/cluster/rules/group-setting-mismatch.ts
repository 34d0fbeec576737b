import type { Severity } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../../keepalived/ast.js';
import type { ClusterModel, ClusterRuleContext, GroupMember } from '../model.js';
import { lineSpan, lineStart, syncData, type SyncSide } from '../sync.js';
import {
  childLine,
  elections,
  label,
  namePlace,
  placeOf,
  relatedTo,
  reportMismatch,
} from './helpers.js';

interface SettingSpec {
  readonly keyword: string;
  /** Value when the line is absent; undefined compares presence only. */
  readonly fallback: (member: GroupMember) => string;
  /** Compare the first argument, or only whether the line is there. */
  readonly presenceOnly: boolean;
  readonly severity: Severity;
  readonly why: string;
  /** Only meaningful for multicast groups. */
  readonly multicastOnly: boolean;
}

/**
 * Settings every member of a group must share (keepalived.conf(5): all virtual routers of a group
 * must use the same value). A different multicast group means the nodes never hear each other:
 * error (split brain). The others change timing or MAC addresses on failover: warning.
 */
const SETTINGS: readonly SettingSpec[] = [
  {
    keyword: 'mcast_dst_ip',
    fallback: (member) => (member.instance.family === 6 ? 'ff02::12' : '224.0.0.18'),
    presenceOnly: false,
    severity: 'error',
    why: 'the nodes send adverts to different multicast groups and never hear each other, so every node becomes MASTER (split brain)',
    multicastOnly: true,
  },
  {
    keyword: 'down_timer_adverts',
    fallback: () => '3',
    presenceOnly: false,
    severity: 'warning',
    why: 'the nodes wait a different number of adverts before taking over',
    multicastOnly: false,
  },
  {
    keyword: 'use_vmac',
    fallback: () => 'absent',
    presenceOnly: true,
    severity: 'warning',
    why: 'the VIP moves between a virtual MAC and a real one on failover, and neighbours may keep the stale MAC',
    multicastOnly: false,
  },
  {
    keyword: 'vmac_xmit_base',
    fallback: () => 'absent',
    presenceOnly: true,
    severity: 'warning',
    why: 'the nodes send adverts from different interfaces',
    multicastOnly: false,
  },
];

function valueOf(member: GroupMember, spec: SettingSpec): string | undefined {
  const line = childLine(member.instance.item, spec.keyword);
  if (!line) return spec.fallback(member);
  if (spec.presenceOnly) return 'present';
  const word = line.args[0];
  if (!word) return spec.fallback(member);
  return word.refs.length > 0 || word.hasTemplate ? undefined : word.value.toLowerCase();
}

/** `data` when there is some. */
function withData(data: Readonly<Record<string, unknown>> | undefined) {
  return data ? { data } : {};
}

function placeFor(member: GroupMember, line: KeepalivedItem | undefined) {
  return line ? placeOf(member, line) : namePlace(member);
}

/**
 * The member's setting line, or where it would go when the member lacks it: before the line that
 * closes the instance's block (only when that brace stands alone on its line).
 */
function settingSide(
  model: ClusterModel,
  member: GroupMember,
  spec: SettingSpec,
): SyncSide | undefined {
  const line = childLine(member.instance.item, spec.keyword);
  const { uri } = placeOf(member, line ?? member.instance.item);
  const text = model.textOf(uri);
  if (text === undefined) return undefined;
  const node = member.node.name;
  if (line) return { node, uri, ...lineSpan(text, line.start, line.end) };
  const close = member.instance.item.block?.close;
  if (close === undefined) return undefined;
  const start = lineStart(text, close);
  if (text.slice(start, close).trim() !== '') return undefined;
  return { node, uri, start, end: start };
}

/** One member per node, in order. */
function onePerNode(members: readonly GroupMember[]): GroupMember[] {
  const seen = new Set<string>();
  return members.filter((member) => !seen.has(member.node.name) && seen.add(member.node.name));
}

/** Group-wide VRRP settings (`mcast_dst_ip`, `down_timer_adverts`, `use_vmac`, …) that differ. */
export const groupSettingMismatch: Rule<ClusterRuleContext> = {
  code: 'group-setting-mismatch',
  defaultSeverity: 'warning',
  summary:
    'The nodes of one VRRP group disagree on a setting that must match (mcast_dst_ip, use_vmac, …).',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      const multicast = group.members.every((member) => member.instance.unicastPeers.length === 0);
      for (const spec of SETTINGS) {
        if (spec.multicastOnly && !multicast) continue;
        const show = (member: GroupMember): string => {
          const value = valueOf(member, spec);
          return spec.presenceOnly ? (value === 'present' ? 'set' : 'not set') : (value ?? '?');
        };
        reportMismatch(
          group,
          (member) => valueOf(member, spec),
          (value) => value,
          (member, _value, peers) => ({
            ...placeFor(member, childLine(member.instance.item, spec.keyword)),
            message: `${spec.keyword} is ${show(member)} on ${label(member)} but ${peers
              .map((peer) => `${show(peer)} on ${peer.node.name}`)
              .join(', ')}: ${spec.why}.`,
            severity: spec.severity,
            ...withData(
              syncData('line', [
                settingSide(model, member, spec),
                ...onePerNode(peers).map((peer) => settingSide(model, peer, spec)),
              ]),
            ),
          }),
          (member) => {
            const line = childLine(member.instance.item, spec.keyword);
            return line
              ? relatedTo(member, line, `${spec.keyword} of ${label(member)}`)
              : relatedTo(
                  member,
                  member.instance.item,
                  `${label(member)} (no ${spec.keyword})`,
                  member.instance.word,
                );
          },
          report,
        );
      }
    }
  },
};
