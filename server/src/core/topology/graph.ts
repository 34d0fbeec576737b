/**
 * The topology graph: a serialisable picture of one cluster, from clients through virtual IPs and
 * nodes to HAProxy's frontends, backends and servers (and Keepalived's own virtual servers). The
 * language server sends it to the editor's preview (`ha/topology`), `halint topology` renders it to
 * HTML, SVG or Mermaid. It holds plain data only (no syntax trees, no functions), so that it
 * crosses a JSON boundary unchanged, and everything the renderer draws is already decided here:
 * the renderer never reads configuration text.
 *
 * @packageDocumentation
 */

/** Format version; the renderer refuses graphs of another version rather than draw them wrong. */
export const TOPOLOGY_FORMAT = 1;

/** A zero-based position, as LSP counts it (UTF-16 code units). */
interface TopologyPosition {
  readonly line: number;
  readonly character: number;
}

/** Where an element is written: the file (URI in the editor, path in the CLI) and the range. */
export interface TopologyLocation {
  readonly uri: string;
  readonly range: { readonly start: TopologyPosition; readonly end: TopologyPosition };
}

/** A finding that touches an element, as short as the picture needs it. */
export interface TopologyFinding {
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly code: string;
  readonly message: string;
}

/** What an element is; decides its column, shape and legend entry. */
export type TopologyElementKind =
  | 'clients'
  | 'vip'
  | 'node'
  | 'sync-group'
  | 'haproxy'
  | 'frontend'
  | 'listen'
  | 'backend'
  | 'server'
  | 'more'
  | 'virtual-server'
  | 'real-server';

/**
 * Marks that change how an element is drawn. Every mark is explained by the legend.
 * - `ssl`, `transparent`: a bind option of a frontend.
 * - `backup`, `disabled`, `no-check`: a server (`no-check`: HAProxy never health-checks it).
 * - `missing`: a reference to something that does not exist (a `use_backend` to an undefined
 *   backend is drawn as a missing backend element).
 * - `shared`: an HAProxy layer drawn once for several identical nodes.
 * - `drift`: an element that differs between nodes (config-drift made visible).
 * - `opaque`: a value that depends on the environment.
 */
export type TopologyMark =
  | 'ssl'
  | 'transparent'
  | 'backup'
  | 'disabled'
  | 'no-check'
  | 'missing'
  | 'shared'
  | 'drift'
  | 'opaque';

/** One box (or container) of the picture. */
export interface TopologyElement {
  /** Unique within the graph and stable across edits of unrelated lines (derived from names). */
  readonly id: string;
  readonly kind: TopologyElementKind;
  /** Main line, e.g. `192.0.2.10`, `lb1`, `be_api`, `web1 198.51.100.11:80`. */
  readonly label: string;
  /** Further lines, in order, e.g. `VRID 51 · advert 1 s · auth PASS`, `roundrobin · httpchk GET /health`. */
  readonly details: readonly string[];
  /** Enclosing container (a node, an HAProxy layer, a sync group); absent for top-level elements. */
  readonly parent?: string;
  readonly marks: readonly TopologyMark[];
  /** Where the element is written; absent for synthetic ones (clients, "more"). */
  readonly location?: TopologyLocation;
  /** Findings on the element's lines, most severe first. */
  readonly findings: readonly TopologyFinding[];
  /** For a `more` element: how many elements were folded into it (see {@link TopologyGraph.folded}). */
  readonly count?: number;
  /** For a `node` element: the node name the simulation uses. */
  readonly node?: string;
  /** For a `sync-group` element: the instances it names, in the order written. */
  readonly members?: readonly string[];
}

/** What an edge means; decides its style. */
export type TopologyEdgeKind =
  /** clients → VIP, clients → frontend (no Keepalived) */
  | 'traffic'
  /** VIP → node that may hold it */
  | 'vip'
  /** node → its HAProxy layer (or frontends) */
  | 'serves'
  /** frontend → backend through `use_backend` (label: the condition) */
  | 'route'
  /** frontend → backend through `default_backend` (drawn dashed) */
  | 'default-route'
  /** backend → server */
  | 'server'
  /** VIP / node → Keepalived virtual server, virtual server → real server */
  | 'lvs';

