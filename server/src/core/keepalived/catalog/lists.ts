/** Value-line grammars of the list blocks, as data. */
import type { ArgSpec } from '../../common/catalog.js';
import { addr, dep, enumv, float, iface, int, ref, rest, word } from './build.js';
import type { ListGrammar, ListOption } from './types.js';

const opt = (
  name: string,
  args: readonly ArgSpec[],
  summary: string,
  more: Partial<ListOption> = {},
): ListOption => ({
  name,
  args,
  summary,
  ...more,
});

const SCOPES = ['site', 'link', 'host', 'nowhere', 'global'];
const STATIC_ONLY = ['static_ipaddress', 'static_routes', 'static_rules'];
const trackGroup = opt(
  'track_group',
  [ref('group', 'track_group')],
  'Track group notified when this entry is lost (static entries only).',
  {
    onlyIn: STATIC_ONLY,
  },
);
const noTrack = opt('no_track', [], 'Losing this entry does not take the instance out of MASTER.');

/** `virtual_ipaddress`, `virtual_ipaddress_excluded`, `static_ipaddress`. */
export const VIP_GRAMMAR: ListGrammar = {
  kind: 'vip',
  summary: 'An address (optionally with /prefix) followed by ip-address options.',
  head: [addr('address[/prefix]')],
  options: [
    opt('brd', [addr('broadcast')], 'Broadcast address (`+`/`-` set or clear the host bits).'),
    opt('broadcast', [addr('broadcast')], 'Long spelling of `brd`.'),
    opt('dev', [iface()], 'Interface to put the address on.'),
    // keepalived 2.2.7 -t: "Unknown configuration entry 'vrrp.51' for ip address" after
    // `use_vmac`, and the same for `use_vmac` itself in static_ipaddress.
    opt(
      'use_vmac',
      [word('vmac name', { optional: true })],
      'Put the address on a VMAC of its interface.',
      { argsSince: '2.3', onlyIn: ['virtual_ipaddress', 'virtual_ipaddress_excluded'] },
    ),
    opt('scope', [word('scope')], `Address scope (${SCOPES.join(', ')} or a number).`),
    opt('label', [word('label')], 'Alias label, conventionally `<dev>:<text>`.'),
    opt('peer', [addr('peer')], 'Peer address of a point-to-point link.'),
    opt('home', [], 'IPv6 home address flag.'),
    opt('-nodad', [], 'Skip IPv6 duplicate address detection.'),
    // 2.2.7 only knows the `-nodad` spelling ("Unknown configuration entry 'nodad'").
    opt('nodad', [], 'Skip IPv6 duplicate address detection.', { since: '2.3' }),
    opt('mngtmpaddr', [], 'Let the kernel manage temporary addresses from this one.'),
    opt('noprefixroute', [], 'Do not add the prefix route for the address.'),
    opt('autojoin', [], 'Join the multicast group of a multicast address.'),
    noTrack,
    opt(
      'preferred_lft',
      [word('seconds|forever')],
      'IPv6 preferred lifetime (0 deprecates the address).',
    ),
    // Not in 2.2.7 ("Unknown configuration entry 'valid_lft' for ip address").
    opt('valid_lft', [word('seconds|forever')], 'IPv6 valid lifetime.', { since: '2.3' }),
    trackGroup,
  ],
  openEnded: true,
};

