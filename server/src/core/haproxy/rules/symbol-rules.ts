/**
 * The rules built on the symbol table (`analysis/symbols.ts`): references between sections,
 * duplicates, mode and timeout consistency, health checks and security hygiene.
 */
import type { Rule } from '../../common/rule.js';
import { backendWithoutServer } from './backend-without-server.js';
import { checkIntervalRange } from './check-interval-range.js';
import { checkPortUnknown } from './check-port-unknown.js';
import { checksWithoutCheck } from './checks-without-check.js';
import { duplicateAcl } from './duplicate-acl.js';
import { defaultsRulesInheritance } from './defaults-rules-inheritance.js';
import { duplicateId } from './duplicate-id.js';
import { duplicateProxy } from './duplicate-proxy.js';
import { duplicateSection } from './duplicate-section.js';
import { duplicateServer } from './duplicate-server.js';
import { duplicateStickTable } from './duplicate-stick-table.js';
import { frontendWithoutBind } from './frontend-without-bind.js';
import { httpOptionInTcp } from './http-option-in-tcp.js';
import type { HaproxyRuleContext } from './context.js';
import { insecurePassword } from './insecure-password.js';
import { logFormatWithoutTarget } from './log-format-without-target.js';
import { misplacedRule } from './misplaced-rule.js';
import { ruleAfterFinal } from './rule-after-final.js';
import { unreachableRule } from './unreachable-rule.js';
import { unusedAcl } from './unused-acl.js';
import { conditionAlwaysTrue } from './condition-always-true.js';
import { conditionNeverTrue } from './condition-never-true.js';
import { missingCheck } from './missing-check.js';
import { missingTimeouts } from './missing-timeouts.js';
import { modeMismatch } from './mode-mismatch.js';
import { serverVerifyNone } from './server-verify-none.js';
import { serverVerifyWithoutCa } from './server-verify-without-ca.js';
import { sslBindWithoutCrt } from './ssl-bind-without-crt.js';
import { statsInTcp } from './stats-in-tcp.js';
import { statsWithoutAuth } from './stats-without-auth.js';
import { undefinedAcl } from './undefined-acl.js';
import { undefinedBackend } from './undefined-backend.js';
import { undefinedCache } from './undefined-cache.js';
import { undefinedDefaults } from './undefined-defaults.js';
import { undefinedHttpErrors } from './undefined-http-errors.js';
import { undefinedMailers } from './undefined-mailers.js';
import { undefinedPeers } from './undefined-peers.js';
import { undefinedResolvers } from './undefined-resolvers.js';
import { undefinedRing } from './undefined-ring.js';
import { undefinedTable } from './undefined-table.js';
import { undefinedTrackServer } from './undefined-track-server.js';
import { undefinedUseServer } from './undefined-use-server.js';
import { undefinedUserlist } from './undefined-userlist.js';
import { weakStatsAuth } from './weak-stats-auth.js';
import { weakTlsVersion } from './weak-tls-version.js';

/** Every symbol-table rule, references first so that their errors come before the lints. */
export const SYMBOL_RULES: readonly Rule<HaproxyRuleContext>[] = [
  undefinedBackend,
  undefinedAcl,
  undefinedUserlist,
  undefinedCache,
  undefinedResolvers,
  undefinedPeers,
  undefinedRing,
  undefinedMailers,
  undefinedHttpErrors,
  undefinedTable,
  undefinedTrackServer,
  undefinedUseServer,
  undefinedDefaults,
  defaultsRulesInheritance,
  duplicateProxy,
  duplicateStickTable,
  misplacedRule,
  ruleAfterFinal,
  unreachableRule,
  unusedAcl,
  conditionNeverTrue,
  conditionAlwaysTrue,
  duplicateServer,
  duplicateAcl,
  duplicateId,
  duplicateSection,
  modeMismatch,
  httpOptionInTcp,
  statsInTcp,
  logFormatWithoutTarget,
  missingTimeouts,
  frontendWithoutBind,
  backendWithoutServer,
  sslBindWithoutCrt,
  missingCheck,
  checksWithoutCheck,
  checkPortUnknown,
  checkIntervalRange,
  weakStatsAuth,
  statsWithoutAuth,
  insecurePassword,
  weakTlsVersion,
  serverVerifyNone,
  serverVerifyWithoutCa,
];
