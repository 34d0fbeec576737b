/**
 * The cluster model: the nodes of an HA pair (or more), what each node's HAProxy and Keepalived
 * would load, and the VRRP groups that span the nodes. Cross-node rules and editor features read
 * this model; it is built by `buildCluster` (build.ts) and never reaches outside the core.
 */
import type { FileHost } from '../common/file-host.js';
import type { LineIndex } from '../common/line-index.js';
import type { HaproxyDocument, KeepalivedDocument } from '../document.js';
import type {
  InstanceInfo,
  NamedDefinition,
  NodeIndex,
  ScriptDefinition,
  TrackUse,
} from '../keepalived/analysis/index-node.js';
import type { ServiceSettings } from '../settings.js';
import type { HaproxyFacts } from './haproxy-facts.js';

/** What the host knows about one node before analysis. */
export interface ClusterNodeInput {
  /** Node name: the folder name, or the key in `.halint.json` `nodes`. */
  readonly name: string;
  /** Keepalived config-id selecting `@id` lines (default: the node name). */
  readonly configId?: string;
  /** Values for HAProxy `${VAR}` and Keepalived `$NAME` the files leave to the environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** HAProxy files of the node in load order (`haproxy -f DIR` reads a folder in name order). */
  readonly haproxy: readonly HaproxyDocument[];
  /**
   * The HAProxy files the node's HAProxy reads as one configuration, in order (`haproxy.cfg` then
   * a `conf.d` folder, or the files a mapping lists); other HAProxy files of the node are
   * separate configurations. Validation reads these together. Absent: each file alone.
   */
  readonly haproxyConfig?: readonly HaproxyDocument[];
  /** Top-level Keepalived files of the node (includes are followed through `files`). */
  readonly keepalived: readonly KeepalivedDocument[];
}

/** Everything `buildCluster` needs. */
export interface ClusterInput {
  readonly nodes: readonly ClusterNodeInput[];
  readonly settings: ServiceSettings;
  /** Reads included files; without it includes are not followed. */
  readonly files?: FileHost;
}

/** One Keepalived file of a node, expanded for that node. */
export interface KeepalivedPart {
  readonly document: KeepalivedDocument;
  readonly index: NodeIndex;
}

/** One analysed node. */
export interface ClusterNode {
  readonly name: string;
  readonly configId: string;
  readonly input: ClusterNodeInput;
  readonly keepalived: readonly KeepalivedPart[];
  /** Facts of the node's HAProxy configuration; undefined when the node runs no HAProxy. */
  readonly haproxy: HaproxyFacts | undefined;
}

/** One node's instance in a VRRP group. */
export interface GroupMember {
  readonly node: ClusterNode;
  readonly instance: InstanceInfo;
  /** The index the instance comes from (its scripts are looked up there). */
  readonly index: NodeIndex;
  /** The node's top-level Keepalived document the instance was reached from. */
  readonly document: KeepalivedDocument;
  /** File the `vrrp_instance` line is written in. */
  readonly uri: string;
  /** Tracked scripts resolved to their definitions on this node (undefined when not defined). */
  readonly scripts: readonly {
    readonly name: string;
    /** Weight in effect: the `track_script` line's, else the script's, else 0. */
    readonly weight: number;
    readonly definition: ScriptDefinition | undefined;
    /** The `track_script` entry. */
    readonly use: TrackUse;
  }[];
  /**
   * Every tracked check of the instance (scripts, interfaces, files, processes) with the weight in
   * effect, in that order: what the failover simulation lets fail one by one.
   */
  readonly checks: readonly TrackedCheck[];
}

/** One tracked object of an instance, as the failover simulation sees it. */
export interface TrackedCheck {
  readonly kind: 'script' | 'interface' | 'file' | 'process';
  readonly name: string;
  /** Weight in effect: the track line's, else the definition's, else 0 (FAULT on failure). */
  readonly weight: number;
  /** `reverse`: the check counts as failing while it is up, and the other way round. */
  readonly reverse: boolean;
  /** The entry in the instance's `track_*` block. */
  readonly use: TrackUse;
  /** The definition on this node (`vrrp_script`, `track_file`, …); undefined for interfaces. */
  readonly definition: NamedDefinition | undefined;
}

/**
 * Instances on different nodes that run one VRRP election: they share a virtual IP or an
 * instance name (a shared `virtual_router_id` alone does not make a group).
 */
export interface VrrpGroup {
  /** Stable identifier: the instance name of the first member, else its first VIP. */
  readonly id: string;
  readonly members: readonly GroupMember[];
}

/** The analysed cluster. */
export interface ClusterModel {
  readonly nodes: readonly ClusterNode[];
  readonly groups: readonly VrrpGroup[];
  readonly settings: ServiceSettings;
  /** Text position lookup for every file the model read (documents and included files). */
  lineIndexOf(uri: string): LineIndex | undefined;
  /** Text of every file the model read. */
  textOf(uri: string): string | undefined;
}

/** What cluster rules inspect. */
export interface ClusterRuleContext {
  readonly model: ClusterModel;
}
