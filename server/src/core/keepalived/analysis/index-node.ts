/**
 * One pass over a node's view collecting what the reference and consistency rules, the editor
 * features and the cluster analysis need: scripts, tracked files and processes, VRRP instances,
 * sync groups, virtual server groups and the script-security settings of `global_defs`. Names,
 * where they are defined and used, come from the view's reference table (`references.ts`).
 */
import type { KeepalivedItem, KeepalivedNode, KeepalivedWord } from '../ast.js';
import { TOP_CONTEXT, keywordIn } from '../catalog/index.js';
import type { KeepalivedRuleContext } from '../rules/context.js';
import {
  keepalivedReferences,
  type KeepalivedNameSite,
  type KeepalivedReferences,
} from './references.js';
import { nodeView, type NodeView } from './view.js';

/** A named definition (`vrrp_script`, `vrrp_track_file`, `vrrp_track_process`, groups). */
export interface NamedDefinition {
  readonly name: string;
  /** The name word, or the keyword when the line names nothing. */
  readonly word: KeepalivedWord;
  readonly item: KeepalivedItem;
}

/** A `vrrp_script` with the values the rules need. */
export interface ScriptDefinition extends NamedDefinition {
  /** Default weight of the script (`weight` inside the block), 0 when unset. */
  readonly weight: number;
  /** The block has a `script` line; keepalived removes a vrrp_script without one. */
  readonly hasScript: boolean;
}

/** A use of a name inside a list block (`track_script`, sync group `group`, …). */
export interface NameUse {
  readonly name: string;
  readonly word: KeepalivedWord;
  /** The line the name stands on. */
  readonly item: KeepalivedItem;
}

/** One entry of a `track_*` block. */
export interface TrackUse extends NameUse {
  /** `weight N` on the line, when given and numeric. */
  readonly weight: number | undefined;
  readonly reverse: boolean;
}

/** An address line (VIP or unicast peer). */
export interface AddressEntry {
  /** The address without prefix length, lower-cased. */
  readonly address: string;
  readonly family: 4 | 6;
  readonly word: KeepalivedWord;
  readonly item: KeepalivedItem;
}

/** A keyword line with its first argument. */
interface Setting {
  readonly item: KeepalivedItem;
  readonly value: KeepalivedWord | undefined;
}

/** Everything collected about one `vrrp_instance`. */
export interface InstanceInfo extends NamedDefinition {
  readonly state: Setting | undefined;
  /** Explicit `priority` line. */
  readonly priorityLine: Setting | undefined;
  /** Priority keepalived uses: the explicit one, else 255 with `state MASTER`, else 100. */
  readonly priority: number;
  readonly vrid: Setting | undefined;
  readonly interface: Setting | undefined;
  /** Address family, decided by the first address of the block as keepalived does. */
  readonly family: 4 | 6;
  readonly vips: readonly AddressEntry[];
  readonly excludedVips: readonly AddressEntry[];
  readonly unicastSrc: AddressEntry | undefined;
  readonly unicastPeers: readonly AddressEntry[];
  readonly mcastDst: string | undefined;
  /** The `authentication` block, its `auth_type` and `auth_pass` lines. */
  readonly auth:
    { item: KeepalivedItem; type: Setting | undefined; pass: Setting | undefined } | undefined;
  readonly versionLine: Setting | undefined;
  /** VRRP version in effect: `version`, else global `vrrp_version`, else 2; IPv6 forces 3. */
  readonly version: 2 | 3;
  readonly advertInt: Setting | undefined;
  readonly nopreempt: KeepalivedItem | undefined;
  readonly preemptDelay: KeepalivedItem | undefined;
  readonly trackScripts: readonly TrackUse[];
  readonly trackFiles: readonly TrackUse[];
  readonly trackProcesses: readonly TrackUse[];
  readonly trackInterfaces: readonly TrackUse[];
}

/** A `vrrp_sync_group`. */
export interface SyncGroupInfo extends NamedDefinition {
  readonly members: readonly NameUse[];
  readonly trackScripts: readonly TrackUse[];
  readonly trackFiles: readonly TrackUse[];
  readonly trackProcesses: readonly TrackUse[];
  readonly trackInterfaces: readonly TrackUse[];
}

/** A command keepalived runs (`script`, `notify*`, `misc_path`, `quorum_up`, …). */
interface ScriptCommand {
  readonly item: KeepalivedItem;
  /** The words of the command (one quoted word or several plain ones). */
  readonly words: readonly KeepalivedWord[];
}

