import type { Rule } from '../../common/rule.js';
import { advertIntV2 } from './advert-int-v2.js';
import { advertIntV3 } from './advert-int-v3.js';
import { authAhMaster } from './auth-ah-master.js';
import { authPassLength } from './auth-pass-length.js';
import { authWithVrrp3 } from './auth-with-vrrp3.js';
import { duplicateInstance } from './duplicate-instance.js';
import { duplicateVip } from './duplicate-vip.js';
import { duplicateVrid } from './duplicate-vrid.js';
import { fwmarkProtocol } from './fwmark-protocol.js';
import type { KeepalivedRuleContext } from './context.js';
import { nopreemptOwner } from './nopreempt-owner.js';
import { preemptWithMaster } from './preempt-with-master.js';
import { priorityOwnerBackup } from './priority-owner-backup.js';
import { scriptRelativePath } from './script-relative-path.js';
import { scriptSecurity } from './script-security.js';
import { strictModeConflict } from './strict-mode-conflict.js';
import { syncGroupMember } from './sync-group-member.js';
import { trackInterface } from './track-interface.js';
import { trackWeightZero } from './track-weight-zero.js';
import { undefinedScript } from './undefined-script.js';
import { undefinedTrackFile } from './undefined-track-file.js';
import { undefinedTrackProcess } from './undefined-track-process.js';
import { undefinedVirtualServerGroup } from './undefined-virtual-server-group.js';
import { unicastFamily } from './unicast-family.js';
import { unicastSelfPeer } from './unicast-self-peer.js';
import { unicastWithoutPeers } from './unicast-without-peers.js';
import { unprivilegedKillCheck } from './unprivileged-kill-check.js';
import { vipFamily } from './vip-family.js';
import { virtualServerPortZero } from './virtual-server-port-zero.js';

/**
 * The rules built on the per-node index: references between definitions, consistency within one
 * instance or between the instances of one node, and script security.
 */
export const NODE_RULES: readonly Rule<KeepalivedRuleContext>[] = [
  undefinedScript,
  undefinedTrackFile,
  undefinedTrackProcess,
  syncGroupMember,
  undefinedVirtualServerGroup,
  trackInterface,
  duplicateInstance,
  duplicateVrid,
  duplicateVip,
  preemptWithMaster,
  priorityOwnerBackup,
  nopreemptOwner,
  authPassLength,
  authWithVrrp3,
  authAhMaster,
  unicastSelfPeer,
  unicastFamily,
  unicastWithoutPeers,
  strictModeConflict,
  virtualServerPortZero,
  fwmarkProtocol,
  vipFamily,
  trackWeightZero,
  advertIntV2,
  advertIntV3,
  scriptSecurity,
  scriptRelativePath,
  unprivilegedKillCheck,
];
