import type { Rule } from '../../common/rule.js';
import type { ClusterRuleContext } from '../model.js';
import { advertMismatch } from './advert-mismatch.js';
import { clusterAnalysisLimit } from './analysis-limit.js';
import { authMismatch } from './auth-mismatch.js';
import { failoverWeight } from './failover-weight.js';
import { groupSettingMismatch } from './group-setting-mismatch.js';
import { masterCount } from './master-count.js';
import { priorityClash } from './priority-clash.js';
import { scriptDrift } from './script-drift.js';
import { unicastMismatch } from './unicast-mismatch.js';
import { versionMismatch } from './version-mismatch.js';
import { vipMismatch } from './vip-mismatch.js';
import { vridCollision } from './vrid-collision.js';
import { vridMismatch } from './vrid-mismatch.js';

/** The cross-node VRRP rules (Keepalived against Keepalived), in the order they run. */
export const VRRP_CLUSTER_RULES: readonly Rule<ClusterRuleContext>[] = [
  vridMismatch,
  priorityClash,
  failoverWeight,
  advertMismatch,
  authMismatch,
  versionMismatch,
  vipMismatch,
  unicastMismatch,
  groupSettingMismatch,
  scriptDrift,
  masterCount,
  vridCollision,
  clusterAnalysisLimit,
];