/** The per-node index. */
export interface NodeIndex {
  readonly view: NodeView;
  /** The reference table of the view: every definition and use of a name. */
  readonly references: KeepalivedReferences;
  readonly scripts: ReadonlyMap<string, ScriptDefinition>;
  readonly trackFiles: ReadonlyMap<string, NamedDefinition>;
  readonly trackProcesses: ReadonlyMap<string, NamedDefinition>;
  /** Every instance in order, duplicates included. */
  readonly instances: readonly InstanceInfo[];
  /** The first instance of each name. */
  readonly instancesByName: ReadonlyMap<string, InstanceInfo>;
  readonly syncGroups: readonly SyncGroupInfo[];
  readonly virtualServerGroups: ReadonlyMap<string, NamedDefinition>;
  /** `virtual_server group NAME` uses. */
  readonly virtualServerGroupUses: readonly NameUse[];
  readonly enableScriptSecurity: KeepalivedItem | undefined;
  readonly scriptUser: KeepalivedItem | undefined;
  /** The first `global_defs` line, where a missing global setting belongs. */
  readonly globalDefs: KeepalivedItem | undefined;
  readonly scriptCommands: readonly ScriptCommand[];
  /** Interface names the config uses outside `track_interface`. */
  readonly interfaceNames: ReadonlySet<string>;
}

/** Keywords whose arguments are a command keepalived runs. */
export const SCRIPT_KEYWORDS: ReadonlySet<string> = new Set([
  'script',
  'notify',
  'notify_master',
  'notify_backup',
  'notify_fault',
  'notify_stop',
  'notify_deleted',
  'notify_master_rx_lower_pri',
  'notify_up',
  'notify_down',
  'misc_path',
  'quorum_up',
  'quorum_down',
  'startup_script',
  'shutdown_script',
  'notify_fifo_script',
  'vrrp_notify_fifo_script',
  'lvs_notify_fifo_script',
]);

/** Family of an address word, or undefined when it is no address (a parameter, a template). */
function addressFamily(text: string): 4 | 6 | undefined {
  const address = text.split('/')[0] ?? '';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return 4;
  if (address.includes(':') && /^[0-9a-fA-F:.]+(%\S+)?$/.test(address)) return 6;
  return undefined;
}

function addressEntry(item: KeepalivedItem, word: KeepalivedWord): AddressEntry | undefined {
  if (word.hasTemplate || word.refs.length > 0) return undefined;
  const family = addressFamily(word.value);
  if (family === undefined) return undefined;
  return { address: (word.value.split('/')[0] ?? '').toLowerCase(), family, word, item };
}

function itemsOf(item: KeepalivedItem): KeepalivedItem[] {
  return (item.block?.items ?? []).filter((node): node is KeepalivedItem => node.kind === 'item');
}

function setting(item: KeepalivedItem): Setting {
  return { item, value: item.args[0] };
}

/** `weight N` and `reverse` on a tracking line. */
function trackUse(line: KeepalivedItem, name: string, word: KeepalivedWord): TrackUse {
  let weight: number | undefined;
  let reverse = false;
  line.args.forEach((arg, i) => {
    if (arg.value === 'weight') {
      const next = line.args[i + 1]?.value;
      if (next !== undefined && /^[-+]?\d+$/.test(next)) weight = Number(next);
    } else if (arg.value === 'reverse') reverse = true;
  });
  return { name, word, item: line, weight, reverse };
}

/** The entries of a `track_interface` block (interfaces are no names the table follows). */
function interfaceUses(block: KeepalivedItem): TrackUse[] {
  const uses: TrackUse[] = [];
  for (const line of itemsOf(block)) {
    if (line.keyword.hasTemplate || line.keyword.refs.length > 0) continue;
    uses.push(trackUse(line, line.keyword.value, line.keyword));
  }
  return uses;
}

/** What an instance or a sync group tracks, by the kind of name its entries refer to. */
interface Tracked {
  trackScripts: TrackUse[];
  trackFiles: TrackUse[];
  trackProcesses: TrackUse[];
  trackInterfaces: TrackUse[];
}

/** The tracked checks of the lines of `item`, sorted by what their names refer to. */
function trackedOf(item: KeepalivedItem, table: KeepalivedReferences): Tracked {
  const tracked: Tracked = {
    trackScripts: [],
    trackFiles: [],
    trackProcesses: [],
    trackInterfaces: [],
  };
  const lists: Readonly<Record<string, TrackUse[]>> = {
    vrrp_script: tracked.trackScripts,
    track_file: tracked.trackFiles,
    vrrp_track_process: tracked.trackProcesses,
  };
  for (const line of itemsOf(item)) {
    if (line.keyword.value === 'track_interface') {
      tracked.trackInterfaces.push(...interfaceUses(line));
      continue;
    }
    for (const site of table.referencesUnder(line)) {
      if (site.dynamic) continue;
      lists[site.kind]?.push(trackUse(site.item, site.name, site.word));
    }
  }
  return tracked;
}

