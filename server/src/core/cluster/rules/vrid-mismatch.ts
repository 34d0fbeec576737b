import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext } from '../model.js';
import {
  concrete,
  elections,
  label,
  placeOf,
  relatedTo,
  replaceFix,
  reportMismatch,
} from './helpers.js';

/**
 * Members of one VRRP group disagree on `virtual_router_id`. Error: each node only hears adverts
 * of its own VRID, so every node times out and becomes MASTER (split brain).
 */
export const vridMismatch: Rule<ClusterRuleContext> = {
  code: 'vrid-mismatch',
  defaultSeverity: 'error',
  summary: 'The nodes of one VRRP group use different virtual_router_id values.',
  check({ model }, report) {
    for (const group of elections(model.groups)) {
      reportMismatch(
        group,
        (member) => {
          const word = member.instance.vrid?.value;
          return concrete(word) && /^\d+$/.test(word.value)
            ? { value: Number(word.value), word, item: member.instance.vrid?.item }
            : undefined;
        },
        (value) => String(value.value),
        (member, value, peers) => {
          const peerValues = [
            ...new Set(peers.map((peer) => Number(peer.instance.vrid?.value?.value))),
          ];
          const item = value.item ?? member.instance.item;
          return {
            ...placeOf(member, item, value.word),
            message: `${label(member)} uses virtual_router_id ${value.value}, but ${peers
              .map((peer) => `${peer.node.name} uses ${peer.instance.vrid?.value?.value ?? '?'}`)
              .join(', ')}: the nodes never hear each other and each becomes MASTER (split brain).`,
            fixes: peerValues.map((peerValue) =>
              replaceFix(
                value.word,
                String(peerValue),
                `Use virtual_router_id ${peerValue} as the peer does`,
              ),
            ),
          };
        },
        (member, value) =>
          relatedTo(
            member,
            value.item ?? member.instance.item,
            `virtual_router_id of ${label(member)}`,
            value.word,
          ),
        report,
      );
    }
  },
};
