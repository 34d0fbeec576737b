/**
 * What the simulation predicts for each drill of the failover lab, and whether an observation
 * agrees. VIP holders come from the same scenario runner the topology preview's controls use
 * (`topology/scenario.ts`), so a disagreement found by the lab is a disagreement with the
 * preview, the hover and the cluster rules alike.
 *
 * @packageDocumentation
 */
import { beforeFirst } from '../common/text-scan.js';
import { runScenario } from '../topology/scenario.js';
import type { FailoverScenario, SimGroup } from '../topology/graph.js';
import type { LabFrontend, SpreadClass } from './plan.js';

/** Who should hold a group's VIP, and why. */
export interface HolderPrediction {
  readonly group: string;
  /** Sorted node names (several in a split, none when nobody can). */
  readonly holders: readonly string[];
  /** Effective priority per node and instance (`fault`: gives the VIP up; `down`: not running). */
  readonly priorities: readonly PredictedPriority[];
  readonly explanation: string;
}

/** The priority the simulation gives one member of a group. */
export interface PredictedPriority {
  readonly node: string;
  readonly instance: string;
  readonly priority: number | 'fault' | 'down';
}

/** The predicted holders of `group` under `scenario`, starting from `holderNow` when given. */
export function predictHolders(
  group: SimGroup,
  scenario: FailoverScenario,
  holderNow?: string,
): HolderPrediction {
  const outcome = runScenario(group, scenario, holderNow);
  return {
    group: group.id,
    holders: [...outcome.holders].sort(),
    priorities: group.members.map((member) => ({
      node: member.node,
      instance: member.instance,
      priority: outcome.priorities[member.node] ?? 'down',
    })),
    explanation: outcome.explanation,
  };
}

/** Same set of holders. */
export function sameHolders(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((name, i) => name === right[i]);
}

/** Which servers should answer a run of requests from one client. */
export interface SpreadPrediction {
  /** Servers (keys) that may answer. */
  readonly servers: readonly string[];
  /** `all`: every one of `servers` answers some request; `one`: exactly one of them answers all. */
  readonly spread: SpreadClass;
  /** One phrase: why. */
  readonly reason: string;
}

/** Algorithms that send one client's identical requests to one server. */
const HASHED = new Set(['source', 'uri', 'url_param', 'hdr', 'rdp-cookie', 'hash', 'first']);

/**
 * The spread of `count` identical requests from one client through `frontend` while the servers
 * in `down` fail their checks. `sticky`: the client sends back the persistence cookie it gets.
 */
export function predictSpread(
  frontend: LabFrontend,
  down: ReadonlySet<string>,
  sticky: boolean,
): SpreadPrediction {
  const up = frontend.active.filter((key) => !down.has(key));
  let servers: string[];
  let reason: string;
  if (up.length > 0) {
    servers = up;
    reason = down.size > 0 ? 'the servers still up' : 'the active servers';
  } else {
    const backups = frontend.backups.filter((key) => !down.has(key));
    servers = frontend.allBackups ? backups : backups.slice(0, 1);
    reason =
      backups.length === 0
        ? 'no server is up'
        : frontend.allBackups
          ? 'every active server is down: the backups (allbackups)'
          : 'every active server is down: the first backup';
  }
  if (servers.length <= 1) return { servers, spread: 'one', reason };
  const algorithm = beforeFirst(frontend.balance, '(');
  if (sticky && frontend.cookie) {
    return { servers, spread: 'one', reason: `${reason}, and the cookie keeps the client on one` };
  }
  if (HASHED.has(algorithm)) {
    return {
      servers,
      spread: 'one',
      reason: `${reason}; balance ${algorithm} picks one for this client`,
    };
  }
  return { servers, spread: 'all', reason: `${reason}, shared by balance ${algorithm}` };
}

/** Whether the servers that answered (key → count) match a prediction. */
export function spreadAgrees(
  prediction: SpreadPrediction,
  answered: ReadonlyMap<string, number>,
): boolean {
  const keys = [...answered.keys()];
  if (prediction.servers.length === 0) return keys.length === 0;
  if (keys.some((key) => !prediction.servers.includes(key))) return false;
  return prediction.spread === 'one'
    ? keys.length === 1
    : prediction.servers.every((key) => (answered.get(key) ?? 0) > 0);
}
