/**
 * The VRRP election arithmetic on plain data: effective priorities, who wins, and who holds the
 * VIP after a change while a master is in place. `simulate.ts` (rules, hover, code lens) and the
 * topology preview's failover controls (`topology/scenario.ts`, which also runs inside the
 * webview) both call these functions, so the picture and the findings can never disagree.
 *
 * It imports nothing, so that the webview bundle can include it without the rest of the core.
 */

/** keepalived's address-owner priority: never adjusted by tracked objects. */
export const OWNER_PRIORITY = 255;

/** An effective priority, or FAULT (the instance gives its VIPs up). */
export type Effective = number | 'fault';

/** A tracked object as the arithmetic needs it. */
interface CandidateCheck {
  /** Weight in effect: 0 means FAULT on failure. */
  readonly weight: number;
  /** The check counts as failing while it is up, and the other way round. */
  readonly reverse: boolean;
}

/** A VRRP instance as the election needs it. */
export interface Candidate<C extends CandidateCheck = CandidateCheck> {
  /** Configured priority (explicit, else 255 with `state MASTER`, else 100). */
  readonly base: number;
  /** Weighted checks are dropped: a sync group without `sync_group_tracking_weight`. */
  readonly weightless: boolean;
  /** `nopreempt` in effect (keepalived clears it on `state MASTER`). */
  readonly nopreempt: boolean;
  /** `unicast_src_ip`, which decides a tie. */
  readonly source?: string | undefined;
  readonly checks: readonly C[];
}

/**
 * Effective priority when the checks for which `failing` is true fail and all others succeed:
 * `clamp(base + Σ W of succeeding positive checks − Σ |W| of failing negative ones, 1, 254)`;
 * a failing check of weight 0 means FAULT. `reverse` swaps succeeding and failing, as keepalived
 * reverses the direction of the adjustment.
 */
export function candidatePriority<C extends CandidateCheck>(
  candidate: Candidate<C>,
  failing: (check: C) => boolean,
): Effective {
  const owner = candidate.base >= OWNER_PRIORITY;
  const weightless = owner || candidate.weightless;
  let priority = candidate.base;
  for (const check of candidate.checks) {
    const up = failing(check) === check.reverse;
    // keepalived 2.2.7 drops weighted tracked objects of an address owner ("ignoring tracked
    // script … with weights due to address_owner") and of a sync-group member unless the group
    // sets sync_group_tracking_weight ("… due to SYNC group"); weight 0 ones still mean FAULT.
    if (weightless && check.weight !== 0) continue;
    if (check.weight === 0) {
      if (!up) return 'fault';
    } else if (check.weight > 0 && up) priority += check.weight;
    else if (check.weight < 0 && !up) priority += check.weight;
  }
  if (owner) return OWNER_PRIORITY;
  return Math.min(254, Math.max(1, priority));
}

/** Numeric value of an IPv4/IPv6 address for comparison, undefined when it is not one. */
function addressValue(address: string): bigint | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    return address.split('.').reduce((value, part) => value * 256n + BigInt(Number(part)), 0n);
  }
  if (!address.includes(':') || address.includes('.')) return undefined;
  const [head = '', tail] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const parts = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
    value = value * 65536n + BigInt(parseInt(part, 16));
  }
  return value;
}

/** One entry of an election: who, and with which effective priority. */
export interface Ballot<M> {
  readonly member: M;
  readonly priority: Effective;
}

/** Outcome of an election. */
interface Outcome<M> {
  /** The member that holds the VIP; undefined when nobody can or when a tie cannot be broken. */
  readonly holder: M | undefined;
  /** Members sharing the top priority when their addresses do not decide (empty otherwise). */
  readonly tie: readonly M[];
}

/**
 * The election among members with the given effective priorities: the highest priority wins; on
 * equal priority keepalived lets the higher primary (source) IP address win, which we only know
 * when `unicast_src_ip` is set on every tied member; otherwise the tie is reported as such.
 */
export function electBallots<M>(
  entries: readonly Ballot<M>[],
  sourceOf: (member: M) => string | undefined,
): Outcome<M> {
  let best = -1;
  for (const entry of entries) {
    if (entry.priority !== 'fault') best = Math.max(best, entry.priority);
  }
  if (best < 0) return { holder: undefined, tie: [] };
  const top = entries.filter((entry) => entry.priority === best).map((entry) => entry.member);
  if (top.length === 1) return { holder: top[0], tie: [] };
  const values = top.map((member) => {
    const src = sourceOf(member);
    return src === undefined ? undefined : addressValue(src);
  });
  if (values.some((value) => value === undefined)) return { holder: undefined, tie: top };
  let winner = 0;
  values.forEach((value, i) => {
    if ((value ?? 0n) > (values[winner] ?? 0n)) winner = i;
  });
  const highest = values[winner];
  // Two members with the same address cannot be told apart either.
  if (values.filter((value) => value === highest).length > 1) {
    return { holder: undefined, tie: top };
  }
  return { holder: top[winner], tie: [] };
}

/**
 * Who holds the VIP after priorities change while `incumbent` is MASTER. A backup only takes
 * over from a live master whose adverts carry a strictly lower priority, and only when it may
 * preempt: keepalived's backup resets its timer on an advert of equal or higher priority and
 * ignores priorities altogether with `nopreempt` (RFC 3768 6.4.2). A master in FAULT sends no
 * adverts, so the others elect among themselves.
 */
export function electAfterChange<M>(
  incumbent: M,
  entries: readonly Ballot<M>[],
  sourceOf: (member: M) => string | undefined,
  nopreempt: (member: M) => boolean,
): Outcome<M> & { readonly blocked: readonly M[] } {
  const own = entries.find((entry) => entry.member === incumbent)?.priority ?? 'fault';
  const others = entries.filter((entry) => entry.member !== incumbent);
  if (own === 'fault') return { ...electBallots(others, sourceOf), blocked: [] };
  const higher = others.filter((entry) => entry.priority !== 'fault' && entry.priority > own);
  const challengers = higher.filter((entry) => !nopreempt(entry.member));
  const blocked = higher.filter((entry) => nopreempt(entry.member)).map((e) => e.member);
  if (challengers.length === 0) return { holder: incumbent, tie: [], blocked };
  return { ...electBallots(challengers, sourceOf), blocked };
}