/** One arrow. */
export interface TopologyEdge {
  readonly id: string;
  readonly kind: TopologyEdgeKind;
  readonly from: string;
  readonly to: string;
  /** E.g. `if { path_beg /api/ }`, `:80`. */
  readonly label?: string;
  readonly location?: TopologyLocation;
  readonly findings: readonly TopologyFinding[];
}

/** A tracked check of a VRRP instance, as the simulation sees it. */
export interface SimCheck {
  /** Unique within the graph; the scenario names failing checks by it. */
  readonly id: string;
  readonly kind: 'script' | 'interface' | 'file' | 'process';
  readonly name: string;
  /** Weight in effect (0: FAULT on failure). */
  readonly weight: number;
  readonly reverse: boolean;
  /** The check watches HAProxy (a `killall -0 haproxy`-like script, `track_process` of haproxy). */
  readonly watchesHaproxy: boolean;
  readonly location?: TopologyLocation;
}

/** One node's instance in a VRRP group, with what its election needs. */
export interface SimMember {
  /** Node name (matches {@link TopologyElement.node}). */
  readonly node: string;
  readonly instance: string;
  /** `state` as written (`MASTER`, `BACKUP`), absent when not written. */
  readonly state?: string;
  /** Configured priority. */
  readonly base: number;
  /** Weighted checks are ignored (address owner, or sync group without tracking weights). */
  readonly weightless: boolean;
  /** `nopreempt` in effect. */
  readonly nopreempt: boolean;
  /** `unicast_src_ip`, which breaks ties. */
  readonly source?: string;
  readonly checks: readonly SimCheck[];
  readonly location?: TopologyLocation;
}

/** One VRRP group (the same election on several nodes). */
export interface SimGroup {
  readonly id: string;
  /** VIP elements of the group. */
  readonly vips: readonly string[];
  readonly members: readonly SimMember[];
  /**
   * The members cannot hear each other (VRIDs, authentication or versions differ): each one is
   * MASTER on its own. The finding says why.
   */
  readonly split?: TopologyFinding;
  /**
   * With `split`: the members (node names) that do hear each other, one list per part; each part
   * elects its own master. Absent: every member alone.
   */
  readonly parts?: readonly (readonly string[])[];
}

/** A summary of the findings of the whole cluster, for the header. */
interface TopologyCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
}

/** The whole picture of one cluster. */
export interface TopologyGraph {
  readonly format: typeof TOPOLOGY_FORMAT;
  /** The cluster's name (its folder), for the title. */
  readonly title: string;
  /** Node names in order. */
  readonly nodes: readonly string[];
  readonly elements: readonly TopologyElement[];
  readonly edges: readonly TopologyEdge[];
  readonly groups: readonly SimGroup[];
  readonly counts: TopologyCounts;
  /**
   * Elements left out to keep a large picture readable (long server lists, many backends): the
   * renderer offers "show all", which asks for the graph again with `limit: 0`.
   */
  readonly folded: number;
}

/** Which failures a user marked in the simulation controls. */
export interface FailoverScenario {
  /** Nodes that are down altogether (their instances send nothing). */
  readonly nodesDown: readonly string[];
  /** Nodes whose HAProxy is down: every check with `watchesHaproxy` on that node fails. */
  readonly haproxyDown: readonly string[];
  /** Ids of checks that fail. */
  readonly failing: readonly string[];
}

/** What the simulation says of one group under a scenario. */
export interface ScenarioOutcome {
  readonly group: string;
  /** Effective priority per node (`fault`: gives the VIP up; `down`: the node is down). */
  readonly priorities: Readonly<Record<string, number | 'fault' | 'down'>>;
  /** Nodes that hold the VIP: one normally, several when the group is split, none when nobody can. */
  readonly holders: readonly string[];
  /** Who held it with everything healthy. */
  readonly healthyHolders: readonly string[];
  /** One sentence: why the VIP is where it is (or did not move, or is held twice). */
  readonly explanation: string;
  /** The outcome is a problem: nobody holds the VIP, two nodes do, or HAProxy is down on the holder. */
  readonly problem: boolean;
}