/** `virtual_routes`, `static_routes`. */
export const ROUTE_GRAMMAR: ListGrammar = {
  kind: 'route',
  summary: 'A route in `ip route add` syntax (full option names only).',
  head: [word('[type] destination[/prefix]')],
  options: [
    opt('src', [addr('source')], 'Preferred source address.'),
    opt('from', [addr('source prefix')], 'Source prefix (IPv6 source routing).'),
    opt('to', [addr('destination')], 'Destination prefix, when written after `src`.'),
    opt('via', [addr('gateway')], 'Next-hop gateway (`inet`/`inet6` may precede the address).'),
    opt('gw', [addr('gateway')], 'Old spelling of `via`.', { deprecated: dep('2.0', 'via') }),
    opt('or', [addr('gateway')], 'Old second gateway form.', { deprecated: dep('2.0', 'nexthop') }),
    opt('nexthop', [], 'Starts one multipath next hop (`via`, `dev`, `weight`, `onlink`).'),
    opt('dev', [iface()], 'Output interface.'),
    opt('weight', [int('weight', 1, 256)], 'Weight of a multipath next hop.'),
    opt('onlink', [], 'Treat the gateway as directly reachable.'),
    opt('scope', [word('scope')], 'Route scope.'),
    opt('table', [word('table')], 'Routing table id or name.'),
    opt('metric', [int('metric', 0)], 'Route priority.'),
    opt('priority', [int('metric', 0)], 'Route priority.'),
    opt('preference', [int('metric', 0)], 'Route priority.'),
    opt('protocol', [word('protocol')], 'Routing protocol id or name.'),
    opt('tos', [word('tos')], 'Type of service selector.'),
    opt('dsfield', [word('tos')], 'Type of service selector.'),
    opt('realms', [word('realm')], 'Route realms.'),
    opt(
      'mtu',
      [word('mtu or lock'), int('mtu', 0, undefined, { optional: true })],
      'Path MTU (`lock` fixes it).',
    ),
    opt('advmss', [int('bytes', 0)], 'Advertised MSS.'),
    opt('rtt', [word('time')], 'Initial RTT estimate.'),
    opt('rttvar', [word('time')], 'Initial RTT variance.'),
    opt('reordering', [int('n', 0)], 'Reordering estimate.'),
    opt('window', [int('bytes', 0)], 'Maximal window.'),
    opt('cwnd', [int('packets', 0)], 'Clamp of the congestion window.'),
    opt(
      'ssthresh',
      [word('lock or value'), int('n', 0, undefined, { optional: true })],
      'Initial slow start threshold.',
    ),
    opt('rto_min', [word('time')], 'Minimum retransmission timeout.'),
    opt('initcwnd', [int('packets', 0)], 'Initial congestion window.'),
    opt('initrwnd', [int('packets', 0)], 'Initial receive window.'),
    opt('features', [word('feature')], 'Route features (`ecn`).'),
    opt('quickack', [int('0|1', 0, 1)], 'Quick ACK behaviour.'),
    opt('fastopen_no_cookie', [int('0|1', 0, 1)], 'TCP fast open without cookie.'),
    opt(
      'congctl',
      [word('algorithm'), word('algorithm', { optional: true })],
      'Congestion control algorithm.',
    ),
    opt('pref', [enumv('pref', ['low', 'medium', 'high'])], 'IPv6 router preference.'),
    opt('expires', [int('seconds', 0)], 'IPv6 route lifetime.'),
    opt('hoplimit', [int('hops', 0, 255)], 'Hop limit.'),
    opt('vrf', [iface('vrf')], 'VRF to put the route in.'),
    opt('encap', [rest('encapsulation')], 'Lightweight tunnel encapsulation.'),
    opt('append', [], 'Add after matching routes (like `ip route append`).'),
    opt('inet6', [], 'Force an ambiguous route to IPv6.'),
    opt('ttl-propagate', [word('enabled|disabled')], 'MPLS TTL propagation.'),
    noTrack,
    trackGroup,
  ],
  openEnded: true,
};

/** `virtual_rules`, `static_rules`. */
export const RULE_GRAMMAR: ListGrammar = {
  kind: 'rule',
  summary: 'A policy routing rule in `ip rule add` syntax (full option names only).',
  head: [],
  options: [
    opt('from', [addr('prefix')], 'Source prefix to match (`all` for any).'),
    opt('to', [addr('prefix')], 'Destination prefix to match.'),
    opt('not', [], 'Invert the selector.'),
    opt('iif', [iface()], 'Incoming interface.'),
    opt('oif', [iface()], 'Outgoing interface.'),
    opt('tos', [word('tos')], 'TOS value to match.'),
    opt('dsfield', [word('tos')], 'TOS value to match.'),
    opt('fwmark', [word('mark[/mask]')], 'Firewall mark to match.'),
    opt('preference', [int('pref', 0)], 'Rule priority; set it so the order stays stable.'),
    opt('priority', [int('pref', 0)], 'Rule priority.'),
    opt('order', [int('pref', 0)], 'Rule priority.'),
    opt('table', [word('table')], 'Routing table to look up.'),
    opt('lookup', [word('table')], 'Routing table to look up.'),
    opt('realms', [word('from/to')], 'Realms to match or set.'),
    opt('goto', [int('pref', 0)], 'Jump to another rule.'),
    opt('nop', [], 'Do nothing (placeholder rule).'),
    opt(
      'suppress_prefixlength',
      [int('len', -1, 128)],
      'Reject results with a prefix this short or shorter.',
    ),
    opt('suppress_ifgroup', [word('group')], 'Reject results through this interface group.'),
    opt('uidrange', [word('start-end')], 'UID range to match.'),
    opt('l3mdev', [], 'Look up the table of the L3 master device.'),
    opt('protocol', [word('protocol')], 'Protocol that installed the rule.'),
    opt('ip_proto', [word('protocol')], 'IP protocol to match.'),
    opt('sport', [word('port[-port]')], 'Source port range to match.'),
    opt('dport', [word('port[-port]')], 'Destination port range to match.'),
    opt('tun_id', [int('id', 0)], 'Tunnel id to match.'),
    opt('type', [word('type')], 'Rule type (unicast, blackhole, unreachable, prohibit, nat).'),
    opt('inet6', [], 'Force an ambiguous rule to IPv6.'),
    noTrack,
    trackGroup,
  ],
  openEnded: true,
};

