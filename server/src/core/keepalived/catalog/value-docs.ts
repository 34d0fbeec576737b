/**
 * What the words Keepalived keywords take as values mean, in one sentence each, for hover: VRRP
 * states, authentication types and versions, IPVS schedulers and forwarding methods. Which values
 * a keyword accepts stays in the keyword catalog; this file only explains them.
 */

/** One sentence per value. */
type ValueDocs = Readonly<Record<string, string>>;

const VRRP_VERSION: ValueDocs = {
  '2': 'VRRPv2 (RFC 3768): IPv4 only, authentication possible, `advert_int` in whole seconds.',
  '3': 'VRRPv3 (RFC 5798): IPv4 and IPv6, no authentication, `advert_int` in hundredths of a second.',
};

const LVS_METHOD: ValueDocs = {
  NAT: 'Network address translation: the director rewrites the destination address, and replies must return through it (the real servers route back via the director).',
  DR: 'Direct routing: the director only changes the MAC address; real servers answer clients themselves and must hold the virtual address on an interface that does not answer ARP for it.',
  TUN: 'IP-in-IP tunnelling to the real servers, which answer clients themselves; they may sit on another network.',
};

const SCHEDULERS: ValueDocs = {
  rr: 'Round robin: real servers take turns, weights ignored.',
  wrr: 'Weighted round robin: real servers take turns in proportion to their weights.',
  lc: 'Least connections: the real server with the fewest active connections.',
  wlc: 'Weighted least connections: fewest active connections relative to the weight.',
  lblc: 'Locality-based least connections: a destination address keeps its server unless that one is overloaded (for caches).',
  lblcr:
    'Locality-based least connections with replication: a destination address maps to a set of servers, grown when they are overloaded.',
  sh: 'Source hashing: a client address keeps reaching the same real server.',
  mh: 'Maglev hashing: consistent hashing of the client, so few clients move when a server changes.',
  dh: 'Destination hashing: a destination address keeps reaching the same real server.',
  fo: 'Weighted failover: everything goes to the available server with the highest weight.',
  ovf: 'Weighted overflow: the highest-weight server takes connections until they reach its weight, then the next one.',
  sed: 'Shortest expected delay: the server that would answer a new connection soonest, given its connections and weight.',
  nq: 'Never queue: an idle server if there is one, otherwise the shortest expected delay.',
  twos: 'Weighted random twos choice: two servers drawn at random by weight, the less loaded one wins.',
};

/** Value meanings per keyword name. */
export const KEEPALIVED_VALUE_DOCS: Readonly<Record<string, ValueDocs>> = {
  state: {
    MASTER:
      'Initial state master: with priority 255 the instance takes the addresses at once; otherwise it waits like a backup. The election still decides who keeps them.',
    BACKUP:
      'Initial state backup: the instance waits 3 to 4 advertisement intervals for a master before taking over (the usual choice, and the one `nopreempt` needs).',
  },
  auth_type: {
    PASS: 'A clear-text password (up to 8 characters) in every advertisement; it guards against mistakes, not against attackers. VRRPv2 only.',
    AH: 'An IPsec Authentication Header in every advertisement, carrying a digest of the packet. VRRPv2 over IPv4 only.',
  },
  version: VRRP_VERSION,
  vrrp_version: VRRP_VERSION,
  lvs_method: LVS_METHOD,
  lb_kind: LVS_METHOD,
  sorry_server_lvs_method: LVS_METHOD,
  lvs_sched: SCHEDULERS,
  lb_algo: SCHEDULERS,
  protocol: {
    TCP: 'The virtual service balances TCP connections.',
    UDP: 'The virtual service balances UDP datagrams.',
    SCTP: 'The virtual service balances SCTP associations.',
  },
  ip_family: {
    inet: 'IPv4 real servers.',
    inet6: 'IPv6 real servers.',
  },
  weight: {
    reverse:
      'Reverses the adjustment: the priority goes down while the check succeeds and up while it fails; `weight 0 reverse` puts the instance in FAULT while the check succeeds.',
    noreverse: 'The weight applies in the usual direction. The default.',
  },
};