function named(item: KeepalivedItem): NamedDefinition {
  const word = item.args[0] ?? item.keyword;
  return { name: item.args[0]?.value ?? '', word, item };
}

function collectCommands(item: KeepalivedItem, commands: ScriptCommand[]): void {
  for (const child of itemsOf(item)) {
    if (SCRIPT_KEYWORDS.has(child.keyword.value) && child.args.length > 0) {
      commands.push({ item: child, words: child.args });
    }
    if (child.block) collectCommands(child, commands);
  }
}

function instanceInfo(
  item: KeepalivedItem,
  globalVersion: 2 | 3,
  table: KeepalivedReferences,
): InstanceInfo {
  let state: Setting | undefined;
  let priorityLine: Setting | undefined;
  let vrid: Setting | undefined;
  let iface: Setting | undefined;
  let versionLine: Setting | undefined;
  let advertInt: Setting | undefined;
  let nopreempt: KeepalivedItem | undefined;
  let preemptDelay: KeepalivedItem | undefined;
  let mcastDst: string | undefined;
  let auth: InstanceInfo['auth'];
  let unicastSrc: AddressEntry | undefined;
  let family: 4 | 6 | undefined;
  let native6 = false;
  const vips: AddressEntry[] = [];
  const excludedVips: AddressEntry[] = [];
  const unicastPeers: AddressEntry[] = [];
  // keepalived fixes the family with the first address it reads, whichever list it is in.
  const note = (entry: AddressEntry | undefined): void => {
    if (entry && family === undefined) family = entry.family;
  };
  for (const line of itemsOf(item)) {
    switch (line.keyword.value) {
      case 'state':
        state = setting(line);
        break;
      case 'priority':
        priorityLine = setting(line);
        break;
      case 'virtual_router_id':
        vrid = setting(line);
        break;
      case 'interface':
        iface = setting(line);
        break;
      case 'version':
        versionLine = setting(line);
        break;
      case 'advert_int':
        advertInt = setting(line);
        break;
      case 'nopreempt':
      case 'no_preempt':
        nopreempt = line;
        break;
      case 'preempt_delay':
        preemptDelay = line;
        break;
      case 'native_ipv6':
        native6 = true;
        break;
      case 'mcast_dst_ip':
        mcastDst = line.args[0]?.value;
        break;
      case 'unicast_src_ip': {
        const word = line.args[0];
        unicastSrc = word ? addressEntry(line, word) : undefined;
        note(unicastSrc);
        break;
      }
      case 'authentication': {
        let type: Setting | undefined;
        let pass: Setting | undefined;
        for (const child of itemsOf(line)) {
          if (child.keyword.value === 'auth_type') type = setting(child);
          if (child.keyword.value === 'auth_pass') pass = setting(child);
        }
        auth = { item: line, type, pass };
        break;
      }
      case 'virtual_ipaddress':
      case 'virtual_ipaddress_excluded':
      case 'unicast_peer': {
        const list =
          line.keyword.value === 'unicast_peer'
            ? unicastPeers
            : line.keyword.value === 'virtual_ipaddress'
              ? vips
              : excludedVips;
        for (const entryLine of itemsOf(line)) {
          const entry = addressEntry(entryLine, entryLine.keyword);
          if (!entry) continue;
          list.push(entry);
          // Excluded addresses are not in adverts and do not fix the family.
          if (list !== excludedVips) note(entry);
        }
        break;
      }
      default:
        break;
    }
  }
  const resolvedFamily: 4 | 6 = native6 ? 6 : (family ?? 4);
  const explicitPriority = priorityLine?.value?.value;
  const priority =
    explicitPriority !== undefined && /^\d+$/.test(explicitPriority)
      ? Number(explicitPriority)
      : state?.value?.value === 'MASTER'
        ? 255
        : 100;
  const versionValue = versionLine?.value?.value;
  const version: 2 | 3 =
    resolvedFamily === 6 ? 3 : versionValue === '3' ? 3 : versionValue === '2' ? 2 : globalVersion;
  return {
    ...named(item),
    state,
    priorityLine,
    priority,
    vrid,
    interface: iface,
    family: resolvedFamily,
    vips,
    excludedVips,
    unicastSrc,
    unicastPeers,
    mcastDst,
    auth,
    versionLine,
    version,
    advertInt,
    nopreempt,
    preemptDelay,
    ...trackedOf(item, table),
  };
}

function syncGroupInfo(item: KeepalivedItem, table: KeepalivedReferences): SyncGroupInfo {
  const members: NameUse[] = [];
  for (const line of itemsOf(item)) {
    // keepalived reads the group as one list of words, however they are split over lines.
    for (const site of table.referencesUnder(line)) {
      if (site.kind !== 'vrrp_instance' || site.dynamic) continue;
      members.push({ name: site.name, word: site.word, item: site.item });
    }
  }
  return { ...named(item), members, ...trackedOf(item, table) };
}