const weightOpt = (min: number, max: number): ListOption =>
  opt(
    'weight',
    [int('weight', min, max), enumv('reverse', ['reverse', 'noreverse'], { optional: true })],
    `Priority adjustment in [${min}, ${max}]; \`reverse\` flips its direction.`,
  );

function trackGrammar(what: string, refers: string, min: number, max: number): ListGrammar {
  return {
    kind: 'track',
    summary: `A ${what} name, optionally followed by \`weight <n> [reverse]\` (${min}…${max}).`,
    head: [refers === 'interface' ? iface() : ref(what, refers)],
    options: [weightOpt(min, max)],
  };
}

export const TRACK_INTERFACE_GRAMMAR = trackGrammar('interface', 'interface', -253, 253);
export const TRACK_SCRIPT_GRAMMAR = trackGrammar('script', 'vrrp_script', -253, 253);
export const TRACK_FILE_GRAMMAR = trackGrammar('track file', 'track_file', -254, 254);
export const TRACK_PROCESS_GRAMMAR = trackGrammar('track process', 'vrrp_track_process', -254, 254);
export const TRACK_BFD_GRAMMAR = trackGrammar('BFD instance', 'bfd_instance', -253, 253);

export const PEER_GRAMMAR: ListGrammar = {
  kind: 'peer',
  summary: 'A unicast peer address, optionally with an accepted TTL range.',
  head: [addr('peer address')],
  options: [
    opt('min_ttl', [int('ttl', 0, 255)], 'Lowest TTL/hop limit accepted from this peer.'),
    opt('max_ttl', [int('ttl', 0, 255)], 'Highest TTL/hop limit accepted from this peer.'),
  ],
};

export const EMAIL_GRAMMAR: ListGrammar = {
  kind: 'email',
  summary: 'Recipient e-mail addresses (quote an address that has a display name).',
  head: [{ name: 'email', type: 'string' }],
  options: [],
  manyPerLine: true,
};

export const GROUP_GRAMMAR: ListGrammar = {
  kind: 'group',
  summary: 'Names of vrrp_instance blocks.',
  head: [ref('instance', 'vrrp_instance')],
  options: [],
  manyPerLine: true,
};

export const LINKBEAT_GRAMMAR: ListGrammar = {
  kind: 'interface',
  summary: 'An interface name, optionally followed by the polling method.',
  head: [iface(), enumv('method', ['MII', 'ETHTOOL', 'IOCTL'], { optional: true })],
  options: [],
};

export const INTERFACES_GRAMMAR: ListGrammar = {
  kind: 'interface',
  summary: 'Interface names sharing one GARP/NA rate limit.',
  head: [iface()],
  options: [],
  manyPerLine: true,
};

export const IF_DELAY_GRAMMAR: ListGrammar = {
  kind: 'if-delay',
  summary: 'An interface, its down delay and optional up delay in seconds (0…255).',
  head: [iface(), float('down_delay', 0, 255), float('up_delay', 0, 255, { optional: true })],
  options: [],
};

export const VSG_GRAMMAR: ListGrammar = {
  kind: 'vsg',
  summary:
    'An address, address range or prefix with an optional port, or `fwmark <n> [inet|inet6]`.',
  head: [addr('address|range'), { name: 'port', type: 'port', min: 0, max: 65535, optional: true }],
  options: [],
  forms: [
    opt(
      'fwmark',
      [int('mark', 0), enumv('family', ['inet', 'inet6'], { optional: true })],
      'A firewall mark member.',
    ),
  ],
};
