import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../../keepalived/ast.js';
import type { ClusterRuleContext, GroupMember } from '../model.js';
import {
  childItems,
  childLine,
  elections,
  label,
  namePlace,
  placeOf,
  relatedTo,
  reportMismatch,
} from './helpers.js';

/** keepalived stopped dropping adverts with other VIPs in this release (commit af103930). */
const LENIENT_SINCE = '2.3.3';

function vipLine(member: GroupMember): KeepalivedItem | undefined {
  return childLine(member.instance.item, 'virtual_ipaddress');
}

/** The instance's own-family VIPs, sorted; undefined when a line holds an unresolved parameter. */
function vipsOf(member: GroupMember): string[] | undefined {
  const line = vipLine(member);
  if (
    childItems(line).some((entry) => entry.keyword.refs.length > 0 || entry.keyword.hasTemplate)
  ) {
    return undefined;
  }
  // Only addresses of the instance's family travel in its adverts.
  const addresses = member.instance.vips
    .filter((vip) => vip.family === member.instance.family)
    .map((vip) => vip.address);
  return [...new Set(addresses)].sort();
}

/** `skip_check_adv_addr` (or the global `vrrp_skip_check_adv_addr`) turns the check off. */
function skipsCheck(member: GroupMember): boolean {
  if (childLine(member.instance.item, 'skip_check_adv_addr')) return true;
  const global = member.index.globalDefs;
  return global !== undefined && childLine(global, 'vrrp_skip_check_adv_addr') !== undefined;
}

function placeFor(member: GroupMember) {
  const line = vipLine(member);
  return line ? placeOf(member, line) : namePlace(member);
}

/**
 * Members of one group manage different sets of virtual IPs. Up to keepalived 2.3.2 a backup drops
 * adverts whose addresses differ from its own, times out and becomes a second MASTER: error
 * (split brain). From 2.3.3 it only logs, so a warning (the nodes still serve different addresses
 * after a failover).
 */
export const vipMismatch: Rule<ClusterRuleContext> = {
  code: 'vip-mismatch',
  defaultSeverity: 'warning',
  summary: 'The nodes of one VRRP group manage different virtual IP addresses.',
  check({ model }, report) {
    const strict = compareVersions(model.settings.keepalived.version, LENIENT_SINCE) < 0;
    for (const group of elections(model.groups)) {
      reportMismatch(
        group,
        vipsOf,
        (value) => value.join(' '),
        (member, value, peers) => {
          const mine = new Set(value);
          const details = peers.map((peer) => {
            const theirs = new Set(vipsOf(peer) ?? []);
            const extra = value.filter((address) => !theirs.has(address));
            const missing = [...theirs].filter((address) => !mine.has(address));
            return `${peer.node.name} ${[
              extra.length > 0 ? `lacks ${extra.join(', ')}` : '',
              missing.length > 0 ? `has ${missing.join(', ')} too` : '',
            ]
              .filter(Boolean)
              .join(' and ')}`;
          });
          const error = strict && !skipsCheck(member);
          return {
            ...placeFor(member),
            message: `${label(member)} manages other virtual IPs than its peers (${details.join('; ')}): ${
              error
                ? `keepalived before ${LENIENT_SINCE} drops adverts with other addresses, so every node becomes MASTER (split brain).`
                : 'after a failover the cluster serves a different set of addresses.'
            }`,
            ...(error ? { severity: 'error' as const } : {}),
          };
        },
        (member) => {
          const line = vipLine(member);
          return line
            ? relatedTo(member, line, `virtual_ipaddress of ${label(member)}`)
            : relatedTo(
                member,
                member.instance.item,
                `${label(member)} (no virtual_ipaddress)`,
                member.instance.word,
              );
        },
        report,
      );
    }
  },
};