function scriptWeight(item: KeepalivedItem): number {
  for (const line of itemsOf(item)) {
    const value = line.args[0]?.value;
    if (line.keyword.value === 'weight' && value !== undefined && /^[-+]?\d+$/.test(value)) {
      return Number(value);
    }
  }
  return 0;
}

function isTopItem(node: KeepalivedNode): node is KeepalivedItem {
  return node.kind === 'item';
}

function buildIndex(view: NodeView): NodeIndex {
  const top = view.items.filter(isTopItem);
  let globalVersion: 2 | 3 = 2;
  let enableScriptSecurity: KeepalivedItem | undefined;
  let scriptUser: KeepalivedItem | undefined;
  let globalDefs: KeepalivedItem | undefined;
  for (const item of top) {
    if (item.keyword.value !== 'global_defs') continue;
    globalDefs ??= item;
    for (const line of itemsOf(item)) {
      if (line.keyword.value === 'vrrp_version' && line.args[0]?.value === '3') globalVersion = 3;
      if (line.keyword.value === 'enable_script_security') enableScriptSecurity ??= line;
      if (line.keyword.value === 'script_user') scriptUser ??= line;
    }
  }
  const table = keepalivedReferences(view.items);
  /** The first definition of each name of a kind, as the reference table lists them. */
  const firstOf = (kind: string): Map<string, KeepalivedNameSite> => {
    const first = new Map<string, KeepalivedNameSite>();
    for (const site of table.definitions(kind)) {
      if (!first.has(site.name)) first.set(site.name, site);
    }
    return first;
  };
  const definition = (site: KeepalivedNameSite): NamedDefinition => named(site.item);
  const scripts = new Map<string, ScriptDefinition>();
  for (const [name, site] of firstOf('vrrp_script')) {
    scripts.set(name, {
      ...definition(site),
      weight: scriptWeight(site.item),
      hasScript: itemsOf(site.item).some(
        (line) => line.keyword.value === 'script' && line.args.length > 0,
      ),
    });
  }
  const mapOf = (kind: string): Map<string, NamedDefinition> =>
    new Map([...firstOf(kind)].map(([name, site]) => [name, definition(site)]));
  const trackFiles = mapOf('track_file');
  const trackProcesses = mapOf('vrrp_track_process');
  const virtualServerGroups = mapOf('virtual_server_group');
  const virtualServerGroupUses: NameUse[] = table
    .references('virtual_server_group')
    .filter((site) => site.word.refs.length === 0)
    .map((site) => ({ name: site.name, word: site.word, item: site.item }));
  const instances: InstanceInfo[] = [];
  const instancesByName = new Map<string, InstanceInfo>();
  const syncGroups: SyncGroupInfo[] = [];
  const scriptCommands: ScriptCommand[] = [];
  const interfaceNames = new Set<string>();
  for (const item of top) {
    // What a top-level block defines, as the catalog marks it (unnamed blocks included).
    switch (keywordIn(TOP_CONTEXT, item.keyword.value)?.defines ?? '') {
      case 'vrrp_instance': {
        const name = item.args[0]?.value;
        const instance = instanceInfo(item, globalVersion, table);
        instances.push(instance);
        if (name !== undefined && !instancesByName.has(name)) instancesByName.set(name, instance);
        const iface = instance.interface?.value?.value;
        if (iface !== undefined) interfaceNames.add(iface);
        for (const vip of [...instance.vips, ...instance.excludedVips]) {
          const dev = vip.item.args.findIndex((arg) => arg.value === 'dev');
          const devName = dev >= 0 ? vip.item.args[dev + 1]?.value : undefined;
          if (devName !== undefined) interfaceNames.add(devName);
        }
        break;
      }
      case 'vrrp_sync_group':
        syncGroups.push(syncGroupInfo(item, table));
        break;
      default:
        break;
    }
    collectCommands(item, scriptCommands);
  }
  return {
    view,
    references: table,
    scripts,
    trackFiles,
    trackProcesses,
    instances,
    instancesByName,
    syncGroups,
    virtualServerGroups,
    virtualServerGroupUses,
    enableScriptSecurity,
    scriptUser,
    globalDefs,
    scriptCommands,
    interfaceNames,
  };
}

const cache = new WeakMap<NodeView, NodeIndex>();

/** The index of the node view of a rule context, built once per view. */
export function nodeIndex(context: KeepalivedRuleContext): NodeIndex {
  const view = nodeView(context);
  let index = cache.get(view);
  if (!index) {
    index = buildIndex(view);
    cache.set(view, index);
  }
  return index;
}
