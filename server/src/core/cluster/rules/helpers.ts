/**
 * Shared pieces of the cross-node rules: where a member's line is, how to point at the peer's
 * line, and the version arithmetic some severities depend on.
 */
import type { QuickFix, RelatedLocation } from '../../common/issue.js';
import type { Finding } from '../../common/rule.js';
import type { KeepalivedItem, KeepalivedWord } from '../../keepalived/ast.js';
import { uriOfNode } from '../build.js';
import type { GroupMember, VrrpGroup } from '../model.js';

/** A member's instance as people name it in messages: `VI_1 on lb1`. */
export function label(member: GroupMember): string {
  return `${member.instance.name} on ${member.node.name}`;
}

/** The place of a word (default: the line's keyword) of a line of a member, with its file. */
export function placeOf(
  member: GroupMember,
  item: KeepalivedItem,
  word: { readonly start: number; readonly end: number } = item.keyword,
): Pick<Finding, 'start' | 'end' | 'uri'> & { uri: string } {
  return { uri: uriOfNode(member, item), start: word.start, end: word.end };
}

/** A related location on a member's line. */
export function relatedTo(
  member: GroupMember,
  item: KeepalivedItem,
  message: string,
  word: { readonly start: number; readonly end: number } = item.keyword,
): RelatedLocation {
  return { ...placeOf(member, item, word), message };
}

/**
 * A related location on a setting line of a member (its value, else its keyword), or on the
 * instance's name when the setting is not written (`missing` then says what applies instead).
 */
export function settingRelated(
  member: GroupMember,
  setting:
    { readonly item: KeepalivedItem; readonly value: KeepalivedWord | undefined } | undefined,
  present: string,
  missing: string = present,
): RelatedLocation {
  return setting
    ? relatedTo(member, setting.item, present, setting.value ?? setting.item.keyword)
    : relatedTo(member, member.instance.item, missing, member.instance.word);
}

/** The instance's name word, where findings about a missing line go. */
export function namePlace(member: GroupMember): Pick<Finding, 'start' | 'end'> & { uri: string } {
  return placeOf(member, member.instance.item, member.instance.word);
}

/**
 * Most members of one group the cross-node rules compare. Real groups have a handful of routers;
 * the rules compare members pairwise, so a generated tree of a thousand sibling node folders
 * would otherwise cost a million comparisons and as many findings. `analysis-limit` says when a
 * group is cut.
 */
export const MAX_GROUP_MEMBERS = 32;

/**
 * Groups with at least two members on different nodes: the only ones that hold an election. Each
 * keeps its first {@link MAX_GROUP_MEMBERS} members.
 */
export function elections(groups: readonly VrrpGroup[]): VrrpGroup[] {
  return groups
    .filter((group) => new Set(group.members.map((m) => m.node)).size > 1)
    .map((group) =>
      group.members.length > MAX_GROUP_MEMBERS
        ? { ...group, members: group.members.slice(0, MAX_GROUP_MEMBERS) }
        : group,
    );
}

/** A word usable as a value: no unresolved parameter, no template. */
export function concrete(word: KeepalivedWord | undefined): word is KeepalivedWord {
  return word !== undefined && word.refs.length === 0 && !word.hasTemplate;
}

/** Replaces a word; only offered when the word is in the member's file being reported. */
export function replaceFix(word: KeepalivedWord, text: string, title: string): QuickFix {
  return { title, edits: [{ start: word.start, end: word.end, text }] };
}

/** Lines of a block item that are items. */
export function childItems(item: KeepalivedItem | undefined): KeepalivedItem[] {
  return (item?.block?.items ?? []).filter((node): node is KeepalivedItem => node.kind === 'item');
}

/** The first line with `keyword` directly inside an item's block. */
export function childLine(item: KeepalivedItem, keyword: string): KeepalivedItem | undefined {
  return childItems(item).find((child) => child.keyword.value === keyword);
}

/**
 * Reports one mismatch over a group: every member whose value differs from another member's gets
 * a finding in its own file, related to the first member of each other value.
 */
export function reportMismatch<V>(
  group: VrrpGroup,
  valueOf: (member: GroupMember) => V | undefined,
  keyOf: (value: V) => string,
  describe: (member: GroupMember, value: V, others: readonly GroupMember[]) => Finding,
  relatedOf: (member: GroupMember, value: V) => RelatedLocation,
  report: (finding: Finding) => void,
): void {
  const byKey = new Map<string, { value: V; members: GroupMember[] }>();
  for (const member of group.members) {
    const value = valueOf(member);
    // An unknown value (an unresolved parameter) is never a mismatch.
    if (value === undefined) continue;
    const key = keyOf(value);
    const entry = byKey.get(key) ?? { value, members: [] };
    entry.members.push(member);
    byKey.set(key, entry);
  }
  if (byKey.size < 2) return;
  for (const [key, entry] of byKey) {
    const others = [...byKey].filter(([other]) => other !== key).map(([, e]) => e);
    for (const member of entry.members) {
      const peers = others.flatMap((other) => other.members.filter((m) => m.node !== member.node));
      if (peers.length === 0) continue;
      const finding = describe(member, entry.value, peers);
      report({
        ...finding,
        related: [
          ...(finding.related ?? []),
          ...others.flatMap((other) => {
            const first = other.members.find((m) => m.node !== member.node);
            return first ? [relatedOf(first, other.value)] : [];
          }),
        ],
      });
    }
  }
}
