import type { Rule } from '../../common/rule.js';
import { nodeIndex, type NameUse, type SyncGroupInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { closeNames, ownLine, rangeOf, relatedAt, replaceWordFix } from './helpers.js';

/**
 * Sync group membership as keepalived checks it after parsing: a member that is no instance is
 * dropped, an instance may belong to one group only (later groups lose it), and a group left with
 * a single instance "probably isn't what you want". keepalived 2.2.7 `-t` exits 5 for each.
 */
export const syncGroupMember: Rule<KeepalivedRuleContext> = {
  code: 'sync-group-member',
  defaultSeverity: 'error',
  summary: 'A sync group names an unknown instance, shares an instance, or has only one member.',
  check(context, report) {
    const index = nodeIndex(context);
    const owner = new Map<string, { group: SyncGroupInfo; word: NameUse }>();
    for (const group of index.syncGroups) {
      let kept = 0;
      for (const member of group.members) {
        if (!index.instancesByName.has(member.name)) {
          const fixes = ownLine(index, member.item)
            ? closeNames(member.name, index.instancesByName.keys()).map((name) =>
                replaceWordFix(member.word, name, `Change to '${name}'`),
              )
            : [];
          report({
            message: `Virtual router '${member.name}' in sync group '${group.name}' is not a vrrp_instance: keepalived ignores it.`,
            ...rangeOf(index, member.item, member.word),
            ...(fixes.length > 0 ? { fixes } : {}),
          });
          continue;
        }
        const first = owner.get(member.name);
        if (first) {
          report({
            message: `Instance '${member.name}' is already in sync group '${first.group.name}': an instance cannot be in two sync groups, keepalived ignores it in '${group.name}'.`,
            ...rangeOf(index, member.item, member.word),
            related: [
              relatedAt(
                context,
                index,
                first.word.item,
                first.word.word,
                'first sync group membership',
              ),
            ],
          });
          continue;
        }
        owner.set(member.name, { group, word: member });
        kept++;
      }
      if (kept === 1) {
        report({
          message: `Sync group '${group.name}' has only one instance: keepalived warns that this "probably isn't what you want".`,
          ...rangeOf(index, group.item, group.word),
        });
      }
    }
  },
};
