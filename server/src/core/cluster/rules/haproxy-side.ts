import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext } from '../model.js';
import { bindUnmanagedVip } from './bind-unmanaged-vip.js';
import { configDrift } from './config-drift.js';
import { noHaproxyTracking } from './no-haproxy-tracking.js';
import { nonlocalBind } from './nonlocal-bind.js';
import { peersLocal } from './peers-local.js';
import { vipNotBound } from './vip-not-bound.js';

/** The cluster rules that check HAProxy against Keepalived and the nodes' HAProxy configs. */
export const HAPROXY_SIDE_RULES: readonly Rule<ClusterRuleContext>[] = [
  bindUnmanagedVip,
  vipNotBound,
  noHaproxyTracking,
  nonlocalBind,
  configDrift,
  peersLocal,
];

/** The languages of the files each of these rules reports in (for settings and rule docs). */
export const HAPROXY_SIDE_CODES: ReadonlyMap<string, readonly ('haproxy' | 'keepalived')[]> =
  new Map([
    ['bind-unmanaged-vip', ['haproxy']],
    ['vip-not-bound', ['haproxy', 'keepalived']],
    ['no-haproxy-tracking', ['haproxy', 'keepalived']],
    ['nonlocal-bind', ['haproxy', 'keepalived']],
    ['config-drift', ['haproxy']],
    ['peers-local', ['haproxy']],
  ]);
